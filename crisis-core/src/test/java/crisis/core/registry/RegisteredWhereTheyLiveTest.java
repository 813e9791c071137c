package crisis.core.registry;

import static crisis.core.testing.Samples.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.consulate.Consulate;
import crisis.core.consulate.ConsulateService;
import crisis.core.country.Country;
import crisis.core.country.CountryService;
import crisis.core.geo.ZoneInputs;
import crisis.core.geo.CountryBoundaries;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 27 (10): a national is registrable where they live, and a crisis over their country reaches them there —
 * on an island the 1:50m outline drops, in Crimea, in Kosovo ({@code XK}, the code consulates use: a jurisdiction,
 * a country of residence with its names, a +383 mobile, an outline).
 */
@Tag("db")
class RegisteredWhereTheyLiveTest {
  private static TestDatabase db;
  private static Jdbi jdbi;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  @Test
  void aNationalLivingInPristinaIsRegistered() {
    Consulate belgrade = new ConsulateService(jdbi).create(ADMIN, new Consulate("rs-belgrade",
        "Embassy in Belgrade, consular section", "Belgrade", "RS", "+381 11 3690 000", null, List.of("RS", "XK")));
    assertThat(belgrade.jurisdiction()).containsExactly("RS", "XK");
    Actor officer = new Actor("officer.belgrade", Role.CONSULAR_OFFICER, "rs-belgrade", java.util.Set.of("RS", "XK"),
        "127.0.0.1");
    RegistrationService registrations = new RegistrationService(jdbi, new RegistrationValidator(),
        new AuditTrail(jdbi, Clock.systemUTC()), Clock.systemUTC());
    RegistrationData d = Samples.parisian(1);
    RegistrationData pristina = new RegistrationData("PRN-1", d.givenNameLatin(), d.familyNameLatin(),
        d.givenNameArabic(), d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), null, "+383 44 123 456",
        null, d.preferredLanguage(), "Rruga Nënë Tereza 20, Prishtinë",
        new Location(42.6629, 21.1655, LocationSource.GPS), "xk", "rs-belgrade", ResidenceType.RESIDENT, null, null,
        null, List.of(), d.vulnerabilities(), d.emergencyContact(), d.consent());
    Registration r = registrations.create(officer, pristina);
    assertThat(r.data().countryOfResidence()).isEqualTo("XK");
    assertThat(r.data().phone()).isEqualTo("+38344123456");
  }

  @Test
  void aCountryCrisisReachesItsResidentsOnIslandsAndInCrimea() {
    Actor cell = Samples.CRISIS_CELL;
    ConsulateService consulates = new ConsulateService(jdbi);
    consulates.create(ADMIN, new Consulate("in-newdelhi", "Embassy in New Delhi, consular section", "New Delhi", "IN",
        null, null, List.of("IN", "MV")));
    consulates.create(ADMIN, new Consulate("ua-kyiv", "Embassy in Kyiv, consular section", "Kyiv", "UA", null, null,
        List.of("UA")));
    AuditTrail audit = new AuditTrail(jdbi, Clock.systemUTC());
    RegistrationService registrations = new RegistrationService(jdbi, new RegistrationValidator(), audit,
        Clock.systemUTC());
    registrations.create(cell, living(10, "MV", "in-newdelhi", "Fuvahmulah", -0.29878, 73.42403));
    registrations.create(cell, living(11, "MV", "in-newdelhi", "Addu City, Hithadhoo", -0.6, 73.08333));
    registrations.create(cell, living(12, "IN", "in-newdelhi", "Kavaratti, Lakshadweep", 10.56688, 72.64203));
    registrations.create(cell, living(13, "UA", "ua-kyiv", "Simferopol", 44.95719, 34.11079));
    registrations.create(cell, living(14, "UA", "ua-kyiv", "Sevastopol", 44.60795, 33.52134));
    ZoneSearch search = new ZoneSearch(jdbi, audit);
    ZoneSearch.Filter all = new ZoneSearch.Filter(null, null, null);
    CountryBoundaries countries = CountryBoundaries.shared();
    assertThat(search.search(cell, ZoneInputs.country(countries, "MV", "country"), all, 0, 10).items())
        .extracting(r -> r.data().externalId()).containsExactlyInAnyOrder("LIV-10", "LIV-11");
    assertThat(search.search(cell, ZoneInputs.country(countries, "IN", "country"), all, 0, 10).items())
        .extracting(r -> r.data().externalId()).containsExactly("LIV-12");
    assertThat(search.search(cell, ZoneInputs.country(countries, "UA", "country"), all, 0, 10).items())
        .extracting(r -> r.data().externalId()).containsExactlyInAnyOrder("LIV-13", "LIV-14");
  }

  private static RegistrationData living(int n, String country, String consulate, String address, double lat,
      double lon) {
    RegistrationData d = Samples.parisian(n);
    return new RegistrationData("LIV-" + n, d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), null, d.phone(), null,
        d.preferredLanguage(), address, new Location(lat, lon, LocationSource.GPS), country, consulate,
        ResidenceType.RESIDENT, null, null, null, List.of(), d.vulnerabilities(), d.emergencyContact(), d.consent());
  }

  @Test
  void everyCodeAcceptedIsACountryNamedInFrenchAndArabic() {
    java.util.Map<String, Country> countries = new java.util.HashMap<>();
    new CountryService(jdbi, Clock.systemUTC()).list().forEach(c -> countries.put(c.iso2(), c));
    assertThat(countries.keySet()).containsAll(crisis.core.country.CountryCodes.all());
    for (String code : crisis.core.country.CountryCodes.all()) {
      Country c = countries.get(code);
      assertThat(c.nameFr()).as(code).isNotBlank();
      assertThat(c.nameAr()).as(code).isNotBlank().matches(".*\\p{IsArabic}.*");
    }
  }

  @Test
  void kosovoIsACountryWithItsNamesAndAZone() {
    Country kosovo = new CountryService(jdbi, Clock.systemUTC()).get("XK");
    assertThat(List.of(kosovo.nameEn(), kosovo.nameFr(), kosovo.nameAr())).containsExactly("Kosovo", "Kosovo",
        "كوسوفو");
    assertThat(ZoneInputs.country(CountryBoundaries.shared(), "XK", "country").contains(42.67272, 21.16688))
        .isTrue();
  }
}
