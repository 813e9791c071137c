package crisis.core.testing;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.consulate.Consulate;
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
import crisis.core.registry.Vulnerability;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Valid example data and actors for tests. */
public final class Samples {
  private Samples() {}

  public static final Consulate PARIS = new Consulate("fr-paris", "Consulate General in Paris", "Paris", "FR", null,
      null, List.of("FR", "MC"));
  public static final Consulate TRIPOLI = new Consulate("ly-tripoli", "Consular section in Tripoli", "Tripoli", "LY",
      null, null, List.of("LY"));

  public static final Actor PARIS_OFFICER = new Actor("officer.paris", Role.CONSULAR_OFFICER, "fr-paris",
      Set.of("FR", "MC"), "127.0.0.1");
  public static final Actor TRIPOLI_OFFICER = new Actor("officer.tripoli", Role.CONSULAR_OFFICER, "ly-tripoli",
      Set.of("LY"), "127.0.0.1");
  public static final Actor CRISIS_CELL = new Actor("cell", Role.CRISIS_CELL, null, null, "127.0.0.1");
  public static final Actor ADMIN = new Actor("admin", Role.ADMIN, null, null, "127.0.0.1");
  public static final Actor CASEWORKER = new Actor("worker", Role.CASEWORKER, null, null, "127.0.0.1", "MA.06");

  /** Inserts the two sample consulates. */
  public static void consulates(Jdbi jdbi) {
    jdbi.useHandle(h -> {
      for (Consulate c : List.of(PARIS, TRIPOLI)) {
        h.execute("INSERT INTO consulate (id, name, city, country_iso2) VALUES (?, ?, ?, ?)", c.id(), c.name(),
            c.city(), c.country());
        for (String j : c.jurisdiction()) {
          h.execute("INSERT INTO consulate_jurisdiction VALUES (?, ?)", c.id(), j);
        }
      }
    });
  }

  /** A valid national living in Paris; {@code n} makes the identifiers distinct. */
  public static RegistrationData parisian(int n) {
    return new RegistrationData("PAR-" + n, "Fatima", "El Amrani", "فاطمة", "العمراني",
        LocalDate.of(1985, 3, 14), Sex.F, String.format("AB%06d", n), null, String.format("+3361234%04d", n),
        "fatima" + n + "@example.org", Language.AR, "12 rue de la Paix, Paris",
        new Location(48.8686, 2.3314, LocationSource.GEOCODED), "FR", "fr-paris", ResidenceType.RESIDENT, null,
        null, null,
        List.of(new HouseholdMember("Youssef El Amrani", Relation.CHILD, LocalDate.of(2015, 6, 1), null),
            new HouseholdMember("Jean Dupont", Relation.SPOUSE, LocalDate.of(1980, 1, 2), "FR")),
        EnumSet.of(Vulnerability.MEDICAL_CONDITION),
        new EmergencyContact("Ahmed El Amrani", "+212522123456", Relation.SIBLING),
        new Consent(EnumSet.of(ConsentPurpose.CRISIS_CONTACT, ConsentPurpose.REPATRIATION),
            Instant.parse("2024-01-10T09:00:00Z"), ConsentMethod.IN_PERSON));
  }

  /** A valid national living in Tripoli. */
  public static RegistrationData tripolitan(int n) {
    RegistrationData p = parisian(n);
    return new RegistrationData("TRI-" + n, "Omar", "Benali", "عمر", "بنعلي", LocalDate.of(1990, 7, 1), Sex.M,
        String.format("CD%06d", n), "P" + String.format("%08d", n), String.format("+21891123%04d", n), null,
        Language.AR, "Tripoli", new Location(32.8872, 13.1913, LocationSource.GPS), "LY", "ly-tripoli",
        ResidenceType.TEMPORARY, crisis.core.registry.StayPurpose.WORK, LocalDate.of(2026, 1, 1),
        // A stay still running whenever the tests run: one ended long ago is what the retention purge deletes.
        LocalDate.now(java.time.ZoneOffset.UTC).plusYears(1), List.of(), EnumSet.noneOf(Vulnerability.class), null, p.consent());
  }

  /** The same registration with another mobile phone. */
  public static RegistrationData withPhone(RegistrationData d, String phone) {
    return new RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(), phone, d.email(),
        d.preferredLanguage(), d.address(), d.location(), d.countryOfResidence(), d.consulateId(), d.residenceType(),
        d.stayPurpose(), d.arrivalDate(), d.departureDate(), d.household(), d.vulnerabilities(),
        d.emergencyContact(), d.consent());
  }

  /**
   * The same registration without a location and without an address: nothing to locate it from (an address would
   * be looked up in the gazetteer).
   */
  public static RegistrationData withoutLocation(RegistrationData d) {
    return new RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(), d.phone(), d.email(),
        d.preferredLanguage(), null, null, d.countryOfResidence(), d.consulateId(), d.residenceType(),
        d.stayPurpose(), d.arrivalDate(), d.departureDate(), d.household(), d.vulnerabilities(),
        d.emergencyContact(), d.consent());
  }

  /** The same registration with another postal address. */
  public static RegistrationData withAddress(RegistrationData d, String address) {
    return new RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(), d.phone(), d.email(),
        d.preferredLanguage(), address, d.location(), d.countryOfResidence(), d.consulateId(), d.residenceType(),
        d.stayPurpose(), d.arrivalDate(), d.departureDate(), d.household(), d.vulnerabilities(),
        d.emergencyContact(), d.consent());
  }

  /** The same registration living at another point (GPS). */
  public static RegistrationData at(RegistrationData d, double latitude, double longitude) {
    return new RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(), d.phone(), d.email(),
        d.preferredLanguage(), d.address(), new Location(latitude, longitude, LocationSource.GPS),
        d.countryOfResidence(), d.consulateId(), d.residenceType(), d.stayPurpose(), d.arrivalDate(),
        d.departureDate(), d.household(), d.vulnerabilities(), d.emergencyContact(), d.consent());
  }

  /** The same registration writing in another language. */
  public static RegistrationData withLanguage(RegistrationData d, crisis.core.registry.Language language) {
    return new RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(), d.phone(), d.email(),
        language, d.address(), d.location(), d.countryOfResidence(), d.consulateId(), d.residenceType(),
        d.stayPurpose(), d.arrivalDate(), d.departureDate(), d.household(), d.vulnerabilities(),
        d.emergencyContact(), d.consent());
  }
}
