package crisis.alerts.outreach;

import java.time.Clock;
import java.time.Instant;
import crisis.alerts.support.Loop;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Follows up the silent, from the database so that it survives restarts: an alert SMS sent {@code reminderAfter}
 * ago with no reply from its phone for that crisis gets a reminder SMS; a reminder sent {@code callAfter} ago with
 * still no reply gets a voice call. Once per crisis and phone (the reminder's and the call's keys say so), never to
 * someone who answered, never for a crisis that is over. One instance works at a time (advisory lock); the SMS and
 * calls themselves go through the dispatcher, paced like the rest.
 */
public final class Escalation implements AutoCloseable {
  /** Advisory lock key: "escalate" in ASCII. */
  private static final long LOCK = 0x657363616c617465L;

  private final Jdbi jdbi;
  private final OutreachSettings settings;
  private final Clock clock;
  private Loop loop;

  public Escalation(Jdbi jdbi, OutreachSettings settings, Clock clock) {
    this.jdbi = jdbi;
    this.settings = settings;
    this.clock = clock;
  }

  public synchronized void start() {
    loop = Loop.start("sms-escalation", settings.escalationEvery(), () -> {
      runOnce();
      return false;
    });
  }

  /** One pass: returns reminders and calls queued. */
  public int runOnce() {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      if (!h.createQuery("SELECT pg_try_advisory_xact_lock(:k)").bind("k", LOCK).mapTo(Boolean.class).one()) {
        return 0;
      }
      int reminders = step(h, 0, 1, "REMINDER", "s.sent_at <= :before", now.minus(settings.reminderAfter()), now);
      int calls = step(h, 1, 2, "CALL", "EXISTS (SELECT 1 FROM sms_send r WHERE r.dedupe_key = 'reminder:' "
          + "|| s.crisis_id || ':' || s.phone AND r.state IN ('SENT', 'FAILED', 'OPTED_OUT') "
          + "AND COALESCE(r.sent_at, r.status_at) <= :before)", now.minus(settings.callAfter()), now);
      return reminders + calls;
    });
  }

  /**
   * Moves the alert SMS at step {@code from} that are due to step {@code to}, queuing a {@code kind} for each one
   * still unanswered in an active crisis (one per crisis and phone, by its key); the others are done with (step 9).
   * Only the due rows are read: each alert passes each step once.
   */
  private static int step(Handle h, int from, int to, String kind, String due, Instant before, Instant now) {
    return h.createUpdate("""
            WITH due AS (
              SELECT s.id, s.crisis_id, s.message_id, s.phone, s.language, s.sender,
                     EXISTS (SELECT 1 FROM sms_reply r WHERE r.phone = s.phone AND r.crisis_id = s.crisis_id)
                     OR NOT EXISTS (SELECT 1 FROM crisis c WHERE c.id = s.crisis_id AND c.status = 'ACTIVE') AS done
              FROM sms_send s
              WHERE s.kind = 'ALERT' AND s.state = 'SENT' AND s.escalation = :from AND <due>
              FOR UPDATE OF s SKIP LOCKED),
            moved AS (
              UPDATE sms_send s SET escalation = CASE WHEN due.done THEN 9 ELSE :to END, escalated_at = :now
              FROM due WHERE s.id = due.id)
            INSERT INTO sms_send (id, dedupe_key, kind, crisis_id, message_id, phone, language, sender,
                                  next_attempt_at, created_at)
            SELECT gen_random_uuid(), lower(:kind) || ':' || crisis_id || ':' || phone, :kind, crisis_id, message_id,
                   phone, language, sender, :now, :now
            FROM due WHERE NOT done
            ON CONFLICT (dedupe_key) DO NOTHING""")
        .define("due", due)
        .bind("from", from).bind("to", to).bind("kind", kind).bind("before", before).bind("now", now).execute();
  }

  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.close();
      loop = null;
    }
  }
}
