package crisis.alerts.outreach;

import crisis.alerts.sms.SmsStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
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
      if (apply(h, sid, s, errorCode, clock.instant())) {
        return Outcome.APPLIED;
      }
      boolean known = h.createQuery("SELECT EXISTS (SELECT 1 FROM sms_send WHERE sid = :sid)").bind("sid", sid)
          .mapTo(Boolean.class).one();
      if (known) {
        return Outcome.UNCHANGED;
      }
      h.createUpdate("INSERT INTO sms_status_early (sid, status, error_code, received_at) VALUES (:sid, :status, "
              + ":code, :at)")
          .bind("sid", sid).bind("status", s.name()).bind("code", errorCode).bind("at", clock.instant()).execute();
      return Outcome.EARLY;
    });
  }

  /** Reports that arrived before the send was recorded, applied now that it is. */
  void applyEarly(Handle h, String sid) {
    h.createQuery("DELETE FROM sms_status_early WHERE sid = :sid RETURNING status, error_code, received_at")
        .bind("sid", sid)
        .map((rs, ctx) -> new Early(SmsStatus.valueOf(rs.getString(1)), (Integer) rs.getObject(2),
            rs.getTimestamp(3).toInstant()))
        .list()
        .forEach(e -> apply(h, sid, e.status(), e.errorCode(), e.receivedAt()));
  }

  private record Early(SmsStatus status, Integer errorCode, Instant receivedAt) {}

  /**
   * The state machine in SQL: the new status wins when it ranks higher and the current one is not final, except
   * that {@code read} may still follow {@code delivered}.
   */
  private static boolean apply(Handle h, String sid, SmsStatus s, Integer errorCode, Instant at) {
    return h.createUpdate("UPDATE sms_send SET status = :status, status_rank = :rank, status_at = :at, "
            + "error_code = COALESCE(:code, error_code) WHERE sid = :sid AND :rank > status_rank "
            + "AND NOT (status_rank = 4 AND status <> 'delivered')")
        .bind("sid", sid).bind("status", s.name().toLowerCase(Locale.ROOT)).bind("rank", s.rank())
        .bind("code", errorCode).bind("at", at).execute() == 1;
  }
}
