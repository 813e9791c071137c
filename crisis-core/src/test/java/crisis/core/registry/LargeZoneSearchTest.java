package crisis.core.registry;

import static crisis.core.testing.Samples.CRISIS_CELL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import crisis.core.audit.AuditTrail;
import crisis.core.common.Json;
import crisis.core.geo.PolygonZone;
import crisis.core.geo.ZoneParser;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.registry.importing.RegistrationImporter;
import crisis.core.testing.ArchipelagoZone;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import crisis.core.testing.WorldCities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;

/**
 * Issue 27 (9): a zone of 126,744 positions (5.3 MB: outlines around 2,001 towns of the Philippines, as a detailed
 * flood warning may be) is searched in bounded time, with the count a plain JTS test of every registration gives.
 * Such a zone took 208 s through the API.
 */
@Tag("db")
class LargeZoneSearchTest {
  private static TestDatabase db;
  private static Jdbi jdbi;
  private static ZoneSearch search;
  private static final ArchipelagoZone ZONE = new ArchipelagoZone();

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    AuditTrail audit = new AuditTrail(jdbi, Clock.systemUTC());
    search = new ZoneSearch(jdbi, audit);
    StringBuilder csv = new StringBuilder(CsvFormat.header()).append('\n');
    int n = 0;
    for (WorldCities.City c : WorldCities.everyNth(11)) {
      csv.append(CsvFormat.write(person(++n, c.country(), c.latitude(), c.longitude())));
    }
    // In the Philippines: at each town of the zone, and somewhere within 6 km of it (in or out of its outline).
    Random random = new Random(9);
    for (WorldCities.City c : ZONE.towns()) {
      csv.append(CsvFormat.write(person(++n, "PH", c.latitude(), c.longitude())));
      double a = random.nextDouble() * 2 * Math.PI;
      double km = random.nextDouble() * 6;
      csv.append(CsvFormat.write(person(++n, "PH", c.latitude() + km / 110.57 * Math.sin(a),
          c.longitude() + km / 111.32 / Math.cos(Math.toRadians(c.latitude())) * Math.cos(a))));
    }
    Path file = Files.createTempFile("large-zone-", ".csv");
    try {
      Files.writeString(file, csv);
      new RegistrationImporter(jdbi, new RegistrationValidator(), audit, Clock.systemUTC())
          .importFile(CRISIS_CELL, file, o -> { });
    } finally {
      Files.delete(file);
    }
    jdbi.useHandle(h -> h.execute("ANALYZE registration"));
  }

  private static RegistrationData person(int n, String country, double latitude, double longitude) {
    RegistrationData d = Samples.parisian(n);
    return new RegistrationData("L-" + n, d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), String.format("LZ%07d", n), null,
        String.format("+3375%07d", n), null, d.preferredLanguage(), null,
        new Location(latitude, longitude, LocationSource.GPS), country, d.consulateId(), d.residenceType(), null, null,
        null, List.of(), d.vulnerabilities(), null, d.consent());
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  @Test
  void aZoneOf126744PositionsIsSearchedInBoundedTimeWithTheExactCount() {
    String geoJson = ZONE.geoJson();
    assertThat(geoJson.length()).isBetween(5_200_000, 5_400_000);
    List<Polygon> outlines = ZONE.polygons();
    List<double[]> points = jdbi.withHandle(h -> h.createQuery("SELECT latitude, longitude FROM registration "
        + "WHERE status = 'ACTIVE' AND latitude IS NOT NULL")
        .map((rs, ctx) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).list());
    long expected = points.stream().filter(p -> ArchipelagoZone.covers(outlines, p[0], p[1])).count();
    assertThat(expected).isGreaterThan(2000);

    ZoneParser parser = new ZoneParser(500_000);
    crisis.core.geo.Coverage first = null;
    for (int round = 1; round <= 2; round++) {
      long t0 = System.nanoTime();
      PolygonZone zone = parser.parse(Json.read(geoJson, JsonNode.class), "zone");
      long t1 = System.nanoTime();
      zone.cover();
      long t2 = System.nanoTime();
      ZoneSearch.Result r = search.search(CRISIS_CELL, zone, new ZoneSearch.Filter(null, null, null), 0, 50);
      long t3 = System.nanoTime();
      System.out.printf("LargeZoneSearchTest round %d: %,d positions, %,d people: parsed in %.1f s, covered in "
          + "%.1f s (%,d ranges), searched in %.1f s; %.1f s in all%n", round, ArchipelagoZone.POSITIONS, r.total(),
          (t1 - t0) / 1e9, (t2 - t1) / 1e9, zone.cover().size(), (t3 - t2) / 1e9, (t3 - t0) / 1e9);
      assertThat(r.total()).isEqualTo(expected);
      // Bounded: the classified cells have a budget (165,430 ranges before); the same zone again, in a new request,
      // is not covered again (13 s each time before).
      assertThat(zone.cover().size()).isLessThan(60_000);
      if (first == null) {
        first = zone.cover();
      } else {
        assertThat(zone.cover()).isSameAs(first);
      }
    }
  }
}
