package crisis.core.registry.importing;

import crisis.core.common.Enums;
import crisis.core.common.FieldError;
import crisis.core.registry.Consent;
import crisis.core.registry.ConsentMethod;
import crisis.core.registry.ConsentPurpose;
import crisis.core.registry.EmergencyContact;
import crisis.core.registry.HouseholdMember;
import crisis.core.registry.Language;
import crisis.core.registry.Location;
import crisis.core.registry.LocationSource;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.Relation;
import crisis.core.registry.ResidenceType;
import crisis.core.registry.Sex;
import crisis.core.registry.StayPurpose;
import crisis.core.registry.Vulnerability;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The registration CSV format: UTF-8, comma-separated, one header row, RFC 4180 quoting. Lists inside a cell are
 * separated by {@code ;}; a household member is {@code relation|full name|YYYY-MM-DD|nationality} (the last two
 * may be empty). Column order is free; unknown columns are refused so that a typo does not lose data silently.
 *
 * <p>Its size is earned: it is the one definition of the format both ways (the 30 columns, reading a row into a
 * registration with a message per bad cell, and writing one back), and splitting reading from writing would put the
 * column list in two places that must never disagree.
 */
public final class CsvFormat {

  /** Every column, in the order {@link #write} uses, with the JSON field each one feeds. */
  public enum Column {
    EXTERNAL_ID("external_id", "externalId"),
    GIVEN_NAME_LATIN("given_name_latin", "givenNameLatin"),
    FAMILY_NAME_LATIN("family_name_latin", "familyNameLatin"),
    GIVEN_NAME_ARABIC("given_name_arabic", "givenNameArabic"),
    FAMILY_NAME_ARABIC("family_name_arabic", "familyNameArabic"),
    DATE_OF_BIRTH("date_of_birth", "dateOfBirth"),
    SEX("sex", "sex"),
    NATIONAL_ID("national_id", "nationalId"),
    PASSPORT_NUMBER("passport_number", "passportNumber"),
    PHONE("phone", "phone"),
    EMAIL("email", "email"),
    PREFERRED_LANGUAGE("preferred_language", "preferredLanguage"),
    ADDRESS("address", "address"),
    LATITUDE("latitude", "location.latitude"),
    LONGITUDE("longitude", "location.longitude"),
    LOCATION_SOURCE("location_source", "location.source"),
    COUNTRY_OF_RESIDENCE("country_of_residence", "countryOfResidence"),
    CONSULATE_ID("consulate_id", "consulateId"),
    RESIDENCE_TYPE("residence_type", "residenceType"),
    STAY_PURPOSE("stay_purpose", "stayPurpose"),
    ARRIVAL_DATE("arrival_date", "arrivalDate"),
    DEPARTURE_DATE("departure_date", "departureDate"),
    VULNERABILITIES("vulnerabilities", "vulnerabilities"),
    HOUSEHOLD("household", "household"),
    EMERGENCY_CONTACT_NAME("emergency_contact_name", "emergencyContact.name"),
    EMERGENCY_CONTACT_PHONE("emergency_contact_phone", "emergencyContact.phone"),
    EMERGENCY_CONTACT_RELATION("emergency_contact_relation", "emergencyContact.relation"),
    CONSENT_PURPOSES("consent_purposes", "consent.purposes"),
    CONSENT_GIVEN_AT("consent_given_at", "consent.givenAt"),
    CONSENT_METHOD("consent_method", "consent.method");

    public final String header;
    final String field;

    Column(String header, String field) {
      this.header = header;
      this.field = field;
    }
  }

  /** Columns a file must have; national_id or passport_number must be there too. */
  static final Set<Column> REQUIRED = EnumSet.of(Column.GIVEN_NAME_LATIN, Column.FAMILY_NAME_LATIN,
      Column.DATE_OF_BIRTH, Column.SEX, Column.PHONE, Column.PREFERRED_LANGUAGE, Column.COUNTRY_OF_RESIDENCE,
      Column.RESIDENCE_TYPE, Column.CONSENT_PURPOSES, Column.CONSENT_GIVEN_AT, Column.CONSENT_METHOD);

