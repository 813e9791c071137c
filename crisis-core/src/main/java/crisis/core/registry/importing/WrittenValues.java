package crisis.core.registry.importing;

import crisis.core.registry.Sex;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values as consulates' own files write them, read when the format's own form is not there: a date as French and
 * Arabic administrations write it (day, month, year), a sex written out in French, English or Arabic, a phone as a
 * national number of the country of residence. Each is read
 * only where it cannot mean two things (a date is always day first: {@code 03/04/1985} is the 3rd of April, as in
 * every French and Moroccan register; never a month-first American date). The importer says on the row how each such
 * value was read. Thread-safe (no state).
 */
final class WrittenValues {
  private WrittenValues() {}

  /** Day, month, year of four digits, separated by {@code /}, {@code -} or {@code .}: 14/03/1985, 1-3-1985. */
  private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})");

  private static final Map<String, Sex> SEX = Map.ofEntries(
      Map.entry("feminin", Sex.F), Map.entry("femme", Sex.F), Map.entry("female", Sex.F), Map.entry("woman", Sex.F),
      Map.entry("masculin", Sex.M), Map.entry("homme", Sex.M), Map.entry("h", Sex.M), Map.entry("male", Sex.M),
      Map.entry("man", Sex.M), Map.entry("\u0630\u0643\u0631", Sex.M), Map.entry("\u0627\u0646\u062b\u0649", Sex.F),
      Map.entry("non precise", Sex.X), Map.entry("non renseigne", Sex.X));

  /** A date written day first, or null when the text is not one (a 31st of February is not one). */
  static LocalDate dayMonthYear(String text) {
    Matcher m = DAY_MONTH_YEAR.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static final com.google.i18n.phonenumbers.PhoneNumberUtil PHONES =
      com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();

  /**
   * A phone written as a national number of a country ({@code 06 12 34 56 78} in France, or {@code 612345678}, as
   * Excel keeps a number typed with its first 0) in international form, or null when it is not a valid number there.
   */
  static String nationalPhone(String text, String country) {
    String digits = text.strip();
    if (digits.length() > 32) {
      return null;
    }
    try {
      com.google.i18n.phonenumbers.Phonenumber.PhoneNumber n = PHONES.parse(digits, country);
      return PHONES.isValidNumberForRegion(n, country)
          ? PHONES.format(n, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164) : null;
    } catch (com.google.i18n.phonenumbers.NumberParseException e) {
      return null;
    }
  }

  /** A sex written out ("Féminin", "Homme", "أنثى"), or null. */
  static Sex sex(String text) {
    String plain = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT);
    return SEX.get(plain);
  }
}
