package crisis.alerts.outreach;

import crisis.alerts.sms.SmsStatus;
import crisis.core.outreach.db.SmsDao;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies the gateway's status reports (Twilio's status callbacks, the simulator's deliveries) to {@code sms_send}.
 * Reports arrive out of order and more than once: a status only moves forward ({@link SmsStatus#advance}), checked
 * by the UPDATE itself so that concurrent reports cannot race. A report for a MessageSid not recorded yet (it
 * overtook the gateway's answer to the send) is kept and applied when the send is recorded.
 */
public final class DeliveryReports {
  /** What a report did. */
  public enum Outcome { APPLIED, UNCHANGED, EARLY }

  /**
   * How long a report for a MessageSid not recorded yet is kept: the gateway's answer comes within seconds; a report
   * still unmatched after this is for a message that is not ours. Replays of the same report add nothing.
   */
  static final java.time.Duration KEEP_EARLY = java.time.Duration.ofHours(1);

  private final Jdbi jdbi;
  private final Clock clock;

  public DeliveryReports(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * @param status Twilio's status name; IllegalArgumentException when unknown
   * @param errorCode the gateway's error code for a failed or undelivered SMS, or null
   */
  public Outcome report(String sid, String status, Integer errorCode) {
    SmsStatus s = SmsStatus.fromTwilio(status);
    return jdbi.inTransaction(h -> {
      SmsDao dao = h.attach(SmsDao.class);
      if (apply(dao, sid, s, errorCode, clock.instant())) {
        return Outcome.APPLIED;
      }
      if (dao.sidKnown(sid)) {
        return Outcome.UNCHANGED;
      }
      dao.forgetEarlyBefore(clock.instant().minus(KEEP_EARLY));
      dao.keepEarly(sid, s.name(), errorCode, clock.instant());
      return Outcome.EARLY;
    });
  }

  /** Reports that arrived before the send was recorded, applied now that it is. */
  void applyEarly(SmsDao dao, String sid) {
    dao.takeEarly(sid).forEach(e -> apply(dao, sid, SmsStatus.valueOf(e.status()), e.errorCode(), e.receivedAt()));
  }

  private static boolean apply(SmsDao dao, String sid, SmsStatus s, Integer errorCode, Instant at) {
    return dao.applyStatus(sid, s.name().toLowerCase(Locale.ROOT), s.rank(), errorCode, at);
  }
}