  private static final Map<String, Column> BY_HEADER = new LinkedHashMap<>();

  /**
   * Beyond each column's position, a header's positions hold those of a full name in one cell, in Latin letters and
   * in Arabic script ({@link WrittenValues#fullName}), and whether the Latin one is written family name first (1).
   */
  static final int FULL_NAME_LATIN = Column.values().length;
  static final int FULL_NAME_ARABIC = FULL_NAME_LATIN + 1;
  static final int FAMILY_FIRST = FULL_NAME_ARABIC + 1;
  static final int POSITIONS = FAMILY_FIRST + 1;
  /** The names a full name's column goes by in reports. */
  static final String[] FULL_NAME_COLUMNS = {"full_name_latin", "full_name_arabic"};

  /** The name a full name's slot of the positions ({@link #FULL_NAME_LATIN}, {@link #FULL_NAME_ARABIC}) goes by. */
  static String fullNameColumn(int slot) {
    return FULL_NAME_COLUMNS[slot - FULL_NAME_LATIN];
  }

  /** A column of the format by its name ({@code phone}), or null. */
  static Column column(String name) {
    return BY_HEADER.get(name);
  }

  /**
   * Where a file's header has a column the import names in its reports (a column of the format, or a full name's),
   * or -1.
   */
  static int position(String column, int[] positions) {
    Column c = column(column);
    if (c != null) {
      return positions[c.ordinal()];
    }
    for (int slot = FULL_NAME_LATIN; slot <= FULL_NAME_ARABIC; slot++) {
      if (fullNameColumn(slot).equals(column)) {
        return positions[slot];
      }
    }
    return -1;
  }

  /**
   * The columns a reading error of a row's {@code field} leaves without a value: its own, and for a full name that
   * could not be split, the given and the family name it was to give.
   */
  static List<String> unreadBy(String field) {
    if (field.equals(fullNameColumn(FULL_NAME_LATIN))) {
      return List.of(field, Column.GIVEN_NAME_LATIN.header, Column.FAMILY_NAME_LATIN.header);
    }
    if (field.equals(fullNameColumn(FULL_NAME_ARABIC))) {
      return List.of(field, Column.GIVEN_NAME_ARABIC.header, Column.FAMILY_NAME_ARABIC.header);
    }
    return List.of(columnOf(field));
  }

  static {
    for (Column c : Column.values()) {
      BY_HEADER.put(c.header, c);
    }
  }

  private CsvFormat() {}

  public static String header() {
    return String.join(",", BY_HEADER.keySet());
  }

  /**
   * Reads a header row into column positions.
   *
   * @return position of each column in a row, -1 when absent
   * @throws IllegalArgumentException naming unknown, repeated or missing columns
   */
  static int[] positions(List<String> header) {
    return header(header).positions();
  }

  /**
   * A file's header read: each column's position (-1 when absent); the headers given under another name than the
   * format's (a French or Arabic name, {@link HeaderNames}, or the officer's mapping) with the column each one was
   * taken for; the headers a mapping leaves out; and what stops the file being imported: headers nothing names
   * ({@code unknown}) and required columns absent ({@code missing}); {@code width}: how many cells the header has
   * (a row must have as many: columns left out count).
   */
  record Header(int[] positions, Map<String, String> renamed, List<String> ignored, List<String> unknown,
      List<String> missing, int width) {

    /** Whether the file can be imported: every header known, every required column there. */
    boolean complete() {
      return unknown.isEmpty() && missing.isEmpty();
    }

    /**
     * @throws IllegalArgumentException naming the unknown and missing columns
     */
    Header require() {
      if (!unknown.isEmpty()) {
        // Named a few at a time and clipped: a header of 100,000 made-up columns gets an answer of a few lines.
        List<String> named = unknown.stream().limit(5).map(u -> "'" + clip(u) + "'").toList();
        String more = unknown.size() > named.size() ? " and " + (unknown.size() - named.size()) + " more" : "";
        throw new IllegalArgumentException("unknown columns " + String.join(", ", named) + more
            + "; the columns are: " + header());
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("missing columns " + missing);
      }
      return this;
    }
  }

