package crisis.core.country;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes as the JDK knows them. Thread-safe. */
public final class CountryCodes {
  private static final Set<String> KNOWN = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

  private CountryCodes() {}

  /** Upper-cases and checks a code; returns null when it is not a known alpha-2 code. */
  public static String normalise(String raw) {
    if (raw == null) {
      return null;
    }
    String c = raw.strip().toUpperCase(Locale.ROOT);
    return KNOWN.contains(c) ? c : null;
  }
}
