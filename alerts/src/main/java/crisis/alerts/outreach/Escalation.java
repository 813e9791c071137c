package crisis.alerts.outreach;

import java.time.Clock;
import java.time.Instant;
import crisis.alerts.support.Loop;
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
      // Nothing more for alerts whose phone answered, or whose crisis is over.
      h.createUpdate("""
              UPDATE sms_send s SET escalation = 9, escalated_at = :now
              WHERE s.kind = 'ALERT' AND s.state = 'SENT' AND s.escalation < 2
                AND (EXISTS (SELECT 1 FROM sms_reply r WHERE r.phone = s.phone AND r.crisis_id = s.crisis_id)
                     OR NOT EXISTS (SELECT 1 FROM crisis c WHERE c.id = s.crisis_id AND c.status = 'ACTIVE'))""")
          .bind("now", now).execute();
      int reminders = h.createUpdate("""
              WITH due AS (
                UPDATE sms_send s SET escalation = 1, escalated_at = :now
                WHERE s.kind = 'ALERT' AND s.state = 'SENT' AND s.escalation = 0 AND s.sent_at <= :remindBefore
                RETURNING s.crisis_id, s.message_id, s.phone, s.language, s.sender)
              INSERT INTO sms_send (id, dedupe_key, kind, crisis_id, message_id, phone, language, sender,
                                    next_attempt_at, created_at)
              SELECT gen_random_uuid(), 'reminder:' || crisis_id || ':' || phone, 'REMINDER', crisis_id, message_id,
                     phone, language, sender, :now, :now FROM due
              ON CONFLICT (dedupe_key) DO NOTHING""")
          .bind("now", now).bind("remindBefore", now.minus(settings.reminderAfter())).execute();
      int calls = h.createUpdate("""
              WITH due AS (
                UPDATE sms_send s SET escalation = 2, escalated_at = :now
                WHERE s.kind = 'ALERT' AND s.state = 'SENT' AND s.escalation = 1
                  AND EXISTS (SELECT 1 FROM sms_send r WHERE r.dedupe_key = 'reminder:' || s.crisis_id || ':' || s.phone
                              AND r.state IN ('SENT', 'FAILED', 'OPTED_OUT') AND COALESCE(r.sent_at, r.status_at) <= :callBefore)
                RETURNING s.crisis_id, s.message_id, s.phone, s.language, s.sender)
              INSERT INTO sms_send (id, dedupe_key, kind, crisis_id, message_id, phone, language, sender,
                                    next_attempt_at, created_at)
              SELECT gen_random_uuid(), 'call:' || crisis_id || ':' || phone, 'CALL', crisis_id, message_id,
                     phone, language, sender, :now, :now FROM due
              ON CONFLICT (dedupe_key) DO NOTHING""")
          .bind("now", now).bind("callBefore", now.minus(settings.callAfter())).execute();
      return reminders + calls;
    });
  }

  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.close();
      loop = null;
    }
  }
}
