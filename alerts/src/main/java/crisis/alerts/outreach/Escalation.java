package crisis.alerts.outreach;

import crisis.alerts.support.Leases;
import crisis.alerts.support.Loop;
import crisis.core.crisis.CrisisStatus;
import crisis.core.crisis.db.CrisisDao;
import crisis.core.outreach.SmsKind;
import crisis.core.outreach.db.SmsDao;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Follows up the silent, from the database so that it survives restarts: an alert SMS sent {@code reminderAfter}
 * ago with no reply from its phone for that crisis gets a reminder SMS; a reminder sent {@code callAfter} ago with
 * still no reply gets a voice call. Once per crisis and phone (the reminder's and the call's keys say so), never to
 * someone who answered, never for a crisis that is over. One instance works at a time: its loop runs only while this
 * instance holds the lease {@code sms-escalation} ({@link Leases}), and each pass also takes a transaction-scoped
 * advisory lock; the SMS and calls themselves go through the dispatcher, paced like the rest.
 */
public final class Escalation implements AutoCloseable {
  /** Advisory lock key: "escalate" in ASCII. */
  private static final long LOCK = 0x657363616c617465L;

  private final Jdbi jdbi;
  private final OutreachSettings settings;
  private final Clock clock;
  private final Leases leases;
  private final Leases.Lease lease;
  private Loop loop;

  /** One instance alone: the lease is always held. */
  public Escalation(Jdbi jdbi, OutreachSettings settings, Clock clock) {
    this(jdbi, settings, clock, null);
  }

  /** @param leases the deployment's leases (started and closed by the caller), or null for one instance alone */
  public Escalation(Jdbi jdbi, OutreachSettings settings, Clock clock, Leases leases) {
    this.leases = leases;
    this.lease = leases == null ? Leases.alone("sms-escalation") : leases.want("sms-escalation");
    this.jdbi = jdbi;
    this.settings = settings;
    this.clock = clock;
  }

  public synchronized void start() {
    loop = Loop.start("sms-escalation", settings.escalationEvery(), () -> {
      if (lease.held()) {
        runOnce();
      }
      return false;
    });
  }

  /** One pass: returns reminders and calls queued. */
  public int runOnce() {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      SmsDao dao = h.attach(SmsDao.class);
      if (!dao.tryLock(LOCK)) {
        return 0;
      }
      UUID[] active = h.attach(CrisisDao.class).idsWithStatus(CrisisStatus.ACTIVE).toArray(UUID[]::new);
      int reminders = dao.escalateSentBefore(0, 1, SmsKind.REMINDER, now.minus(settings.reminderAfter()), active,
          now);
      int calls = dao.escalateRemindedBefore(1, 2, SmsKind.CALL, now.minus(settings.callAfter()), active, now);
      return reminders + calls;
    });
  }

  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.close();
      loop = null;
    }
    if (leases != null) {
      leases.release(lease);
    }
  }
}
