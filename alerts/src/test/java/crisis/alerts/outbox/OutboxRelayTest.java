package crisis.alerts.outbox;

import crisis.core.reintegration.ReintegrationEvent;
import crisis.core.repatriation.EvacuationEvent;
import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.at;
import static crisis.core.testing.Samples.parisian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.alerts.kafka.EmbeddedKafka;
import crisis.alerts.kafka.Topics;
import crisis.alerts.pipeline.JsonSerde;
import crisis.alerts.pipeline.RegistrationEvent;
import crisis.core.privacy.FieldCipher;
import crisis.core.audit.AuditTrail;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import crisis.core.testing.Poll;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The outbox written with each change, and the relay that publishes it: in order, after commit, never lost. */
@Tag("kafka")
class OutboxRelayTest {
  static TestDatabase db;
  static Jdbi jdbi;
  static EmbeddedKafka kafka;
  static RegistrationService registrations;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    registrations = new RegistrationService(jdbi, new RegistrationValidator(), new AuditTrail(jdbi, Clock.systemUTC()),
        Clock.systemUTC());
    kafka = EmbeddedKafka.start(null);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      Topics.ensure(admin, 3, (short) 1);
    }
  }

  @AfterAll
  static void stop() {
    kafka.close();
    db.drop();
  }

  @Test
  void changesThatMatterToAlertsReachTheOutboxInTheirOwnTransaction() {
    clearOutbox();
    Registration r = registrations.create(CRISIS_CELL, parisian(101));
    assertThat(outbox(r.id())).isEqualTo(1);
    // An e-mail address does not change who is alerted or how.
    var d = r.data();
    registrations.update(CRISIS_CELL, r.id(), 1, new crisis.core.registry.RegistrationData(d.externalId(),
        d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(), d.familyNameArabic(), d.dateOfBirth(), d.sex(),
        d.nationalId(), d.passportNumber(), d.phone(), "new@example.org", d.preferredLanguage(), d.address(),
        d.location(), d.countryOfResidence(), d.consulateId(), d.residenceType(), d.stayPurpose(), d.arrivalDate(),
        d.departureDate(), d.household(), d.vulnerabilities(), d.emergencyContact(), d.consent()));
    assertThat(outbox(r.id())).isEqualTo(1);
    registrations.update(CRISIS_CELL, r.id(), 2, at(d, 48.80, 2.30));
    assertThat(outbox(r.id())).isEqualTo(2);
    registrations.archive(CRISIS_CELL, r.id(), "moved home");
    assertThat(outbox(r.id())).isEqualTo(3);
    // A write that fails leaves nothing behind.
    long before = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM outbox").mapTo(Long.class).one());
    assertThatThrownBy(() -> registrations.create(CRISIS_CELL, parisian(101)));
    long after = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM outbox").mapTo(Long.class).one());
    assertThat(after).isEqualTo(before);
  }

  @Test
  void theRelayPublishesTheLatestStateInOrderAndKeepsRowsKafkaDidNotTake() throws Exception {
    clearOutbox();
    Registration r = registrations.create(CRISIS_CELL, parisian(201));
    registrations.update(CRISIS_CELL, r.id(), 1, at(r.data(), 48.81, 2.31));
    Registration other = registrations.create(CRISIS_CELL, parisian(202));

    // Kafka unreachable: the round fails and every row stays.
    try (OutboxRelay down = new OutboxRelay(jdbi, producer("127.0.0.1:9"), 100, Duration.ofMillis(50))) {
      assertThatThrownBy(down::relayOnce).isInstanceOf(RuntimeException.class);
    }
    assertThat(outbox(r.id()) + outbox(other.id())).isEqualTo(3);

    // Another instance holding the relay: this one waits its turn.
    jdbi.useTransaction(h -> {
      h.execute("SELECT pg_advisory_xact_lock(x'6f7574626f78'::bigint)");
      // On another thread: Jdbi would lend this very handle (and its lock) to a call made from this one.
      java.util.concurrent.CompletableFuture<Integer> elsewhere = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try (OutboxRelay second = new OutboxRelay(jdbi, producer(kafka.bootstrapServers()), 100,
            Duration.ofMillis(50))) {
          return second.relayOnce();
        }
      });
      assertThat(elsewhere.join()).isZero();
    });

    try (OutboxRelay relay = new OutboxRelay(jdbi, producer(kafka.bootstrapServers()), 100, Duration.ofMillis(50))) {
      assertThat(relay.relayOnce()).isEqualTo(3);
      assertThat(relay.relayOnce()).isZero();
    }
    assertThat(outbox(r.id()) + outbox(other.id())).isZero();
    List<RegistrationEvent> events = read(List.of(r.id(), other.id()), 2);
    // Two rows for the first registration become one record with its current state.
    assertThat(events).extracting(RegistrationEvent::id).containsExactlyInAnyOrder(r.id(), other.id());
    RegistrationEvent first = events.stream().filter(e -> e.id().equals(r.id())).findFirst().orElseThrow();
    assertThat(first.version()).isEqualTo(2);
    // The point leaves sealed, bound to the registration; the cell is the join's coarse one (issue 31).
    assertThat(FieldCipher.of(jdbi).positions().open(r.id(), first.position())).containsExactly(48.81, 2.31);
    assertThat(first.cell()).isEqualTo(crisis.core.geo.GeoIndex.parent(crisis.core.geo.GeoIndex.cellOf(48.81, 2.31),
        crisis.alerts.pipeline.AlertTopology.JOIN_RESOLUTION));
    assertThat(new String(JsonSerde.of(RegistrationEvent.class).write(first), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("48.81")
        .doesNotContain("2.31").doesNotContain("latitude");
    assertThat(first.language()).isEqualTo("ar");
  }

  @Test
  void anEvacuationRequestReachesTheEvacuationsTopicWithItsLatestState() throws Exception {
    clearOutbox();
    crisis.core.crisis.CrisisService crises = new crisis.core.crisis.CrisisService(jdbi,
        new crisis.core.crisis.CrisisInputs(new crisis.core.geo.ZoneParser(10_000),
            crisis.core.geo.CountryBoundaries.shared()), Clock.systemUTC());
    crisis.core.crisis.Crisis c = crises.create(CRISIS_CELL, new crisis.core.crisis.CrisisDraft("Floods", "FLOOD",
        "SEVERE", List.of(new crisis.core.crisis.ZoneInput("Paris", null,
            new crisis.core.crisis.CrisisZone.Circle(48.85, 2.35, 10.0), null)), null,
        List.of(Map.of("fr", "Quittez les quais."))));
    crises.activate(CRISIS_CELL, c.id());
    Registration r = registrations.create(CRISIS_CELL, parisian(301));
    UUID request = jdbi.inTransaction(h -> crisis.core.repatriation.EvacuationReplies.openFromReply(h, c.id(),
        List.of(r.id()), r.data().phone(), java.time.Instant.now()));
    jdbi.useHandle(h -> h.execute("UPDATE evacuation_request SET state = 'ASSIGNED' WHERE id = ?", request));
    assertThat(outbox(request)).isEqualTo(2);
    try (OutboxRelay relay = new OutboxRelay(jdbi, producer(kafka.bootstrapServers()), 1000, Duration.ofMillis(50))) {
      while (relay.relayOnce() > 0) {
        // until the outbox is empty
      }
    }
    assertThat(outbox(request)).isZero();
    List<EvacuationEvent> events = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.EVACUATIONS));
      Poll.until(Duration.ofSeconds(30), () -> {
        for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
          assertThat(rec.key()).isEqualTo(request.toString());
          events.add(JsonSerde.of(EvacuationEvent.class).read(rec.value()));
        }
        return events;
      }, e -> !e.isEmpty(), "the evacuation request's record");
    }
    // Two changes in one round: one record, with the current state; the registered people by id, everyone counted.
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.state()).isEqualTo(crisis.core.repatriation.EvacuationRequest.State.ASSIGNED);
      assertThat(e.crisisId()).isEqualTo(c.id());
      assertThat(e.registrationIds()).containsExactly(r.id());
      assertThat(e.people()).isEqualTo(3);
      assertThat(e.consulateId()).isEqualTo("fr-paris");
    });
  }

  @Test
  void aReintegrationCaseReachesItsTopicWithCountsAndNoPersonalData() throws Exception {
    clearOutbox();
    crisis.core.reintegration.Reintegration rei = crisis.core.reintegration.Reintegration.build(jdbi,
        new crisis.core.audit.AuditTrail(jdbi, Clock.systemUTC()), null,
        crisis.core.reintegration.ReintegrationSettings.DEFAULTS, Clock.systemUTC());
    crisis.core.reintegration.ReintegrationCase opened = rei.opening().open(CRISIS_CELL,
        new crisis.core.reintegration.CaseOpening.CaseInput("Casablanca", null, null, List.of(
            new crisis.core.reintegration.CaseOpening.MemberInput(null, "Salma Idrissi", "F", null,
                "+212612345678", "fr", true, true))));
    rei.needs().add(crisis.core.testing.Samples.CASEWORKER, opened.id(), new crisis.core.reintegration.Needs
        .NeedInput(1, crisis.core.reintegration.NeedKind.HOUSING, "sleeps at a cousin's"));
    assertThat(outbox(opened.id())).isEqualTo(2);
    try (OutboxRelay relay = new OutboxRelay(jdbi, producer(kafka.bootstrapServers()), 1000, Duration.ofMillis(50))) {
      while (relay.relayOnce() > 0) {
        // until the outbox is empty
      }
    }
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.REINTEGRATION_CASES));
      Poll.until(Duration.ofSeconds(30), () -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records;
      }, r -> !r.isEmpty(), "the reintegration case's record");
    }
    assertThat(records).singleElement().satisfies(rec -> {
      assertThat(rec.key()).isEqualTo(opened.id().toString());
      String text = new String(rec.value(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(text).doesNotContain("Salma", "Idrissi", "+212612345678", "cousin");
      ReintegrationEvent e = JsonSerde.of(ReintegrationEvent.class).read(rec.value());
      assertThat(e.region()).isEqualTo("MA.06");
      assertThat(e.state()).isEqualTo(crisis.core.reintegration.ReintegrationCase.State.OPEN);
      assertThat(e.needsByStatus()).isEqualTo(Map.of("IDENTIFIED", 1));
      assertThat(e.checkInsOpen()).isEqualTo(4);
      assertThat(e.composite()).isNull();
    });
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000, ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), new ByteArraySerializer());
  }

  private static List<RegistrationEvent> read(List<UUID> ids, int expected) {
    List<RegistrationEvent> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(Topics.REGISTRATIONS));
      Poll.until(Duration.ofSeconds(30), () -> {
        for (ConsumerRecord<String, byte[]> rec : c.poll(Duration.ofMillis(200))) {
          RegistrationEvent e = JsonSerde.of(RegistrationEvent.class).read(rec.value());
          if (ids.contains(e.id())) {
            assertThat(rec.key()).isEqualTo(e.id().toString());
            out.add(e);
          }
        }
        return out;
      }, o -> o.size() >= expected, expected + " registrations' records");
      c.poll(Duration.ofMillis(500)).forEach(rec -> {
        RegistrationEvent e = JsonSerde.of(RegistrationEvent.class).read(rec.value());
        if (ids.contains(e.id())) {
          out.add(e);
        }
      });
    }
    return out;
  }

  private static long outbox(UUID id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM outbox WHERE aggregate_id = :id").bind("id", id)
        .mapTo(Long.class).one());
  }

  private static void clearOutbox() {
    jdbi.useHandle(h -> h.execute("DELETE FROM outbox"));
  }
}