  /**
   * Reads a header row: the format's names or the names consulates use ({@link HeaderNames}).
   *
   * @throws IllegalArgumentException naming unknown, repeated or missing columns
   */
  static Header header(List<String> header) {
    return header(header, null).require();
  }

  /**
   * Reads a header row with a consulate's mapping (null for none), which says first what a header is, then the
   * format's names and the names consulates use. Unknown and missing columns are said, not thrown.
   *
   * @throws IllegalArgumentException when two headers give one column
   */
  static Header header(List<String> header, ColumnMapping mapping) {
    int[] pos = new int[POSITIONS];
    Arrays.fill(pos, -1);
    List<String> unknown = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Map<String, String> renamed = new LinkedHashMap<>();
    Map<String, String> targets = mapping == null ? Map.of() : mapping.byHeader();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      String normal = HeaderNames.normalized(h);
      if (normal.isEmpty()) {
        // A column without a name (a gap Excel leaves, a trailing separator): nothing to map it to, left out.
        ignored.add("(" + (i + 1) + ")");
        continue;
      }
      String mapped = targets.get(normal);
      if (ColumnMapping.IGNORE.equals(mapped)) {
        ignored.add(h.strip());
        continue;
      }
      Column c = mapped != null ? column(mapped) : HeaderNames.column(h);
      if (c != null && !HeaderNames.normalized(h).equals(HeaderNames.normalized(c.header))) {
        renamed.put(h.strip(), c.header);
      }
      HeaderNames.FullName full = c == null && mapped == null ? HeaderNames.fullName(h) : null;
      if (full != null) {
        int slot = full == HeaderNames.FullName.ARABIC ? FULL_NAME_ARABIC : FULL_NAME_LATIN;
        if (pos[slot] >= 0) {
          throw new IllegalArgumentException("column '" + fullNameColumn(slot) + "' appears twice in the header");
        }
        pos[slot] = i;
        pos[FAMILY_FIRST] = full == HeaderNames.FullName.FAMILY_FIRST ? 1 : pos[FAMILY_FIRST];
        renamed.put(h.strip(), fullNameColumn(slot));
        continue;
      }
      if (c == null) {
        unknown.add(h);
      } else if (pos[c.ordinal()] >= 0) {
        throw new IllegalArgumentException("column '" + c.header + "' appears twice in the header");
      } else {
        pos[c.ordinal()] = i;
      }
    }
    List<String> missing = new ArrayList<>();
    for (Column c : REQUIRED) {
      boolean fromFullName = pos[FULL_NAME_LATIN] >= 0
          && (c == Column.GIVEN_NAME_LATIN || c == Column.FAMILY_NAME_LATIN);
      if (pos[c.ordinal()] < 0 && !fromFullName) {
        missing.add(c.header);
      }
    }
    if (pos[Column.NATIONAL_ID.ordinal()] < 0 && pos[Column.PASSPORT_NUMBER.ordinal()] < 0) {
      missing.add("national_id or passport_number");
    }
    Header read = new Header(pos, renamed, List.copyOf(ignored), List.copyOf(unknown), List.copyOf(missing),
        header.size());
    // More unknown headers than a mapping can hold is no register: refused as before, named a few at a time.
    return unknown.size() > ColumnMapping.MAX_COLUMNS ? read.require() : read;
  }

  /** The CSV column that holds a validator field, for row reports. */
  public static String columnOf(String field) {
    for (Column c : Column.values()) {
      // A reading error is named by its column already (consent_given_at is not consent_purposes).
      if (field.equals(c.field) || field.equals(c.header)) {
        return c.header;
      }
    }
    if (field.startsWith("household")) {
      return Column.HOUSEHOLD.header;
    }
    if (field.startsWith("location")) {
      return Column.LATITUDE.header;
    }
    if (field.startsWith("consent")) {
      return Column.CONSENT_PURPOSES.header;
    }
    if (field.startsWith("emergencyContact")) {
      return Column.EMERGENCY_CONTACT_NAME.header;
    }
    return field;
  }

  /** Parses one row's cells; type errors are added to {@code errors} under the column's name. */
  static RegistrationData parse(String[] cells, int[] pos, List<FieldError> errors) {
    return parse(cells, pos, errors, new ArrayList<>());
  }

  /**
   * Parses one row's cells; type errors are added to {@code errors} under the column's name, and each value written
   * otherwise than the format's but read all the same (a date {@code JJ/MM/AAAA}, a sex written out in French or
   * Arabic) to {@code readAs}, saying how it was read.
   */
  static RegistrationData parse(String[] cells, int[] pos, List<FieldError> errors, List<String> readAs) {
    return parse(cells, pos, errors, readAs, Map.of());
  }

  /**
   * The same, with the countries known by name ({@code countries}: a name as {@link HeaderNames#normalized} writes
   * it, in English, French or Arabic, and its ISO code): a country of residence written by its name is read as its
   * code, and then a phone written as a national number (no {@code +}, as typed in that country, or as Excel left it
   * without its first 0) as a number of that country.
   */
  static RegistrationData parse(String[] cells, int[] pos, List<FieldError> errors, List<String> readAs,
      Map<String, String> countries) {
    return parse(cells, pos, errors, readAs, countries, Map.of());
  }

  /**
   * The same, with the consulates known by their city or name ({@code consulates}: as {@link #consulateKey} writes
   * them, and the consulate's id; each id under {@link #ID_KEY} and itself): a consulate written "Paris", "lyon" or
   * "Consulat général de Paris" is read as its id.
   */
  static RegistrationData parse(String[] cells, int[] pos, List<FieldError> errors, List<String> readAs,
      Map<String, String> countries, Map<String, String> consulates) {
    Row r = new Row(cells, pos, errors, readAs);
    String country = r.country(countries);
    Location location = null;
    Double lat = r.number(Column.LATITUDE);
    Double lon = r.number(Column.LONGITUDE);
    LocationSource source = r.enumValue(Column.LOCATION_SOURCE, LocationSource.class);
    if (lat != null || lon != null || source != null) {
      location = new Location(lat, lon, source);
    }
    EmergencyContact contact = null;
    String cName = r.text(Column.EMERGENCY_CONTACT_NAME);
    String cPhone = r.phone(Column.EMERGENCY_CONTACT_PHONE, country);
    Relation cRel = r.enumValue(Column.EMERGENCY_CONTACT_RELATION, Relation.class);
    if (cName != null || cPhone != null || cRel != null) {
      contact = new EmergencyContact(cName, cPhone, cRel);
    }
    Set<ConsentPurpose> purposes = r.enumSet(Column.CONSENT_PURPOSES, ConsentPurpose.class);
    Consent consent = new Consent(purposes, r.instant(Column.CONSENT_GIVEN_AT),
        r.enumValue(Column.CONSENT_METHOD, ConsentMethod.class));
    String[] latin = r.names(Column.GIVEN_NAME_LATIN, Column.FAMILY_NAME_LATIN, FULL_NAME_LATIN);
    String[] arabic = r.names(Column.GIVEN_NAME_ARABIC, Column.FAMILY_NAME_ARABIC, FULL_NAME_ARABIC);
    return new RegistrationData(
        r.text(Column.EXTERNAL_ID), latin[0], latin[1], arabic[0], arabic[1], r.date(Column.DATE_OF_BIRTH),
        r.sex(), r.text(Column.NATIONAL_ID), r.text(Column.PASSPORT_NUMBER),
        r.phone(Column.PHONE, country), r.text(Column.EMAIL), r.language(), r.text(Column.ADDRESS), location,
        country, r.consulate(consulates),
        r.enumValue(Column.RESIDENCE_TYPE, ResidenceType.class), r.enumValue(Column.STAY_PURPOSE, StayPurpose.class),
        r.date(Column.ARRIVAL_DATE), r.date(Column.DEPARTURE_DATE), r.household(),
        r.enumSet(Column.VULNERABILITIES, Vulnerability.class), contact, consent);
  }

  /** Writes one registration as a CSV row in {@link Column} order (the generator's output format). */
  public static void write(RegistrationData d, StringBuilder out) {
    Location l = d.location();
    EmergencyContact c = d.emergencyContact();
    Object[] cells = {d.externalId(), d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(), d.phone(), d.email(),
        d.preferredLanguage() == null ? null : d.preferredLanguage().code(), d.address(),
        l == null ? null : l.latitude(), l == null ? null : l.longitude(), l == null ? null : l.source(),
        d.countryOfResidence(), d.consulateId(), d.residenceType(), d.stayPurpose(), d.arrivalDate(),
        d.departureDate(), join(d.vulnerabilities(), Enum::name), join(d.household(), CsvFormat::member),
        c == null ? null : c.name(), c == null ? null : c.phone(), c == null ? null : c.relation(),
        d.consent() == null ? null : join(d.consent().purposes(), Enum::name),
        d.consent() == null ? null : d.consent().givenAt(), d.consent() == null ? null : d.consent().method()};
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      if (cells[i] != null) {
        quote(cells[i].toString(), out);
      }
    }
    out.append('\n');
  }

  /** One registration as a CSV row, with its line end. */
  public static String write(RegistrationData d) {
    StringBuilder b = new StringBuilder(512);
    write(d, b);
    return b.toString();
  }

  private static String member(HouseholdMember m) {
    return m.relation() + "|" + m.fullName() + "|" + (m.dateOfBirth() == null ? "" : m.dateOfBirth()) + "|"
        + (m.nationality() == null ? "" : m.nationality());
  }

  private static <T> String join(java.util.Collection<T> items, Function<T, String> f) {
    if (items == null || items.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (T t : items) {
      if (b.length() > 0) {
        b.append(';');
      }
      b.append(f.apply(t));
    }
    return b.toString();
  }

  private static void quote(String s, StringBuilder out) {
    boolean needs = false;
    for (int i = 0; i < s.length() && !needs; i++) {
      char ch = s.charAt(i);
      needs = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
    }
    if (!needs) {
      out.append(s);
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"') {
        out.append('"');
      }
      out.append(ch);
    }
    out.append('"');
  }

  /** Typed access to one row's cells, recording type errors by column. */
  private static final class Row {
    private final String[] cells;
    private final int[] pos;
    private final List<FieldError> errors;
    private final List<String> readAs;

    Row(String[] cells, int[] pos, List<FieldError> errors, List<String> readAs) {
      this.cells = cells;
      this.pos = pos;
      this.errors = errors;
      this.readAs = readAs;
    }

    String text(Column c) {
      int p = pos[c.ordinal()];
      if (p < 0 || p >= cells.length) {
        return null;
      }
      String s = cells[p];
      return s == null || s.isBlank() ? null : s;
    }

    /**
     * A given and a family name: from their columns, or, where both are empty, split from the full name's
     * ({@code slot} of the positions), the split said on the row.
     */
    String[] names(Column given, Column family, int slot) {
      String g = text(given);
      String f = text(family);
      int p = slot < pos.length ? pos[slot] : -1;
      if (g != null || f != null || p < 0 || p >= cells.length || cells[p] == null || cells[p].isBlank()) {
        return new String[] {g, f};
      }
      String column = fullNameColumn(slot);
      String[] split = WrittenValues.fullName(cells[p], slot == FULL_NAME_LATIN && pos[FAMILY_FIRST] == 1);
      if (split == null) {
        errors.add(new FieldError(column, "'" + clip(cells[p]) + "' cannot be split into a given and a family "
            + "name (one word)"));
        return new String[] {null, null};
      }
      readAs.add(column + ": '" + clip(cells[p]) + "' split as given name '" + clip(split[0]) + "', family name '"
          + clip(split[1]) + "'");
      return split;
    }

    LocalDate date(Column c) {
      String s = text(c);
      if (s == null) {
        return null;
      }
      try {
        return LocalDate.parse(s.strip());
      } catch (DateTimeParseException e) {
        LocalDate d = WrittenValues.dayMonthYear(s);
        if (d != null) {
          readAs.add(c.header + ": '" + clip(s) + "' read as " + d);
          return d;
        }
        errors.add(new FieldError(c.header, "'" + clip(s) + "' is not a date (YYYY-MM-DD or DD/MM/YYYY)"));
        return null;
      }
    }

    /** The consulate: its id, or its city or name read as its id. */
    String consulate(Map<String, String> consulates) {
      String s = text(Column.CONSULATE_ID);
      if (s == null || consulates.containsKey(ID_KEY + s.strip())) {
        return s;
      }
      String id = consulates.get(consulateKey(s));
      if (id == null) {
        return s;
      }
      readAs.add(Column.CONSULATE_ID.header + ": '" + clip(s.strip()) + "' read as " + id);
      return id;
    }

    /** The country of residence: its code, or its name in English, French or Arabic read as its code. */
    String country(Map<String, String> countries) {
      String s = text(Column.COUNTRY_OF_RESIDENCE);
      if (s == null || s.strip().length() == 2) {
        return s;
      }
      String code = countries.get(HeaderNames.normalized(s));
      if (code == null) {
        return s;
      }
      readAs.add(Column.COUNTRY_OF_RESIDENCE.header + ": '" + clip(s) + "' read as " + code);
      return code;
    }

    /** A phone: as written when international; a national number of the country of residence read as such. */
    String phone(Column c, String country) {
      String s = text(c);
      if (s == null || country == null || s.strip().startsWith("+") || s.strip().startsWith("00")) {
        return s;
      }
      String e164 = WrittenValues.nationalPhone(s, country.strip().toUpperCase(Locale.ROOT));
      if (e164 == null) {
        return s;
      }
      readAs.add(c.header + ": '" + clip(s) + "' read as " + e164 + " (a number of " + country.strip() + ")");
      return e164;
    }

    Sex sex() {
      String s = text(Column.SEX);
      if (s == null) {
        return null;
      }
      Sex written = WrittenValues.sex(s);
      if (written != null && Enums.find(Sex.class, s) == null) {
        readAs.add(Column.SEX.header + ": '" + clip(s) + "' read as " + written);
        return written;
      }
      return constant(Column.SEX.header, s, Sex.class);
    }

    Instant instant(Column c) {
      String s = text(c);
      if (s == null) {
        return null;
      }
      String v = s.strip();
      try {
        return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
      } catch (DateTimeParseException e) {
        LocalDate d = WrittenValues.dayMonthYear(v);
        if (d != null) {
          readAs.add(c.header + ": '" + clip(s) + "' read as " + d);
          return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        errors.add(new FieldError(c.header, "'" + clip(s) + "' is not a date or an instant (YYYY-MM-DD or "
            + "YYYY-MM-DDThh:mm:ssZ)"));
        return null;
      }
    }

    Double number(Column c) {
      String s = text(c);
      if (s == null) {
        return null;
      }
      try {
        return crisis.core.common.Decimal.parse(s);
      } catch (NumberFormatException e) {
        errors.add(new FieldError(c.header, "'" + clip(s) + "' is not a decimal number"));
        return null;
      }
    }

    <E extends Enum<E>> E enumValue(Column c, Class<E> type) {
      String s = text(c);
      return s == null ? null : constant(c.header, s, type);
    }

    <E extends Enum<E>> Set<E> enumSet(Column c, Class<E> type) {
      String s = text(c);
      Set<E> set = EnumSet.noneOf(type);
      if (s != null) {
        for (String part : s.split(";")) {
          if (!part.isBlank()) {
            E e = constant(c.header, part, type);
            if (e != null) {
              set.add(e);
            }
          }
        }
      }
      return set;
    }

    Language language() {
      String s = text(Column.PREFERRED_LANGUAGE);
      if (s == null) {
        return null;
      }
      try {
        return Language.fromCode(s);
      } catch (IllegalArgumentException e) {
        Language written = WrittenValues.word(Language.class, s);
        if (written != null) {
          readAs.add(Column.PREFERRED_LANGUAGE.header + ": '" + clip(s.strip()) + "' read as " + written.code());
          return written;
        }
        errors.add(new FieldError(Column.PREFERRED_LANGUAGE.header, e.getMessage()));
        return null;
      }
    }

    List<HouseholdMember> household() {
      String s = text(Column.HOUSEHOLD);
      if (s == null) {
        return List.of();
      }
      List<HouseholdMember> members = new ArrayList<>();
      String[] entries = s.split(";");
      for (int i = 0; i < entries.length; i++) {
        if (entries[i].isBlank()) {
          continue;
        }
        String[] f = entries[i].split("\\|", -1);
        String where = "member " + (i + 1);
        if (f.length < 2 || f.length > 4) {
          errors.add(new FieldError("household", where + " must be relation|full name|YYYY-MM-DD|nationality"));
          continue;
        }
        Relation relation = constant("household", f[0], Relation.class);
        LocalDate dob = null;
        if (f.length > 2 && !f[2].isBlank()) {
          try {
            dob = LocalDate.parse(f[2].strip());
          } catch (DateTimeParseException e) {
            errors.add(new FieldError("household", where + ": '" + clip(f[2]) + "' is not a date (YYYY-MM-DD)"));
          }
        }
        members.add(new HouseholdMember(f[1], relation, dob, f.length > 3 && !f[3].isBlank() ? f[3] : null));
      }
      return members;
    }

    private <E extends Enum<E>> E constant(String column, String raw, Class<E> type) {
      E e = Enums.find(type, raw);
      if (e == null) {
        e = WrittenValues.word(type, raw);
        if (e != null) {
          readAs.add(column + ": '" + clip(raw.strip()) + "' read as " + e);
          return e;
        }
        errors.add(new FieldError(column, "'" + clip(raw) + "' is not one of "
            + Arrays.toString(type.getEnumConstants())));
      }
      return e;
    }
  }

  /** The key under which the consulates' names hold each consulate's own id (no name's key starts so). */
  static final String ID_KEY = "#";
  /** The words around a consulate's city in how it is written: "Consulat général de Paris", "Consulate in Lyon". */
  private static final Set<String> CONSULATE_WORDS = Set.of("consulat", "consulate", "general", "generale", "de",
      "du", "d", "a", "of", "in", "at", "the", "cg", "ambassade", "embassy", "section", "consulaire");

  /** A consulate's city or name as written, matched without case, accents, punctuation or "Consulat général de". */
  static String consulateKey(String written) {
    List<String> words = new ArrayList<>(List.of(HeaderNames.normalized(written).split(" ")));
    words.removeIf(CONSULATE_WORDS::contains);
    return String.join(" ", words);
  }

  /** At most 40 characters of what someone wrote, for a message. */
  static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
