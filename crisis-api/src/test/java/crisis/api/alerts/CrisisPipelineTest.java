package crisis.api.alerts;

import static crisis.core.testing.Samples.at;
import static crisis.core.testing.Samples.parisian;
import static crisis.core.testing.Samples.tripolitan;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.kafka.Topics;
import crisis.alerts.pipeline.Alert;
import crisis.alerts.pipeline.DeadLetters;
import crisis.alerts.pipeline.JsonSerde;
import crisis.api.AppFixture;
import crisis.api.CrisisApplication;
import crisis.core.common.Json;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.testing.Poll;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Declared through the API, alerted through the real in-process broker: exactly the people inside get each message
 * once, people who arrive later too, and nobody after the crisis is closed.
 */
@Tag("kafka")
class CrisisPipelineTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;

  /** Central Paris. */
  static final String PARIS = "{\"type\":\"Polygon\",\"coordinates\":[[[2.30,48.84],[2.38,48.84],[2.38,48.88],"
      + "[2.30,48.88],[2.30,48.84]]]}";
  static AlertsTopic topic;

  @BeforeAll
  static void people() {
    String csv = CsvFormat.header() + "\n"
        + CsvFormat.write(at(parisian(1), 48.8600, 2.3200))   // inside
        + CsvFormat.write(at(parisian(2), 48.8700, 2.3700))   // inside
        + CsvFormat.write(at(parisian(3), 48.8400, 2.3400))   // on the southern edge
        + CsvFormat.write(at(parisian(4), 48.8600, 2.2999))   // just west of the edge
        + CsvFormat.write(at(parisian(5), 48.8049, 2.1204))   // Versailles
        + CsvFormat.write(at(tripolitan(6), 32.8872, 13.1913))  // central Tripoli
        + CsvFormat.write(at(tripolitan(9), 32.8200, 12.9500))  // Janzour, about 24 km west
        + CsvFormat.write(at(tripolitan(10), 32.3754, 15.0925)); // Misrata, about 190 km east
    String report = FIXTURE.call("cell", "POST", "/api/v1/registrations/import", csv, "text/csv")
        .readEntity(String.class);
    assertThat(report).contains("\"created\":8");
    topic = new AlertsTopic(((CrisisApplication) APP.getApplication()).alerts().bootstrapServers());
  }

  /** Everything written so far has reached Kafka (the outbox is empty) and been processed by the pipeline. */
  static void awaitPipelineIdle() {
    try {
      Poll.until(Duration.ofSeconds(60), () -> FIXTURE.scalar("SELECT count(*) FROM outbox") == 0, "an empty outbox");
      PipelineIdle.await(((CrisisApplication) APP.getApplication()).alerts().bootstrapServers(),
          ((crisis.api.config.CrisisConfiguration) APP.getConfiguration()).getKafka().applicationId,
          Duration.ofSeconds(60));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @AfterAll
  static void closeTopic() {
    topic.close();
  }

  @Test
  void declareActivateAndFindExactlyTheExpectedAlertsOnTheTopic() {
    Map<String, Object> crisis = post("/api/v1/crises", """
        {"title": "Unrest in central Paris", "type": "civil unrest", "severity": "SEVERE",
         "zones": [{"label": "Paris centre", "geometry": %s}],
         "messages": [{"ar": "ابقوا في منازلكم", "fr": "Restez chez vous."}]}""".formatted(PARIS), 201);
    UUID id = UUID.fromString((String) crisis.get("id"));
    assertThat(crisis.get("status")).isEqualTo("DRAFT");

    @SuppressWarnings("unchecked")
    Map<String, Object> preview = Json.read(FIXTURE.as("cell", "/api/v1/crises/" + id + "/preview").get(String.class),
        Map.class);
    assertThat(preview.get("registrations")).isEqualTo(3);
    assertThat(preview.get("people")).isEqualTo(9);

    // A draft alerts nobody: once the pipeline has processed everything written so far, no alert of it.
    awaitPipelineIdle();
    assertThat(topic.readToEnd(a -> a.crisisId().equals(id))).isEmpty();

    post("/api/v1/crises/" + id + "/activate", "", 200);
    Set<String> expected = Set.of("PAR-1", "PAR-2", "PAR-3");
    List<Alert> alerts = topic.readUntil(a -> a.crisisId().equals(id), l -> l.size() >= 3, Duration.ofSeconds(60));
    assertThat(externalIds(alerts)).containsExactlyInAnyOrderElementsOf(expected);
    UUID first = alerts.get(0).messageId();
    assertThat(alerts).allMatch(a -> a.messageId().equals(first) && a.seq() == 1 && a.language().equals("ar"));

    // Someone registering inside afterwards is alerted too.
    String csv = CsvFormat.header() + "\n" + CsvFormat.write(at(parisian(7), 48.8500, 2.3500));
    assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/registrations/import", csv, "text/csv")))
        .isEqualTo(200);
    alerts = topic.readUntil(a -> a.crisisId().equals(id), l -> l.size() >= 4, Duration.ofSeconds(60));
    assertThat(externalIds(alerts)).containsExactlyInAnyOrder("PAR-1", "PAR-2", "PAR-3", "PAR-7");

    // A second message reaches the same four, once.
    post("/api/v1/crises/" + id + "/messages", "{\"texts\": {\"fr\": \"Évitez la place de la République.\"}}", 201);
    alerts = topic.readUntil(a -> a.crisisId().equals(id), l -> l.size() >= 8, Duration.ofSeconds(60));
    assertThat(alerts.stream().filter(a -> a.seq() == 2).map(Alert::registrationId).distinct()).hasSize(4);

    // The tally follows.
    Map<String, Object> status = awaitStatus(id, 8);
    assertThat(status.get("affected")).isEqualTo(4);
    assertThat(status.get("alerted")).isEqualTo(8);

    // Closed: a newcomer inside gets nothing, and nothing was sent twice.
    post("/api/v1/crises/" + id + "/close", "{\"reason\": \"calm again\"}", 200);
    String late = CsvFormat.header() + "\n" + CsvFormat.write(at(parisian(8), 48.8550, 2.3550));
    assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/registrations/import", late, "text/csv")))
        .isEqualTo(200);
    awaitPipelineIdle();
    alerts = topic.readToEnd(a -> a.crisisId().equals(id));
    assertThat(alerts).hasSize(8);
    Set<UUID> alertIds = new HashSet<>();
    alerts.forEach(a -> assertThat(alertIds.add(a.id())).as("alert %s once", a.id()).isTrue());

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = Json.read(FIXTURE.as("officer.paris", "/api/v1/crises/" + id + "/history")
        .get(String.class), List.class);
    assertThat(history).extracting(h -> h.get("action"))
        .containsExactly("DECLARED", "ACTIVATED", "MESSAGE_ADDED", "CLOSED");
    assertThat(history).extracting(h -> h.get("changedBy")).containsOnly("cell");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCountryWideCrisisAlertsResidentsOffTheCoastAndWithoutALocation() {
    assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/registrations",
        Json.write(crisis.core.testing.Samples.withoutLocation(tripolitan(20))), "application/json"))).isEqualTo(201);
    String csv = CsvFormat.header() + "\n" + CsvFormat.write(at(tripolitan(21), 33.02, 13.20)); // ~15 km offshore
    assertThat(FIXTURE.call("cell", "POST", "/api/v1/registrations/import", csv, "text/csv").readEntity(String.class))
        .contains("\"created\":1");
    Map<String, Object> crisis = post("/api/v1/crises", """
        {"title": "Nationwide unrest", "type": "CIVIL_UNREST", "severity": "SEVERE", "zones": [{"country": "LY"}],
         "messages": [{"ar": "ابقوا في منازلكم", "fr": "Restez chez vous."}]}""", 201);
    UUID id = UUID.fromString((String) crisis.get("id"));
    List<String> residents = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT external_id FROM registration "
        + "WHERE status = 'ACTIVE' AND country_of_residence = 'LY'").mapTo(String.class).list());
    assertThat(residents).contains("TRI-20", "TRI-21");
    Map<String, Object> preview = Json.read(FIXTURE.as("cell", "/api/v1/crises/" + id + "/preview").get(String.class),
        Map.class);
    assertThat(preview.get("registrations")).isEqualTo(residents.size());
    assertThat(preview.get("withoutCoordinates")).isEqualTo(1);

    post("/api/v1/crises/" + id + "/activate", "", 200);
    topic.readUntil(a -> a.crisisId().equals(id), l -> l.size() >= residents.size(), Duration.ofSeconds(60));
    awaitPipelineIdle();
    List<Alert> alerts = topic.readToEnd(a -> a.crisisId().equals(id));
    assertThat(externalIds(alerts)).containsExactlyInAnyOrderElementsOf(residents);
    Map<String, Object> status = awaitStatus(id, residents.size());
    assertThat(status.get("affected")).isEqualTo(residents.size());
    post("/api/v1/crises/" + id + "/close", "{\"reason\": \"over\"}", 200);
  }

  @Test
  void enlargingTheZoneAlertsOnlyTheNewlyCovered() {
    Map<String, Object> crisis = post("/api/v1/crises", """
        {"title": "Flood", "type": "FLOOD", "severity": "WARNING",
         "zones": [{"circle": {"latitude": 32.8872, "longitude": 13.1913, "radiusKm": 5}}],
         "messages": [{"ar": "ابتعدوا عن الوادي", "fr": "Éloignez-vous de l'oued."}]}""", 201);
    UUID id = UUID.fromString((String) crisis.get("id"));
    post("/api/v1/crises/" + id + "/activate", "", 200);
    List<Alert> alerts = topic.readUntil(a -> a.crisisId().equals(id), l -> l.size() >= 1, Duration.ofSeconds(60));
    assertThat(externalIds(alerts)).containsExactly("TRI-6");

    put("/api/v1/crises/" + id + "/zones", """
        {"zones": [{"circle": {"latitude": 32.8872, "longitude": 13.1913, "radiusKm": 40}}]}""");
    alerts = topic.readUntil(a -> a.crisisId().equals(id), l -> l.size() >= 2, Duration.ofSeconds(60));
    awaitPipelineIdle();
    alerts = topic.readToEnd(a -> a.crisisId().equals(id));
    assertThat(externalIds(alerts)).containsExactlyInAnyOrder("TRI-6", "TRI-9");
  }

  @Test
  void aHandWrittenAlertForAClosedCrisisGoesToDeadLettersAndSendsNothing() throws Exception {
    Map<String, Object> crisis = post("/api/v1/crises", """
        {"title": "Closed before anyone wrote to the topic", "type": "OTHER", "severity": "ADVISORY",
         "zones": [{"geometry": %s}], "messages": [{"fr": "Message"}]}""".formatted(PARIS), 201);
    UUID id = UUID.fromString((String) crisis.get("id"));
    @SuppressWarnings("unchecked")
    UUID message = UUID.fromString((String) ((List<Map<String, Object>>) crisis.get("messages")).get(0).get("id"));
    assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/crises/" + id + "/activate", "{}",
        "application/json"))).isEqualTo(200);
    assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/crises/" + id + "/close", "{}",
        "application/json"))).isEqualTo(200);
    // Someone with access to the broker writes an alert for a person of Misrata, outside any zone.
    UUID person = FIXTURE.jdbi.withHandle(h -> h.createQuery(
        "SELECT id FROM registration WHERE external_id = 'TRI-10'").mapTo(UUID.class).one());
    Alert forged = new Alert(Alert.idOf(message, person), id, message, 1, person, "ar", java.time.Instant.now());
    String bootstrap = ((CrisisApplication) APP.getApplication()).alerts().bootstrapServers();
    // Other tests of this class close crises while their alerts flow: the ingest refuses those too.
    long refusedBefore = ((CrisisApplication) APP.getApplication()).alerts().pipeline().outreach().ingest().refused();
    try (var producer = new KafkaProducer<String, byte[]>(Map.of(
        "bootstrap.servers", bootstrap), new StringSerializer(),
        new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.ALERTS,
          person.toString(), JsonSerde.of(Alert.class).write(forged))).get();
    }
    // The positive signal: the ingest has read it and put it on dead-letters, with the reason.
    String reason;
    try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
        "bootstrap.servers", bootstrap, "group.id", "test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
        new StringDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.DEAD_LETTERS));
      reason = Poll.until(Duration.ofSeconds(60), () -> {
        String found = null;
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          var h = r.headers().lastHeader(DeadLetters.REASON);
          if (person.toString().equals(r.key()) && h != null) {
            found = new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
          }
        }
        return found;
      }, found -> found != null, "the forged alert on dead-letters");
    }
    assertThat(reason).isEqualTo("crisis is CLOSED");
    long recipients = FIXTURE.jdbi.withHandle(h -> h.createQuery(
        "SELECT count(*) FROM sms_recipient WHERE registration_id = :p AND crisis_id = :c").bind("p", person)
        .bind("c", id).mapTo(Long.class).one());
    assertThat(recipients).isZero();
    assertThat(((CrisisApplication) APP.getApplication()).alerts().pipeline().outreach().ingest().refused())
        .isGreaterThanOrEqualTo(refusedBefore + 1);
  }

  private static List<String> externalIds(List<Alert> alerts) {
    return alerts.stream().map(a -> FIXTURE.jdbi.withHandle(h -> h.createQuery(
        "SELECT external_id FROM registration WHERE id = :id").bind("id", a.registrationId())
        .mapTo(String.class).one())).toList();
  }

  /** The crisis's status once it counts {@code alerted} alerts or more. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitStatus(UUID id, int alerted) {
    return Poll.until(Duration.ofSeconds(30),
        () -> (Map<String, Object>) Json.read(FIXTURE.as("cell", "/api/v1/crises/" + id + "/status").get(String.class),
            Map.class),
        s -> ((Number) s.get("alerted")).intValue() >= alerted, alerted + " alerts in the crisis's status");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> post(String path, String json, int expected) {
    try (Response r = FIXTURE.call("cell", "POST", path, json, "application/json")) {
      String body = r.readEntity(String.class);
      assertThat(r.getStatus()).as(body).isEqualTo(expected);
      return Json.read(body, Map.class);
    }
  }

  static void put(String path, String json) {
    try (Response r = FIXTURE.call("cell", "PUT", path, json, "application/json")) {
      assertThat(r.getStatus()).as(r.readEntity(String.class)).isEqualTo(200);
    }
  }
}
