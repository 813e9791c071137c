package crisis.core.registry;

import crisis.core.common.PersonNames;
import crisis.core.common.FieldError;
import crisis.core.common.PhoneNumbers;
import crisis.core.common.SafeText;
import crisis.core.common.ValidationException;
import crisis.core.country.CountryCodes;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.Gazetteer;
import crisis.core.geo.Points;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks and normalises a {@link RegistrationData}: trims text, upper-cases codes, writes phones in E.164.
 * Collects every problem instead of stopping at the first, so a consular officer fixes a row in one go.
 * Thread-safe.
 *
 * <p>Its size is earned: every rule of a registration (names and scripts, identity documents, phones, dates, the
 * household, consent, location) is here once, for the API, the CSV import and the demo alike; each rule is a short
 * method, and cutting the class would only scatter what a consular officer may be told about one record.
 */
public final class RegistrationValidator {
  public static final int MAX_HOUSEHOLD = 30;
  private static final LocalDate OLDEST_BIRTH = LocalDate.of(1900, 1, 1);
  private static final Pattern NATIONAL_ID = Pattern.compile("[A-Z0-9]{4,20}");
  private static final Pattern PASSPORT = Pattern.compile("[A-Z0-9]{6,12}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
  private static final Pattern CONSULATE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");

  private final Clock clock;
  private final CountryBoundaries countries;

  public RegistrationValidator(Clock clock) {
    this.clock = clock;
    this.countries = CountryBoundaries.shared();
  }

  public RegistrationValidator() {
    this(Clock.systemUTC());
  }

  /** Returns the normalised data, or throws {@link ValidationException} listing every problem. */
  public RegistrationData validate(RegistrationData d) {
    List<FieldError> errors = new ArrayList<>();
    RegistrationData normalised = check(d, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return normalised;
  }

  /** Like {@link #validate} but adds problems to {@code errors} and returns null when there are any. */
  public RegistrationData check(RegistrationData d, List<FieldError> errors) {
    return check(d, errors, new ArrayList<>());
  }

  /**
   * As {@link #check(RegistrationData, List)}, and says in {@code notes} what was derived from the record (a point
   * located from the address, or why it could not be).
   */
  public RegistrationData check(RegistrationData d, List<FieldError> errors, List<String> notes) {
    int before = errors.size();
    if (d == null) {
      errors.add(new FieldError("body", "is required"));
      return null;
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    Text t = new Text(errors);

    String externalId = t.optional("externalId", d.externalId(), 64);
    String given = t.name("givenNameLatin", d.givenNameLatin(), Character.UnicodeScript.LATIN, true);
    String family = t.name("familyNameLatin", d.familyNameLatin(), Character.UnicodeScript.LATIN, true);
    String givenAr = t.name("givenNameArabic", d.givenNameArabic(), Character.UnicodeScript.ARABIC, false);
    String familyAr = t.name("familyNameArabic", d.familyNameArabic(), Character.UnicodeScript.ARABIC, false);

    checkBirth(d.dateOfBirth(), today, errors);
    if (d.sex() == null) {
      errors.add(new FieldError("sex", "is required (F, M or X)"));
    }

    String nationalId = t.document("nationalId", d.nationalId(), NATIONAL_ID, "4 to 20 letters or digits");
    String passport = t.document("passportNumber", d.passportNumber(), PASSPORT, "6 to 12 letters or digits");
    if (nationalId == null && passport == null
        && !t.hasError("nationalId") && !t.hasError("passportNumber")) {
      errors.add(new FieldError("nationalId", "a national ID number or a passport number is required"));
    }

    String phone = checkPhone(d.phone(), t, errors);

    String email = checkEmail(d.email(), t, errors);
    if (d.preferredLanguage() == null) {
      errors.add(new FieldError("preferredLanguage", "is required (" + Language.accepted() + ")"));
    }
    String address = t.optional("address", d.address(), 500);
    Location location = checkLocation(d.location(), errors);

    String country = checkCountry(d.countryOfResidence(), t, errors);
    String consulateId = checkConsulate(d.consulateId(), t, errors);

    location = placed(location, address, country, notes, errors);

    checkStay(d, errors);
    List<HouseholdMember> household = checkHousehold(d.household(), today, t, errors);
    Set<Vulnerability> vulnerabilities = checkVulnerabilities(d.vulnerabilities(), errors);
    EmergencyContact contact = checkContact(d.emergencyContact(), t, errors);
    Consent consent = checkConsent(d.consent(), errors);

    if (errors.size() > before) {
      return null;
    }
    return new RegistrationData(externalId, given, family, givenAr, familyAr, d.dateOfBirth(), d.sex(),
        nationalId, passport, phone, email == null ? null : email.toLowerCase(Locale.ROOT),
        d.preferredLanguage(), address, location, country, consulateId, d.residenceType(),
        d.stayPurpose(), d.arrivalDate(), d.departureDate(), household, vulnerabilities, contact, consent);
  }

  private static String checkEmail(String given, Text t, List<FieldError> errors) {
    String email = t.optional("email", given, 254);
    if (email != null && !EMAIL.matcher(email).matches()) {
      errors.add(new FieldError("email", "is not an e-mail address"));
    }
    return email;
  }

  /**
   * The point of the record: as given, else located from the address ({@link #geocode}); refused when it is not in
   * the country of residence.
   */
  private Location placed(Location location, String address, String country, List<String> notes,
      List<FieldError> errors) {
    Location placed = geocode(location, address, country, notes);
    if (placed != null && country != null
        && !countries.plausiblyIn(country, placed.latitude(), placed.longitude())) {
      errors.add(new FieldError("location", "is not in the country of residence " + country + " (more than "
          + CountryBoundaries.COASTAL_BAND_TEXT + " from its land)"));
    }
    return placed;
  }

  private static void checkBirth(LocalDate dateOfBirth, LocalDate today, List<FieldError> errors) {
    if (dateOfBirth == null) {
      errors.add(new FieldError("dateOfBirth", "is required (YYYY-MM-DD)"));
    } else if (dateOfBirth.isAfter(today)) {
      errors.add(new FieldError("dateOfBirth", "is in the future"));
    } else if (dateOfBirth.isBefore(OLDEST_BIRTH)) {
      errors.add(new FieldError("dateOfBirth", "is before 1900-01-01"));
    }
  }

  /** A mobile number, as E.164; null when missing or refused (the refusal is in {@code errors}). */
  private static String checkPhone(String raw, Text t, List<FieldError> errors) {
    PhoneNumbers.Result p = PhoneNumbers.mobile(t.clean("phone", raw, 40));
    if (p.ok()) {
      return p.e164();
    }
    if (!t.hasError("phone")) {
      errors.add(new FieldError("phone", p.error()));
    }
    return null;
  }

  /** The country of residence as an ISO 3166-1 alpha-2 code; null when missing or refused. */
  private static String checkCountry(String raw, Text t, List<FieldError> errors) {
    String rawCountry = t.clean("countryOfResidence", raw, 8);
    if (rawCountry == null) {
      if (!t.hasError("countryOfResidence")) {
        errors.add(new FieldError("countryOfResidence", "is required (ISO 3166-1 alpha-2, e.g. FR)"));
      }
      return null;
    }
    String country = CountryCodes.normalise(rawCountry);
    if (country == null) {
      errors.add(new FieldError("countryOfResidence", "'" + rawCountry + "' is not an ISO 3166-1 alpha-2 country code"));
    }
    return country;
  }

  /** The consulate's id, lower-cased; null when missing (the refusal is in {@code errors}). */
  private static String checkConsulate(String raw, Text t, List<FieldError> errors) {
    String consulateId = t.clean("consulateId", raw, 64);
    if (consulateId == null) {
      if (!t.hasError("consulateId")) {
        errors.add(new FieldError("consulateId", "is required"));
      }
      return null;
    }
    consulateId = consulateId.toLowerCase(Locale.ROOT);
    if (!CONSULATE_ID.matcher(consulateId).matches()) {
      errors.add(new FieldError("consulateId", "must be lower-case letters, digits and dashes"));
    }
    return consulateId;
  }

  private static Set<Vulnerability> checkVulnerabilities(Set<Vulnerability> given, List<FieldError> errors) {
    Set<Vulnerability> vulnerabilities = EnumSet.noneOf(Vulnerability.class);
    if (given != null) {
      for (Vulnerability v : given) {
        if (v == null) {
          errors.add(new FieldError("vulnerabilities", "contains an empty value"));
        } else {
          vulnerabilities.add(v);
        }
      }
    }
    return vulnerabilities;
  }


  /**
   * A registration without a point but with an address is located at the town its address names in its country of
   * residence (GEOCODED, from the offline gazetteer); a point given is kept as it is (a consulate's GEOCODED point is
   * usually finer than a town's centre). What was found, or why nothing was, goes to {@code notes}.
   */
  private static Location geocode(Location given, String address, String country, List<String> notes) {
    if (given != null || address == null || country == null) {
      return given;
    }
    Gazetteer.Match m = Gazetteer.shared().locate(country, address);
    if (!m.found()) {
      notes.add("not located from the address: " + m.reason());
      return given;
    }
    notes.add("located at " + m.place().name() + " (" + country + ") from the address (GEOCODED)");
    return new Location(m.place().latitude(), m.place().longitude(), LocationSource.GEOCODED);
  }

  private static Location checkLocation(Location l, List<FieldError> errors) {
    if (l == null || (l.latitude() == null && l.longitude() == null && l.source() == null)) {
      return null;
    }
    boolean ok = Points.check(l.latitude(), l.longitude(), "location.", errors);
    if (l.source() == null) {
      errors.add(new FieldError("location.source", "is required with a location (GPS, GEOCODED or CONSULAR_ESTIMATE)"));
      ok = false;
    }
    return ok ? l : null;
  }

  private static void checkStay(RegistrationData d, List<FieldError> errors) {
    if (d.residenceType() == null) {
      errors.add(new FieldError("residenceType", "is required (RESIDENT or TEMPORARY)"));
      return;
    }
    if (d.residenceType() == ResidenceType.TEMPORARY) {
      if (d.arrivalDate() == null) {
        errors.add(new FieldError("arrivalDate", "is required for a temporary stay"));
      }
      if (d.departureDate() == null) {
        errors.add(new FieldError("departureDate", "is required for a temporary stay"));
      }
      if (d.arrivalDate() != null && d.departureDate() != null && d.departureDate().isBefore(d.arrivalDate())) {
        errors.add(new FieldError("departureDate", "is before arrivalDate"));
      }
    }
  }

  private static List<HouseholdMember> checkHousehold(
      List<HouseholdMember> members, LocalDate today, Text t, List<FieldError> errors) {
    if (members == null || members.isEmpty()) {
      return List.of();
    }
    if (members.size() > MAX_HOUSEHOLD) {
      errors.add(new FieldError("household", "has more than " + MAX_HOUSEHOLD + " members"));
      return List.of();
    }
    List<HouseholdMember> out = new ArrayList<>(members.size());
    for (int i = 0; i < members.size(); i++) {
      String f = "household[" + i + "]";
      HouseholdMember m = members.get(i);
      if (m == null) {
        errors.add(new FieldError(f, "is empty"));
        continue;
      }
      String name = t.clean(f + ".fullName", m.fullName(), 200);
      if (name == null && !t.hasError(f + ".fullName")) {
        errors.add(new FieldError(f + ".fullName", "is required"));
      } else if (name != null && PersonNames.problem(name) != null) {
        // A household member travels under this name: on manifests opened in spreadsheets, never a formula.
        errors.add(new FieldError(f + ".fullName", PersonNames.problem(name)));
        name = null;
      }
      if (m.relation() == null) {
        errors.add(new FieldError(f + ".relation", "is required"));
      }
      if (m.dateOfBirth() != null && (m.dateOfBirth().isAfter(today) || m.dateOfBirth().isBefore(OLDEST_BIRTH))) {
        errors.add(new FieldError(f + ".dateOfBirth", "must be between 1900-01-01 and today"));
      }
      String nationality = null;
      if (m.nationality() != null && !m.nationality().isBlank()) {
        nationality = CountryCodes.normalise(m.nationality());
        if (nationality == null) {
          errors.add(new FieldError(f + ".nationality", "is not an ISO 3166-1 alpha-2 country code"));
        }
      }
      out.add(new HouseholdMember(name, m.relation(), m.dateOfBirth(), nationality));
    }
    return out;
  }

  private static EmergencyContact checkContact(EmergencyContact c, Text t, List<FieldError> errors) {
    if (c == null || (c.name() == null && c.phone() == null && c.relation() == null)) {
      return null;
    }
    String name = t.clean("emergencyContact.name", c.name(), 200);
    if (name == null && !t.hasError("emergencyContact.name")) {
      errors.add(new FieldError("emergencyContact.name", "is required with an emergency contact"));
    }
    PhoneNumbers.Result p = PhoneNumbers.any(t.clean("emergencyContact.phone", c.phone(), 40));
    if (!p.ok() && !t.hasError("emergencyContact.phone")) {
      errors.add(new FieldError("emergencyContact.phone", p.error()));
    }
    return new EmergencyContact(name, p.e164(), c.relation());
  }

  private Consent checkConsent(Consent c, List<FieldError> errors) {
    if (c == null) {
      errors.add(new FieldError("consent", "is required: what the national agreed to, when and how"));
      return null;
    }
    if (c.purposes() == null || c.purposes().isEmpty() || c.purposes().contains(null)) {
      errors.add(new FieldError("consent.purposes", "must name at least one purpose"));
    }
    if (c.givenAt() == null) {
      errors.add(new FieldError("consent.givenAt", "is required (an ISO-8601 instant)"));
    } else if (c.givenAt().isAfter(Instant.now(clock).plus(Duration.ofMinutes(5)))) {
      errors.add(new FieldError("consent.givenAt", "is in the future"));
    }
    if (c.method() == null) {
      errors.add(new FieldError("consent.method", "is required"));
    }
    return c;
  }

  /** Text checks shared by every field: trimming, length, control characters, broken Unicode. */
  private static final class Text {
    private final List<FieldError> errors;

    Text(List<FieldError> errors) {
      this.errors = errors;
    }

    boolean hasError(String field) {
      for (FieldError e : errors) {
        if (e.field().equals(field)) {
          return true;
        }
      }
      return false;
    }

    /** Trimmed text, or null when blank; reports over-long or unprintable text. */
    String clean(String field, String value, int max) {
      if (value == null) {
        return null;
      }
      String s = value.strip();
      if (s.isEmpty()) {
        return null;
      }
      if (s.length() > max) {
        errors.add(new FieldError(field, "is longer than " + max + " characters"));
        return null;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isISOControl(c) && c != '\n' && c != '\t') {
          errors.add(new FieldError(field, "contains a control character (U+"
              + String.format("%04X", (int) c) + ") at position " + (i + 1)));
          return null;
        }
        if (SafeText.isBidiControl(c)) {
          errors.add(new FieldError(field, "contains a bidirectional control character (U+"
              + String.format("%04X", (int) c) + ") at position " + (i + 1)));
          return null;
        }
        if (Character.isSurrogate(c)) {
          boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
          if (!paired) {
            errors.add(new FieldError(field, "contains broken Unicode (an unpaired surrogate) at position " + (i + 1)));
            return null;
          }
          i++;
        }
      }
      return s;
    }

    String optional(String field, String value, int max) {
      return clean(field, value, max);
    }

    String name(String field, String value, Character.UnicodeScript script, boolean required) {
      String s = clean(field, value, 100);
      if (s == null) {
        if (required && !hasError(field)) {
          errors.add(new FieldError(field, "is required"));
        }
        return null;
      }
      if (s.indexOf('\n') >= 0 || s.indexOf('\t') >= 0) {
        errors.add(new FieldError(field, "must be on one line"));
        return null;
      }
      boolean hasLetter = false;
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        i += Character.charCount(cp);
        if (Character.isLetter(cp)) {
          Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
          if (sc != script) {
            errors.add(new FieldError(field, "must be written in " + script.name().toLowerCase(Locale.ROOT)
                + " script; found '" + new String(Character.toChars(cp)) + "'"));
            return null;
          }
          hasLetter = true;
        } else if (!(Character.isSpaceChar(cp) || cp == '-' || cp == '\'' || cp == '.' || cp == '\u2019'
            || Character.getType(cp) == Character.NON_SPACING_MARK || cp == '\u0640')) {
          errors.add(new FieldError(field, "may contain only letters, spaces, dashes, apostrophes and dots"));
          return null;
        }
      }
      if (!hasLetter) {
        errors.add(new FieldError(field, "contains no letter"));
        return null;
      }
      return collapseSpaces(s);
    }

    /** Runs of white space become one space (a hot path of bulk imports: no regex). */
    private static String collapseSpaces(String s) {
      StringBuilder b = null;
      boolean space = false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean ws = Character.isWhitespace(c) || Character.isSpaceChar(c);
        if (ws && (space || c != ' ') && b == null) {
          b = new StringBuilder(s.length()).append(s, 0, i);
        }
        if (b != null && !(ws && space)) {
          b.append(ws ? ' ' : c);
        }
        space = ws;
      }
      return b == null ? s : b.toString();
    }

    String document(String field, String value, Pattern pattern, String expected) {
      String s = clean(field, value, 40);
      if (s == null) {
        return null;
      }
      String normalised = s.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
      if (!pattern.matcher(normalised).matches()) {
        errors.add(new FieldError(field, "must be " + expected));
        return null;
      }
      return normalised;
    }
  }
}
