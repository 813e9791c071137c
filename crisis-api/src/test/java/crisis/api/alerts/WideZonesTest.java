package crisis.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.pipeline.Alert;
import crisis.api.AppFixture;
import crisis.api.CrisisApplication;
import crisis.core.common.Json;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.testing.Poll;
import crisis.core.testing.Samples;
import crisis.core.testing.WorldCities;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.locationtech.jts.geom.Geometry;

/**
 * Issue 27 (8), from outside, as the checks of the issue did it: people at 15,552 real towns of every country, boxes
 * wider than a hemisphere. The search, the density map, a crisis's preview and its alerts find exactly the people a
 * plain JTS test finds, each once; before, each was a 500 (H3's compactCells) and the crisis alerted nobody, silently.
 * And a crisis the pipeline cannot process shows it: on its status (the crisis page) and in the health check.
 */
@Tag("kafka")
@Tag("slow")
class WideZonesTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;
  static final double[][] BOXES = {{-170, 170, -60, 60}, {-120, 120, 10, 50}, {-170, 170, -60, 10}};
  static AlertsTopic topic;
  /** Every active registration with a point: id, latitude, longitude, as stored. */
  static List<Object[]> located;

  @BeforeAll
  static void people() throws Exception {
    StringBuilder csv = new StringBuilder(CsvFormat.header()).append('\n');
    int n = 0;
    for (WorldCities.City c : WorldCities.everyNth(11)) {
      csv.append(CsvFormat.write(livingIn(Samples.parisian(++n), n, c)));
    }
    // Through the real importer, as import-registrations does (through HTTP the client's read time runs out first).
    java.nio.file.Path file = java.nio.file.Files.createTempFile("wide-zones-", ".csv");
    try {
      java.nio.file.Files.writeString(file, csv);
      new crisis.core.registry.importing.RegistrationImporter(FIXTURE.jdbi,
          new crisis.core.registry.RegistrationValidator(),
          new crisis.core.audit.AuditTrail(FIXTURE.jdbi, java.time.Clock.systemUTC()), java.time.Clock.systemUTC())
          .importFile(crisis.core.access.Actor.cli("test"), file, o -> { });
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
    located = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT id, latitude, longitude FROM registration "
        + "WHERE status = 'ACTIVE' AND latitude IS NOT NULL")
        .map((rs, ctx) -> new Object[] {rs.getObject(1, UUID.class), rs.getDouble(2), rs.getDouble(3)}).list());
    // A few towns are refused as outside their country's outline (issue 27, point 10): the rest is most of them.
    assertThat(located.size()).isGreaterThan(n - 100);
    topic = new AlertsTopic(((CrisisApplication) APP.getApplication()).alerts().bootstrapServers());
  }

  @AfterAll
  static void closeTopic() {
    topic.close();
  }

  /** A Parisian of the sample, moved to a real town: its country, its coordinates, a phone of their own. */
  private static RegistrationData livingIn(RegistrationData d, int n, WorldCities.City c) {
    return new RegistrationData("W-" + n, d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), String.format("WZ%07d", n), null,
        String.format("+3375%07d", n), null, d.preferredLanguage(), c.name(),
        new crisis.core.registry.Location(c.latitude(), c.longitude(), crisis.core.registry.LocationSource.GEOCODED),
        c.country(), d.consulateId(), d.residenceType(), null, null, null, List.of(), d.vulnerabilities(), null,
        d.consent());
  }

  private static Set<UUID> inside(Geometry zone) {
    return located.stream().filter(p -> WorldCities.covers(zone, (Double) p[1], (Double) p[2]))
        .map(p -> (UUID) p[0]).collect(Collectors.toSet());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSearchAndTheDensityMapCountExactlyThePeopleInsideWideBoxes() {
    for (double[] b : BOXES) {
      int expected = inside(WorldCities.box(b[0], b[1], b[2], b[3])).size();
      String box = b[0] + ".." + b[1] + " x " + b[2] + ".." + b[3];
      Map<String, Object> search = post("/api/v1/registrations/search",
          "{\"zone\": " + WorldCities.geoJsonBox(b[0], b[1], b[2], b[3]) + ", \"limit\": 0}", 200);
      assertThat(((Number) search.get("total")).intValue()).as("search over %s", box).isEqualTo(expected);
      for (int resolution : new int[] {2, 9}) {
        long t0 = System.nanoTime();
        try (Response r = FIXTURE.as("cell", "/api/v1/geo/density?bbox=" + b[0] + "," + b[2] + "," + b[1] + ","
            + b[3] + "&resolution=" + resolution).property(org.glassfish.jersey.client.ClientProperties.READ_TIMEOUT,
            120_000).get()) {
          System.out.printf("WideZonesTest: density %s at %d in %.1f s%n", box, resolution,
              (System.nanoTime() - t0) / 1e9);
          String body = r.readEntity(String.class);
          assertThat(r.getStatus()).as(body).isEqualTo(200);
          long total = Json.read(body, List.class).stream()
              .mapToLong(c -> ((Number) ((Map<String, Object>) c).get("count")).longValue()).sum();
          assertThat(total).as("density map over %s at resolution %d", box, resolution).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCrisisOverTheSouthernHalfAlertsEveryoneInsideOnce() {
    Set<UUID> expected = inside(WorldCities.box(-170, 170, -60, 10));
    assertThat(expected.size()).isGreaterThan(2000);
    Map<String, Object> crisis = post("/api/v1/crises", """
        {"title": "Southern half", "type": "OTHER", "severity": "WARNING",
         "zones": [{"label": "-170..170 x -60..10", "geometry": %s}],
         "messages": [{"fr": "Message de test.", "ar": "رسالة اختبار"}]}"""
        .formatted(WorldCities.geoJsonBox(-170, 170, -60, 10)), 201);
    UUID id = UUID.fromString((String) crisis.get("id"));
    Map<String, Object> preview = Json.read(get("/api/v1/crises/" + id + "/preview"), Map.class);
    assertThat(preview.get("registrations")).isEqualTo(expected.size());

    long t0 = System.nanoTime();
    post("/api/v1/crises/" + id + "/activate", "", 200);
    topic.readUntil(a -> a.crisisId().equals(id), l -> l.size() >= expected.size(), Duration.ofSeconds(600));
    System.out.printf("WideZonesTest: %,d people alerted over -170..170 x -60..10 in %.1f s%n", expected.size(),
        (System.nanoTime() - t0) / 1e9);
    awaitPipelineIdle();
    Map<UUID, Integer> alerted = new HashMap<>();
    for (Alert a : topic.readToEnd(a -> a.crisisId().equals(id))) {
      alerted.merge(a.registrationId(), 1, Integer::sum);
    }
    assertThat(alerted.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(alerted.values()).as("each alerted once").allMatch(count -> count == 1);
    Map<String, Object> status = Json.read(get("/api/v1/crises/" + id + "/status"), Map.class);
    assertThat(status.get("problem")).isNull();
    post("/api/v1/crises/" + id + "/close", "{\"reason\": \"test over\"}", 200);
  }

  /**
   * A zone that passes the API but fails in the topology (a test hook: the stored zone is spoiled in the database
   * before activation, as a bug in the pipeline's reading would): the crisis's status names the problem, the health
   * check turns unhealthy; new zones that go through clear both.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aCrisisThePipelineCannotProcessShowsItOnItsStatusAndInTheHealthCheck() throws Exception {
    Map<String, Object> crisis = post("/api/v1/crises", """
        {"title": "Flood", "type": "FLOOD", "severity": "WARNING",
         "zones": [{"circle": {"latitude": -33.92, "longitude": 18.42, "radiusKm": 20}}],
         "messages": [{"fr": "Message de test."}]}""", 201);
    UUID id = UUID.fromString((String) crisis.get("id"));
    FIXTURE.jdbi.useHandle(h -> h.createUpdate("UPDATE crisis SET zones = CAST(:z AS jsonb) WHERE id = :id")
        .bind("z", "[{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[18.3, -34.0], [18.5, -34.0]]]}}]")
        .bind("id", id).execute());
    post("/api/v1/crises/" + id + "/activate", "", 200);
    Map<String, Object> problem = awaitProblem(id, true);
    assertThat((String) problem.get("reason")).startsWith("zone-cells: ").contains("a ring needs at least 4 positions");
    assertThat(problem.get("crisisVersion")).isEqualTo(2);
    assertThat(health()).contains("\"crisis-pipeline\":{\"healthy\":false")
        .contains("crisis " + id + ": zone-cells: ");

    put("/api/v1/crises/" + id + "/zones",
        "{\"zones\": [{\"circle\": {\"latitude\": -33.92, \"longitude\": 18.42, \"radiusKm\": 20}}]}");
    awaitProblem(id, false);
    assertThat(health()).contains("\"crisis-pipeline\":{\"healthy\":true");
    post("/api/v1/crises/" + id + "/close", "{\"reason\": \"test over\"}", 200);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> post(String path, String json, int expected) {
    long t0 = System.nanoTime();
    try (Response r = FIXTURE.as("cell", path).property(org.glassfish.jersey.client.ClientProperties.READ_TIMEOUT,
        120_000).post(jakarta.ws.rs.client.Entity.entity(json, "application/json"))) {
      String body = r.readEntity(String.class);
      System.out.printf("WideZonesTest: POST %s %d in %.1f s%n", path, r.getStatus(), (System.nanoTime() - t0) / 1e9);
      assertThat(r.getStatus()).as(body).isEqualTo(expected);
      return Json.read(body, Map.class);
    }
  }

  /** A GET as the crisis cell, given two minutes (a loaded machine; the figures are printed, not asserted). */
  static String get(String path) {
    long t0 = System.nanoTime();
    try (Response r = FIXTURE.as("cell", path).property(org.glassfish.jersey.client.ClientProperties.READ_TIMEOUT,
        120_000).get()) {
      String body = r.readEntity(String.class);
      System.out.printf("WideZonesTest: GET %s %d in %.1f s%n", path, r.getStatus(), (System.nanoTime() - t0) / 1e9);
      assertThat(r.getStatus()).as(body).isEqualTo(200);
      return body;
    }
  }

  static void put(String path, String json) {
    try (Response r = FIXTURE.as("cell", path).property(org.glassfish.jersey.client.ClientProperties.READ_TIMEOUT,
        120_000).put(jakarta.ws.rs.client.Entity.entity(json, "application/json"))) {
      assertThat(r.getStatus()).as(r.readEntity(String.class)).isEqualTo(200);
    }
  }

  /** Everything written so far has reached Kafka (the outbox is empty) and been processed by the pipeline. */
  static void awaitPipelineIdle() {
    try {
      Poll.until(Duration.ofSeconds(120), () -> FIXTURE.scalar("SELECT count(*) FROM outbox") == 0, "an empty outbox");
      PipelineIdle.await(((CrisisApplication) APP.getApplication()).alerts().bootstrapServers(),
          ((crisis.api.config.CrisisConfiguration) APP.getConfiguration()).getKafka().applicationId,
          Duration.ofSeconds(300));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String health() {
    try (Response r = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck").request()
        .get()) {
      return r.readEntity(String.class);
    }
  }

  /** The problem on the crisis's status once it is there (or gone), within a minute. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitProblem(UUID id, boolean present) {
    Map<String, Object> s = Poll.until(Duration.ofSeconds(60),
        () -> (Map<String, Object>) Json.read(get("/api/v1/crises/" + id + "/status"), Map.class),
        status -> (status.get("problem") != null) == present, "the crisis's problem " + (present ? "there" : "gone"));
    return (Map<String, Object>) s.get("problem");
  }
}
