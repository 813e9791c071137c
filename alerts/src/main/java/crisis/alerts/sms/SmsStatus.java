package crisis.alerts.sms;

import java.util.Locale;

/**
 * Where an SMS is, as Twilio's status callbacks report it, ordered so that a status only ever moves forward:
 * callbacks arrive out of order and more than once, and {@code delivered} must never be overwritten by a late
 * {@code sent}. The final statuses (delivered, undelivered, failed, canceled) share the last rank: the first one
 * reported stands, except that {@code read} may still follow {@code delivered}.
 */
public enum SmsStatus {
  ACCEPTED(1), SCHEDULED(1), QUEUED(1), SENDING(2), SENT(3), DELIVERED(4), UNDELIVERED(4), FAILED(4), CANCELED(4),
  READ(5);

  private final int rank;

  SmsStatus(int rank) {
    this.rank = rank;
  }

  public int rank() {
    return rank;
  }

  public boolean isFinal() {
    return rank >= 4;
  }

  /** Twilio's lower-case name of a status; IllegalArgumentException for one this system does not know. */
  public static SmsStatus fromTwilio(String name) {
    if (name == null) {
      throw new IllegalArgumentException("no status");
    }
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown SMS status '" + name + "'");
    }
  }
}
