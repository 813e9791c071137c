package crisis.api;

import static crisis.core.testing.Samples.at;
import static crisis.core.testing.Samples.parisian;
import static crisis.core.testing.Samples.tripolitan;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.common.Json;
import crisis.core.geo.H3Backfill;
import crisis.core.registry.importing.CsvFormat;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Zone searches and density maps through the API, on people at known places. */
@Tag("app")
class ZoneSearchTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;

  /** Central Paris, with a hole around the Île de la Cité. */
  static final String PARIS = "{\"type\":\"Polygon\",\"coordinates\":[[[2.30,48.84],[2.38,48.84],[2.38,48.88],"
      + "[2.30,48.88],[2.30,48.84]],[[2.340,48.850],[2.350,48.850],[2.350,48.858],[2.340,48.858],[2.340,48.850]]]}";

  @BeforeAll
  static void people() {
    String csv = CsvFormat.header() + "\n"
        + CsvFormat.write(at(parisian(1), 48.8600, 2.3200))   // inside
        + CsvFormat.write(at(parisian(2), 48.8700, 2.3700))   // inside
        + CsvFormat.write(at(parisian(3), 48.8540, 2.3450))   // in the hole
        + CsvFormat.write(at(parisian(4), 48.8600, 2.2999))   // just west of the edge
        + CsvFormat.write(at(parisian(5), 48.8600, 2.3001))   // just east of the edge
        + CsvFormat.write(at(parisian(6), 48.8049, 2.1204))   // Versailles, ~17 km
        + CsvFormat.write(at(parisian(7), 49.2583, 4.0317))   // Reims, ~130 km
        + CsvFormat.write(at(tripolitan(8), 32.8872, 13.1913));
    String report = FIXTURE.call("cell", "POST", "/api/v1/registrations/import", csv, "text/csv")
        .readEntity(String.class);
    assertThat(report).contains("\"created\":8");
  }

  @Test
  @SuppressWarnings("unchecked")
  void findsExactlyThePeopleInsideAPolygonWithAHole() {
    Map<String, Object> r = search("cell", "{\"zone\":" + PARIS + "}");
    assertThat(r.get("total")).isEqualTo(3);
    List<Map<String, Object>> items = (List<Map<String, Object>>) r.get("items");
    assertThat(items).extracting(i -> i.get("externalId")).containsExactlyInAnyOrder("PAR-1", "PAR-2", "PAR-5");
    assertThat((Map<String, Object>) r.get("byLanguage")).containsEntry("ar", 3);
    assertThat((Map<String, Object>) r.get("byVulnerability")).containsEntry("MEDICAL_CONDITION", 3);
  }

  @Test
  @SuppressWarnings("unchecked")
  void partsWhoseCoveragesOverlapCountEachPersonOnce() {
    // Lyon: two boxes a hair apart (their edge cells are the same cells), three people.
    String csv = CsvFormat.header() + "\n"
        + CsvFormat.write(at(parisian(40), 45.7600, 4.82995))  // in the western box, at its edge
        + CsvFormat.write(at(parisian(41), 45.7600, 4.83015))  // in the eastern box, at its edge
        + CsvFormat.write(at(parisian(42), 45.7600, 4.8000));  // well inside the western box
    assertThat(FIXTURE.call("cell", "POST", "/api/v1/registrations/import", csv, "text/csv").readEntity(String.class))
        .contains("\"created\":3");
    String zone = "{\"zone\":{\"type\":\"MultiPolygon\",\"coordinates\":["
        + "[[[4.78,45.74],[4.8300,45.74],[4.8300,45.78],[4.78,45.78],[4.78,45.74]]],"
        + "[[[4.8301,45.74],[4.88,45.74],[4.88,45.78],[4.8301,45.78],[4.8301,45.74]]]]}, \"limit\": 100}";
    Map<String, Object> r = search("cell", zone);
    assertThat(r.get("total")).isEqualTo(3);
    assertThat((Map<String, Object>) r.get("byLanguage")).containsExactly(Map.entry("ar", 3));
    assertThat((List<Map<String, Object>>) r.get("items")).extracting(i -> i.get("externalId"))
        .containsExactlyInAnyOrder("PAR-40", "PAR-41", "PAR-42");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMainlandAndAnIslandCountEachPersonOnce() {
    // The review's reproduction: mainland France and Corsica as two boxes; the mainland's coarse edge cells reach
    // the island's. People of Corsica (French residents), at its west coast and in its towns.
    String csv = CsvFormat.header() + "\n"
        + CsvFormat.write(at(parisian(50), 42.5000, 8.5450))
        + CsvFormat.write(at(parisian(51), 41.9192, 8.7386))   // Ajaccio
        + CsvFormat.write(at(parisian(52), 42.6977, 9.4508))   // Bastia
        + CsvFormat.write(at(parisian(53), 42.4000, 8.6500));
    assertThat(FIXTURE.call("cell", "POST", "/api/v1/registrations/import", csv, "text/csv").readEntity(String.class))
        .contains("\"created\":4");
    String zone = "{\"zone\":{\"type\":\"MultiPolygon\",\"coordinates\":["
        + "[[[-4.6,42.34],[8.1,42.34],[8.1,51.15],[-4.6,51.15],[-4.6,42.34]]],"
        + "[[[8.54,41.38],[9.56,41.38],[9.56,43.01],[8.54,43.01],[8.54,41.38]]]]}, \"limit\": 500}";
    long expected = FIXTURE.scalar("""
        SELECT count(*) FROM registration WHERE status = 'ACTIVE' AND (
          (latitude BETWEEN 42.34 AND 51.15 AND longitude BETWEEN -4.6 AND 8.1)
          OR (latitude BETWEEN 41.38 AND 43.01 AND longitude BETWEEN 8.54 AND 9.56))""");
    Map<String, Object> r = search("cell", zone);
    List<Map<String, Object>> items = (List<Map<String, Object>>) r.get("items");
    assertThat(items.stream().map(i -> i.get("id")).distinct().count()).isEqualTo(items.size());
    assertThat(((Number) r.get("total")).longValue()).isEqualTo(expected).isEqualTo(items.size());
    assertThat(((Map<String, Integer>) r.get("byLanguage")).values().stream().mapToLong(Integer::longValue).sum())
        .isEqualTo(expected);
  }

  @Test
  void aTwoMegabyteFileOfSixtyFourWatershedsIsOneZone() {
    // As a flood agency publishes them: 64 neighbouring watersheds sharing their borders vertex for vertex, densely
    // drawn, pretty-printed: over 2 MB, 51,200 positions. Together they are the box 1.5..3.5 x 48..49.6.
    StringBuilder fc = new StringBuilder("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [");
    int per = 200;
    for (int row = 0; row < 8; row++) {
      for (int col = 0; col < 8; col++) {
        double w = 1.5 + col * 0.25;
        double s = 48.0 + row * 0.2;
        List<double[]> ring = new java.util.ArrayList<>();
        for (int i = 0; i < per; i++) {
          ring.add(new double[] {w + 0.25 * i / per, s});
        }
        for (int i = 0; i < per; i++) {
          ring.add(new double[] {w + 0.25, s + 0.2 * i / per});
        }
        for (int i = 0; i < per; i++) {
          ring.add(new double[] {w + 0.25 - 0.25 * i / per, s + 0.2});
        }
        for (int i = 0; i < per; i++) {
          ring.add(new double[] {w, s + 0.2 - 0.2 * i / per});
        }
        ring.add(ring.get(0));
        fc.append(row + col == 0 ? "" : ",").append("\n    {\n      \"type\": \"Feature\",\n      \"properties\": "
            + "{\"id\": \"W").append(row * 8 + col).append("\", \"name\": \"Bassin versant\"},\n      \"geometry\": {"
            + "\n        \"type\": \"Polygon\",\n        \"coordinates\": [\n          [");
        for (int i = 0; i < ring.size(); i++) {
          fc.append(i == 0 ? "" : ",").append("\n            [\n              ")
              .append(String.format(java.util.Locale.ROOT, "%.10f", ring.get(i)[0])).append(",\n              ")
              .append(String.format(java.util.Locale.ROOT, "%.10f", ring.get(i)[1])).append("\n            ]");
        }
        fc.append("\n          ]\n        ]\n      }\n    }");
      }
    }
    fc.append("\n  ]\n}");
    String body = "{\"zone\": " + fc + "}";
    assertThat(body.length()).isGreaterThan(2_000_000);
    long expected = FIXTURE.scalar("SELECT count(*) FROM registration WHERE status = 'ACTIVE' AND latitude BETWEEN 48.0 "
        + "AND 49.6 AND longitude BETWEEN 1.5 AND 3.5");
    Map<String, Object> r = search("cell", body);
    assertThat(((Number) r.get("total")).longValue()).isEqualTo(expected).isPositive();
    assertThat((List<?>) r.get("warnings")).isEmpty();
  }

  @Test
  void wideBoxesAndTheWholeWorldHoldEveryone() {
    long located = FIXTURE.scalar("SELECT count(*) FROM registration WHERE status = 'ACTIVE' AND latitude IS NOT NULL");
    assertThat(located).isPositive();
    for (String ring : List.of("[[-179.9,-89.9],[179.9,-89.9],[179.9,89.9],[-179.9,89.9],[-179.9,-89.9]]",
        "[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]", "[[-180,-90],[-180,90],[180,90],[180,-90],[-180,-90]]")) {
      assertThat(((Number) search("cell", "{\"zone\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}}")
          .get("total")).longValue()).as(ring).isEqualTo(located);
    }
    // Europe and Africa, not the Pacific: exactly those between -100 and 100 of longitude.
    long between = FIXTURE.scalar("SELECT count(*) FROM registration WHERE status = 'ACTIVE' AND latitude BETWEEN -60 "
        + "AND 60 AND longitude BETWEEN -100 AND 100");
    assertThat(((Number) search("cell", "{\"zone\":{\"type\":\"Polygon\",\"coordinates\":[[[-100,-60],[100,-60],"
        + "[100,60],[-100,60],[-100,-60]]]}}").get("total")).longValue()).isEqualTo(between).isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void limitZeroAnswersTheCountsAloneAndShowsNobody() {
    // What the console's map asks while a zone is drawn.
    Map<String, Object> r = search("officer.paris", "{\"zone\":" + PARIS + ", \"limit\": 0}");
    assertThat(r.get("total")).isEqualTo(3);
    assertThat((Map<String, Object>) r.get("byLanguage")).containsEntry("ar", 3);
    assertThat((List<Object>) r.get("items")).isEmpty();
    String audited = FIXTURE.jdbi.withHandle(h -> h.createQuery("""
            SELECT cardinality(registration_ids) || '|' || detail FROM audit_event
            WHERE actor = 'officer.paris' AND action = 'SEARCH' ORDER BY id DESC LIMIT 1""")
        .mapTo(String.class).one());
    assertThat(audited).isEqualTo("0|zone search: 3 matches");
    for (String[] bad : new String[][] {{"\"limit\": 0, \"offset\": 5", "offset", "must be 0 when limit is 0"},
        {"\"limit\": -1", "limit", "must be between 1 and"}}) {
      try (Response refused = FIXTURE.call("cell", "POST", "/api/v1/registrations/search",
          "{\"zone\":" + PARIS + ", " + bad[0] + "}", "application/json")) {
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.readEntity(String.class)).contains("\"field\":\"" + bad[1] + "\"", bad[2]);
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everySearchIsAuditedWithThePeopleItShowed() {
    Map<String, Object> r = search("officer.paris", "{\"zone\":" + PARIS + ", \"limit\": 2}");
    List<String> shown = ((List<Map<String, Object>>) r.get("items")).stream().map(i -> (String) i.get("id")).toList();
    assertThat(shown).hasSize(2);
    List<String> audited = FIXTURE.jdbi.withHandle(h -> h.createQuery("""
            SELECT array_to_string(registration_ids, ',') || '|' || detail FROM audit_event
            WHERE actor = 'officer.paris' AND action = 'SEARCH' ORDER BY id DESC LIMIT 1""")
        .mapTo(String.class).list());
    assertThat(audited).hasSize(1);
    assertThat(audited.get(0).split("\\|")[0].split(",")).containsExactlyInAnyOrderElementsOf(shown);
    assertThat(audited.get(0)).endsWith("zone search: 3 matches");
  }

  @Test
  void circlesMeasureOnTheSphere() {
    assertThat(search("cell", "{\"circle\":{\"latitude\":48.8566,\"longitude\":2.3522,\"radiusKm\":50}}")
        .get("total")).isEqualTo(6);
    assertThat(search("cell", "{\"circle\":{\"latitude\":48.8566,\"longitude\":2.3522,\"radiusKm\":150}}")
        .get("total")).isEqualTo(7);
  }

  @Test
  void aWholeCountryMatchesTheCountryOfResidence() {
    assertThat(search("cell", "{\"country\":\"fr\"}").get("total"))
        .isEqualTo((int) FIXTURE.scalar("SELECT count(*) FROM registration WHERE country_of_residence = 'FR'"));
    assertThat(search("cell", "{\"country\":\"LY\"}").get("total"))
        .isEqualTo((int) FIXTURE.scalar("SELECT count(*) FROM registration WHERE country_of_residence = 'LY'"));
    assertThat(search("cell", "{\"country\":\"TN\"}").get("total")).isEqualTo(0);
    assertRefused("{\"country\":\"XX\"}", "country", "not an ISO 3166-1 alpha-2");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCountryReachesItsResidentsOffTheCoastAndWithoutALocation() {
    assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/registrations",
        Json.write(crisis.core.testing.Samples.withoutLocation(parisian(70))), "application/json"))).isEqualTo(201);
    // Moored 12 km off Marseille: outside the 1:50m coastline, within the coastal band (12 nautical miles).
    String csv = CsvFormat.header() + "\n" + CsvFormat.write(at(parisian(71), 43.18, 5.30));
    assertThat(FIXTURE.call("cell", "POST", "/api/v1/registrations/import", csv, "text/csv").readEntity(String.class))
        .contains("\"created\":1");
    Map<String, Object> r = search("cell", "{\"country\":\"FR\", \"limit\": 500}");
    assertThat((List<Map<String, Object>>) r.get("items")).extracting(i -> i.get("externalId"))
        .contains("PAR-70", "PAR-71");
    assertThat(((Number) r.get("total")).longValue())
        .isEqualTo(FIXTURE.scalar("SELECT count(*) FROM registration WHERE status = 'ACTIVE' AND country_of_residence = 'FR'"));
    // A drawn zone is only its area: the unlocated resident is not in it.
    assertThat(search("cell", "{\"zone\":{\"type\":\"Polygon\",\"coordinates\":[[[-5,42],[9,42],[9,51.5],[-5,51.5],"
        + "[-5,42]]]}, \"limit\": 500}").toString()).doesNotContain("PAR-70").contains("PAR-71");
  }

  @Test
  void officersSeeOnlyTheirJurisdictionAndFiltersApply() {
    assertThat(search("officer.tripoli", "{\"zone\":" + PARIS + "}").get("total")).isEqualTo(0);
    assertThat(search("officer.paris", "{\"zone\":" + PARIS + "}").get("total")).isEqualTo(3);
    assertThat(search("cell", "{\"zone\":" + PARIS + ",\"vulnerability\":\"ELDERLY\"}").get("total")).isEqualTo(0);
    assertThat(search("cell", "{\"zone\":" + PARIS + ",\"language\":\"fr\"}").get("total")).isEqualTo(0);
    assertThat(search("cell", "{\"zone\":" + PARIS + ",\"limit\":1,\"offset\":1}")).containsEntry("total", 3)
        .satisfies(m -> assertThat((List<?>) m.get("items")).hasSize(1));
    assertThat(AppFixture.status(FIXTURE.call("worker", "POST", "/api/v1/registrations/search",
        "{\"zone\":" + PARIS + "}", "application/json"))).isEqualTo(403);
  }

  @Test
  void badZonesAreRefusedNamingTheProblem() {
    assertRefused("{\"zone\":{\"type\":\"Polygon\",\"coordinates\":[[[2.3,48.8],[2.4,48.8],[2.4,48.9]]]}}",
        "zone.coordinates[0]", "at least 4 positions");
    assertRefused("{\"zone\":{\"type\":\"Polygon\",\"coordinates\":[[[2.3,48.8],[2.4,48.9],[2.4,48.8],[2.3,48.9],"
        + "[2.3,48.8]]]}, \"strict\": true}", "zone", "self-intersection");
    // Without strict: repaired, and said so.
    assertThat(search("cell", "{\"zone\":{\"type\":\"Polygon\",\"coordinates\":[[[2.3,48.8],[2.4,48.9],[2.4,48.8],"
        + "[2.3,48.9],[2.3,48.8]]]}}").get("warnings").toString()).contains("self-intersection near longitude 2.35")
        .contains("repaired into 2 areas");
    assertRefused("{\"circle\":{\"latitude\":95,\"longitude\":2,\"radiusKm\":0}}", "circle.latitude", "between -90");
    assertRefused("{\"zone\":" + PARIS + ",\"circle\":{\"latitude\":48,\"longitude\":2,\"radiusKm\":5}}", "zone",
        "exactly one");
    assertRefused("{}", "zone", "exactly one");
  }

  @Test
  @SuppressWarnings("unchecked")
  void densityCountsCellsWithoutPersonalData() {
    Response r = FIXTURE.as("cell", "/api/v1/geo/density?bbox=2.0,48.5,4.5,49.5&resolution=5").get();
    String body = r.readEntity(String.class);
    assertThat(r.getStatus()).as(body).isEqualTo(200);
    List<Map<String, Object>> cells = Json.read(body, List.class);
    assertThat(cells.stream().mapToInt(c -> (Integer) c.get("count")).sum()).isEqualTo(7);
    assertThat(cells).allSatisfy(c -> assertThat(c).containsOnlyKeys("cell", "count"));
    assertThat(AppFixture.status(FIXTURE.as("cell", "/api/v1/geo/density?bbox=1,2,3&resolution=5").get()))
        .isEqualTo(400);
    assertThat(AppFixture.status(FIXTURE.as("cell", "/api/v1/geo/density?bbox=2,48,4,49&resolution=12").get()))
        .isEqualTo(422);
  }

  @Test
  void theBackfillMigrationRestoresTheIndex() throws Exception {
    FIXTURE.jdbi.useHandle(h -> h.execute("UPDATE registration SET h3_cell = NULL"));
    assertThat(search("cell", "{\"zone\":" + PARIS + "}").get("total")).isEqualTo(0);
    try (Connection c = FIXTURE.db.dataSource().getConnection()) {
      new H3Backfill().execute(DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)));
      if (!c.getAutoCommit()) {
        c.commit(); // Liquibase commits after each change set; here we stand in for it
      }
    }
    assertThat(search("cell", "{\"zone\":" + PARIS + "}").get("total")).isEqualTo(3);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> search(String user, String body) {
    Response r = FIXTURE.call(user, "POST", "/api/v1/registrations/search", body, "application/json");
    String text = r.readEntity(String.class);
    assertThat(r.getStatus()).as(text).isEqualTo(200);
    return Json.read(text, Map.class);
  }

  @SuppressWarnings("unchecked")
  private static void assertRefused(String body, String field, String reason) {
    Response r = FIXTURE.call("cell", "POST", "/api/v1/registrations/search", body, "application/json");
    String text = r.readEntity(String.class);
    assertThat(r.getStatus()).as(text).isEqualTo(400);
    List<Map<String, String>> errors = (List<Map<String, String>>) Json.read(text, Map.class).get("errors");
    assertThat(errors).as(text).anySatisfy(e -> {
      assertThat(e.get("field")).isEqualTo(field);
      assertThat(e.get("reason")).contains(reason);
    });
  }
}
