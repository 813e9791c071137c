package crisis.core.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How long personal data is kept, by category (docs/data-protection.md, "Retention"). A period ends at the end of its
 * last day: a stay that ended on 1 March with 30 days is kept through 31 March and purged from 1 April.
 *
 * @param temporaryStayDays days a temporary stay's registration is kept after its departure date
 * @param departedMonths months a registration archived (the person left the jurisdiction or came home) or merged
 *     into another is kept after that
 * @param smsBodyDays days the text of an SMS sent or received is kept (the row, without its text, stays with the
 *     person's registration: it proves the alert went out once)
 * @param closedRecordMonths months a record of the State's assistance is kept once it is over: an evacuation request
 *     that ended (arrived, no show, cancelled), a remains case handed over, a reintegration case closed; the people it
 *     names are held meanwhile. The default (60) is a placeholder until the ministry's legal adviser sets the period
 */
public record RetentionPolicy(int temporaryStayDays, int departedMonths, int smsBodyDays, int closedRecordMonths) {
  public static final RetentionPolicy DEFAULT = new RetentionPolicy(30, 18, 90, 60);

  public RetentionPolicy {
    if (temporaryStayDays < 1 || departedMonths < 1 || smsBodyDays < 1 || closedRecordMonths < 1) {
      throw new IllegalArgumentException("every retention period is at least 1 (day or month)");
    }
  }

  /** A temporary stay whose departure date is before this day is past its period on {@code now}'s day (UTC). */
  public LocalDate staysEndedBefore(Instant now) {
    return today(now).minusDays(temporaryStayDays);
  }

  /** A registration archived or merged before this instant is past its period at {@code now}. */
  public Instant retiredBefore(Instant now) {
    return now.atOffset(ZoneOffset.UTC).minusMonths(departedMonths).toInstant();
  }

  /** An SMS sent or received before this instant has its text cleared at {@code now}. */
  public Instant smsBodiesBefore(Instant now) {
    return now.minusSeconds(86_400L * smsBodyDays);
  }

  /** A record of assistance over before this instant is past its period at {@code now}. */
  public Instant recordsClosedBefore(Instant now) {
    return now.atOffset(ZoneOffset.UTC).minusMonths(closedRecordMonths).toInstant();
  }

  private static LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC);
  }
}
