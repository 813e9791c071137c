package crisis.core.registry.db;

import crisis.core.common.Json;
import crisis.core.privacy.FieldCipher;
import crisis.core.registry.Location;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.Vulnerability;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A registration's content as the columns of a PostgreSQL COPY text line (external_id … consent, tab-separated):
 * {@link Rendered#row} with the identity numbers sealed and indexed, what COPY writes; {@link #content} with them in
 * clear, the input of the keyed content hash only, never written.
 */
public final class CopyFormat {
  private CopyFormat() {}

  /** The content columns of {@code registration}, in {@link Rendered#row} order. */
  public static final String ROW_COLUMNS = """
      external_id, consulate_id, given_name_latin, family_name_latin, given_name_arabic, family_name_arabic,
      date_of_birth, sex, national_id_sealed, national_id_index, passport_sealed, passport_index, phone, email,
      preferred_language, address, latitude, longitude, location_source, country_of_residence, residence_type,
      stay_purpose, arrival_date, departure_date, vulnerabilities, household, emergency_contact, consent""";

  /** Normalised content, identity numbers in clear, as one line without a leading or trailing tab: hashed only. */
  public static String content(RegistrationData d) {
    return rendered(d).content();
  }

  /**
   * The columns of {@code d} rendered once, for both its {@link #content} and its COPY row ({@link Rendered#row}),
   * which differ only by the identity numbers (the import needs both for every row).
   */
  public static Rendered rendered(RegistrationData d) {
    Location l = d.location();
    StringBuilder head = new StringBuilder(160);
    value(head, d.externalId());
    cell(head, d.consulateId());
    cell(head, d.givenNameLatin());
    cell(head, d.familyNameLatin());
    cell(head, d.givenNameArabic());
    cell(head, d.familyNameArabic());
    cell(head, d.dateOfBirth().toString());
    cell(head, d.sex().name());
    StringBuilder b = new StringBuilder(480);
    cell(b, d.phone());
    cell(b, d.email());
    cell(b, d.preferredLanguage().code());
    cell(b, d.address());
    cell(b, l == null ? null : Double.toString(l.latitude()));
    cell(b, l == null ? null : Double.toString(l.longitude()));
    cell(b, l == null ? null : l.source().name());
    cell(b, d.countryOfResidence());
    cell(b, d.residenceType().name());
    cell(b, d.stayPurpose() == null ? null : d.stayPurpose().name());
    cell(b, d.arrivalDate() == null ? null : d.arrivalDate().toString());
    cell(b, d.departureDate() == null ? null : d.departureDate().toString());
    StringBuilder arr = new StringBuilder("{");
    for (Vulnerability v : d.vulnerabilities()) {
      if (arr.length() > 1) {
        arr.append(',');
      }
      arr.append(v.name());
    }
    cell(b, arr.append('}').toString());
    cell(b, Json.write(d.household()));
    cell(b, d.emergencyContact() == null ? null : Json.write(d.emergencyContact()));
    cell(b, Json.write(d.consent()));
    return new Rendered(d, head.toString(), b.toString());
  }

  /** The columns before the identity numbers and those after, rendered; see {@link #rendered}. */
  public record Rendered(RegistrationData data, String head, String rest) {
    /** As {@link CopyFormat#content}. */
    public String content() {
      StringBuilder b = new StringBuilder(head.length() + rest.length() + 32);
      b.append(head);
      cell(b, data.nationalId());
      cell(b, data.passportNumber());
      return b.append(rest).toString();
    }

    /**
     * The content columns of registration {@code id} ({@link CopyFormat#ROW_COLUMNS}) as one COPY line fragment, without a
     * leading or trailing tab: the identity numbers sealed for that row, beside their blind indexes (which the caller
     * has computed once for its own use too).
     */
    public String row(UUID id, FieldCipher cipher, byte[] nationalIdIndex, byte[] passportIndex) {
      StringBuilder b = new StringBuilder(head.length() + rest.length() + 192);
      b.append(head);
      bytes(b, cipher.seal(FieldCipher.Field.NATIONAL_ID, id, data.nationalId()));
      bytes(b, nationalIdIndex);
      bytes(b, cipher.seal(FieldCipher.Field.PASSPORT_NUMBER, id, data.passportNumber()));
      bytes(b, passportIndex);
      return b.append(rest).toString();
    }
  }

  /** Appends a tab and a bytea in COPY text format ({@code \\x} and hex: the backslash escaped), or \N. */
  public static void bytes(StringBuilder b, byte[] v) {
    b.append('\t');
    if (v == null) {
      b.append("\\N");
      return;
    }
    b.append("\\\\x");
    HEX.formatHex(b, v);
  }

  private static final HexFormat HEX = HexFormat.of();

  /** Appends a tab and the value. */
  public static void cell(StringBuilder b, String v) {
    b.append('\t');
    value(b, v);
  }

  /** Appends a value in COPY text format: \N for null, backslash escapes for the rest. */
  public static void value(StringBuilder b, String v) {
    if (v == null) {
      b.append("\\N");
      return;
    }
    if (plain(v)) {
      b.append(v);
      return;
    }
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(ch);
      }
    }
  }

  /** Whether {@code v} has nothing to escape (the usual case: appended whole). */
  private static boolean plain(String v) {
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
        return false;
      }
    }
    return true;
  }
}
