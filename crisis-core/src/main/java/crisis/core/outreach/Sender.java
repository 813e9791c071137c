package crisis.core.outreach;

import java.util.Set;

/**
 * Where SMS to some destination countries leave from, and how fast they may.
 *
 * @param name a name for logs, figures and the database (letters, digits, dashes)
 * @param from a phone number (E.164), an alphanumeric sender ID (up to 11 characters) or a Messaging Service SID
 * @param countries ISO alpha-2 destination countries this sender serves; {@code *} serves every other country
 * @param kind what {@code from} is, which gives the default rate
 * @param segmentsPerSecond SMS segments per second this sender may send (a 3-segment SMS counts 3)
 * @param voiceFrom the phone number calls leave from, or null when this sender cannot call
 */
public record Sender(String name, String from, Set<String> countries, Kind kind, double segmentsPerSecond,
    String voiceFrom) {

  /** What a sender is; carriers allow each a different rate (Twilio's defaults). */
  public enum Kind {
    LONG_CODE(1), INTERNATIONAL(10), ALPHANUMERIC(10), SHORT_CODE(100), MESSAGING_SERVICE(10);

    private final double defaultRate;

    Kind(double defaultRate) {
      this.defaultRate = defaultRate;
    }

    public double defaultRate() {
      return defaultRate;
    }
  }

  public Sender {
    if (name == null || !name.matches("[A-Za-z0-9-]{1,40}")) {
      throw new IllegalArgumentException("sender name must be 1-40 letters, digits or dashes");
    }
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("sender " + name + ": from is required");
    }
    if (segmentsPerSecond <= 0) {
      throw new IllegalArgumentException("sender " + name + ": the rate must be positive");
    }
    countries = Set.copyOf(countries);
  }

  public static Sender of(String name, String from, Set<String> countries, Kind kind, Double rate,
      String voiceFrom) {
    return new Sender(name, from, countries, kind, rate == null ? kind.defaultRate() : rate, voiceFrom);
  }
}
