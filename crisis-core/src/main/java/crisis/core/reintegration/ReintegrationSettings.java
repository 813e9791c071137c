package crisis.core.reintegration;

import java.time.Duration;
import java.util.List;

/**
 * When check-ins fall due after arrival, and how long a partner has to answer a referral before the case worker is
 * reminded.
 */
public record ReintegrationSettings(List<Duration> checkInsAfter, Duration referralReminderAfter) {
  public static final ReintegrationSettings DEFAULTS = new ReintegrationSettings(
      List.of(Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(180)),
      Duration.ofDays(14));

  public ReintegrationSettings {
    checkInsAfter = List.copyOf(checkInsAfter);
    if (referralReminderAfter.isNegative() || referralReminderAfter.isZero()) {
      throw new IllegalArgumentException("the referral reminder delay must be positive");
    }
  }

  /** "1 week", "1 month", "3 months", "10 days": how a check-in is named. */
  static String label(Duration after) {
    long days = after.toDays();
    if (days > 0 && days % 30 == 0) {
      return days / 30 + (days == 30 ? " month" : " months");
    }
    if (days > 0 && days % 7 == 0) {
      return days / 7 + (days == 7 ? " week" : " weeks");
    }
    if (days > 0) {
      return days + (days == 1 ? " day" : " days");
    }
    long hours = Math.max(1, after.toHours());
    return hours + (hours == 1 ? " hour" : " hours");
  }
}
