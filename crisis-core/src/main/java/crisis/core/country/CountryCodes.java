package crisis.core.country;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * ISO 3166-1 alpha-2 country codes as the JDK knows them, and {@code XK}: Kosovo, a code ISO leaves to users that
 * consulates, the European Union, GeoNames and libphonenumber (+383) use. Thread-safe.
 */
public final class CountryCodes {
  private static final Set<String> KNOWN = known();

  private CountryCodes() {}

  /** Upper-cases and checks a code; returns null when it is not a known alpha-2 code. */
  public static String normalise(String raw) {
    if (raw == null) {
      return null;
    }
    String c = raw.strip().toUpperCase(Locale.ROOT);
    return KNOWN.contains(c) ? c : null;
  }

  /** Every code {@link #normalise} accepts. */
  public static Set<String> all() {
    return KNOWN;
  }

  private static Set<String> known() {
    Set<String> codes = new HashSet<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));
    codes.add("XK");
    return Set.copyOf(codes);
  }
}
