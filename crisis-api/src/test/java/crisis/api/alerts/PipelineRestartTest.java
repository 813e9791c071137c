package crisis.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.kafka.EmbeddedKafka;
import crisis.alerts.pipeline.Alert;
import crisis.api.AppFixture;
import crisis.api.AppProcess;
import crisis.api.CrisisApplication;
import crisis.api.config.CrisisConfiguration;
import crisis.api.services.Services;
import crisis.core.access.Actor;
import crisis.core.common.Json;
import crisis.core.crisis.CrisisZone;
import crisis.core.testing.Poll;
import crisis.core.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The application stopped in the middle of a large fan-out and started again (with its Streams state directory
 * wiped, so stores come back from their changelogs): every expected alert is on the topic exactly once.
 *
 * <p>Every wait ends on a positive signal; the deadlines are only there to fail a stuck run, and are generous: the
 * module's test classes run in two JVMs on two cores, and a long fan-out shares them with another test.
 */
@Tag("kafka")
class PipelineRestartTest {
  private static final int PEOPLE = 40_000;

  @Test
  void everyExpectedAlertExactlyOnceAcrossARestartMidBroadcast() throws Exception {
    TestDatabase db = TestDatabase.create();
    Runtime.getRuntime().addShutdownHook(new Thread(db::drop));
    crisis.core.testing.Samples.consulates(db.jdbi());
    new crisis.core.users.UserService(db.jdbi()).add("cell", AppFixture.PASSWORD.toCharArray(),
        crisis.core.access.Role.CRISIS_CELL, null);
    Services services = Services.build(db.jdbi(), Clock.systemUTC());
    AlertsTopic.importDemo(db.jdbi(), services.importer(), PEOPLE, 11);
    // Everyone in the demo's European cities: a large share of the registry.
    String zones = """
        [{"label": "France", "country": "FR"}, {"label": "Spain", "country": "ES"},
         {"label": "Benelux", "geometry": {"type": "Polygon", "coordinates":
           [[[2.5,49.5],[7.2,49.5],[7.2,53.6],[2.5,53.6],[2.5,49.5]]]}}]""";
    Set<UUID> expected = new HashSet<>();
    for (var z : Json.read(zones, new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() {})) {
      var input = Json.MAPPER.convertValue(z, crisis.core.crisis.ZoneInput.class);
      // A country reaches its residents too (CountryZone): the search answers with the pipeline's own rule.
      crisis.core.geo.Zone resolved = z.containsKey("country")
          ? crisis.core.geo.ZoneInputs.country(services.boundaries(), (String) z.get("country"), "country")
          : new CrisisZone(null, input.geometry(), null).zone();
      expected.addAll(services.zoneSearch().ids(Actor.cli("test"), resolved));
    }
    assertThat(expected.size()).isGreaterThan(PEOPLE / 4);

    try (EmbeddedKafka kafka = EmbeddedKafka.start(null); AlertsTopic topic = new AlertsTopic(
        kafka.bootstrapServers())) {
      Path state = Files.createTempDirectory("restart-streams");
      DropwizardTestSupport<CrisisConfiguration> first = app(db, kafka, state);
      first.before();
      UUID crisisId;
      UUID messageId;
      try {
        Client client = ClientBuilder.newClient();
        String base = "http://127.0.0.1:" + first.getLocalPort();
        Map<String, Object> crisis = call(client, base + "/api/v1/crises", """
            {"title": "Storm over western Europe", "type": "STORM", "severity": "EXTREME", "zones": %s,
             "messages": [{"ar": "ابقوا في الداخل", "fr": "Restez à l'intérieur.", "es": "Quédense dentro."}]}
            """.formatted(zones));
        crisisId = UUID.fromString((String) crisis.get("id"));
        // Let the registry reach the pipeline first, so that activation is one large fan-out.
        awaitEmptyOutbox(db);
        Map<String, Object> active = call(client, base + "/api/v1/crises/" + crisisId + "/activate", "");
        messageId = UUID.fromString((String) ((Map<?, ?>) ((List<?>) active.get("messages")).get(0)).get("id"));
        UUID c = crisisId;
        int before = topic.readUntil(a -> a.crisisId().equals(c), l -> !l.isEmpty(), Duration.ofSeconds(240)).size();
        assertThat(before).as("alerts when the application stops").isGreaterThan(0).isLessThan(expected.size());
        System.out.printf("restart test: %d people expected, %d alerts on the topic when the application stopped%n",
            expected.size(), before);
        client.close();
      } finally {
        first.after();
      }
      // Gone with the instance: its local stores.
      deleteTree(state);

      DropwizardTestSupport<CrisisConfiguration> second = app(db, kafka, state);
      second.before();
      try {
        UUID c = crisisId;
        List<Alert> alerts = topic.readUntil(a -> a.crisisId().equals(c), l -> l.size() >= expected.size(),
            Duration.ofSeconds(480));
        // Anything more (a duplicate) would be on the topic once the pipeline has processed everything.
        awaitEmptyOutbox(db);
        PipelineIdle.await(kafka.bootstrapServers(), second.getConfiguration().getKafka().applicationId,
            Duration.ofSeconds(240));
        alerts = topic.readToEnd(a -> a.crisisId().equals(c));
        System.out.printf("restart test: %d alerts after the restart%n", alerts.size());
        Map<UUID, Integer> perPerson = new HashMap<>();
        for (Alert a : alerts) {
          assertThat(a.messageId()).isEqualTo(messageId);
          perPerson.merge(a.registrationId(), 1, Integer::sum);
        }
        assertThat(perPerson.keySet()).isEqualTo(expected);
        assertThat(perPerson.values()).containsOnly(1);
      } finally {
        second.after();
      }
    }
  }

  private static DropwizardTestSupport<CrisisConfiguration> app(TestDatabase db, EmbeddedKafka kafka, Path state) {
    return new DropwizardTestSupport<>(CrisisApplication.class, "../config/test.yml",
        ConfigOverride.config("database.connection.url", db.urlWithoutParameters()),
        ConfigOverride.config("database.connection.user", db.serverUser()),
        ConfigOverride.config("kafka.type", "external"),
        ConfigOverride.config("kafka.bootstrapServers", kafka.bootstrapServers()),
        ConfigOverride.config("kafka.stateDirectory", state.toString()),
        ConfigOverride.config("kafka.streamThreads", "2"));
  }

  private static void awaitEmptyOutbox(TestDatabase db) throws InterruptedException {
    Jdbi jdbi = db.jdbi();
    Poll.until(Duration.ofSeconds(240), () -> jdbi.withHandle(h -> h.createQuery(
        "SELECT count(*) FROM outbox").mapTo(Long.class).one()) == 0, "an empty outbox");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> call(Client client, String url, String json) {
    try (Response r = client.target(url).request().header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
        .encodeToString(("cell:" + AppFixture.PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .post(Entity.json(json))) {
      String body = r.readEntity(String.class);
      assertThat(r.getStatus()).as(body).isBetween(200, 201);
      return Json.read(body, Map.class);
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
