package crisis.alerts.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import crisis.alerts.kafka.Topics;
import crisis.core.registry.RegistrationStatus;
import crisis.core.common.Json;
import crisis.core.crisis.CrisisZone;
import crisis.core.geo.GeoIndex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import crisis.core.privacy.PositionSeal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The alert topology with the real serdes, driven record by record. */
@Tag("fast")
class AlertTopologyTest {
  /** A square over central Tripoli: longitude 13.10..13.30, latitude 32.80..32.95. */
  private static final String SQUARE = """
      {"type":"Polygon","coordinates":[[[13.10,32.80],[13.30,32.80],[13.30,32.95],[13.10,32.95],[13.10,32.80]]]}""";
  /** The same square grown eastwards to longitude 13.50. */
  private static final String LARGER = """
      {"type":"Polygon","coordinates":[[[13.10,32.80],[13.50,32.80],[13.50,32.95],[13.10,32.95],[13.10,32.80]]]}""";

  /** The points on the topics sealed as the application seals them, with a key of the test's own. */
  private static final PositionSeal SEAL = PositionSeal.derivedFrom(new byte[32]);
  private final JsonSerde<RegistrationEvent> registrationSerde = JsonSerde.of(RegistrationEvent.class);
  private final JsonSerde<CrisisEvent> crisisSerde = JsonSerde.of(CrisisEvent.class);
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> registrations;
  private TestInputTopic<String, byte[]> crises;
  private TestOutputTopic<String, Alert> alerts;
  private TestOutputTopic<byte[], byte[]> deadLetters;
  private TestOutputTopic<String, Tally> tallies;
  private Path stateDir;

  private final UUID crisisId = UUID.randomUUID();
  /** The database's versions as the pipeline asks them; unlisted: far ahead of any record here. */
  private final java.util.Map<UUID, Integer> database = new java.util.HashMap<>();
  private final Versions versions = new Versions() {
    @Override
    public int registration(UUID id) {
      return database.getOrDefault(id, Integer.MAX_VALUE);
    }

    @Override
    public int crisis(UUID id) {
      return database.getOrDefault(id, Integer.MAX_VALUE);
    }
  };
  private final CrisisEvent.MessageRef first = new CrisisEvent.MessageRef(UUID.randomUUID(), 1);
  private final CrisisEvent.MessageRef second = new CrisisEvent.MessageRef(UUID.randomUUID(), 2);

  @BeforeEach
  void start() throws Exception {
    stateDir = Files.createTempDirectory("topology-test");
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-topology-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(AlertTopology.build(Duration.ofSeconds(1), versions, SEAL), p);
    registrations = driver.createInputTopic(Topics.REGISTRATIONS, new StringSerializer(), new ByteArraySerializer());
    crises = driver.createInputTopic(Topics.CRISIS_ZONES, new StringSerializer(), new ByteArraySerializer());
    alerts = driver.createOutputTopic(Topics.ALERTS, new StringDeserializer(), JsonSerde.of(Alert.class)
        .deserializer());
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    tallies = driver.createOutputTopic(Topics.CRISIS_TALLY, new StringDeserializer(), JsonSerde.of(Tally.class)
        .deserializer());
  }

  @AfterEach
  void stop() throws Exception {
    driver.close();
    try (var files = Files.walk(stateDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @Test
  void alertsThoseInsideAndOnTheEdgeOnceAndNobodyOutside() {
    UUID inside = register(32.88, 13.20, "ar");
    UUID edge = register(32.80, 13.25, "fr");
    UUID corner = register(32.95, 13.30, "en");
    register(32.79, 13.20, "ar");
    register(32.88, 13.31, "ar");
    register(48.85, 2.35, "fr");

    crisis(1, "ACTIVE", SQUARE, first);

    assertThat(alertPairs()).containsExactlyInAnyOrder(pair(inside, first), pair(edge, first), pair(corner, first));
  }

  /**
   * The exact test reads the sealed point and nothing else: a point sealed under another key (or moved to another
   * person) is not opened, and its person is tested as unlocated — outside a drawn zone although the cell matches.
   */
  @Test
  void onlyAPointThatOpensWithItsOwnIdAndKeyIsTestedAgainstTheZone() {
    UUID inside = register(32.88, 13.20, "ar");
    UUID foreign = UUID.randomUUID();
    PositionSeal other = PositionSeal.derivedFrom("another index key of 32 bytes!!!".getBytes(StandardCharsets.US_ASCII));
    send(RegistrationEvent.of(other, foreign, 1, RegistrationStatus.ACTIVE, 32.88, 13.21, GeoIndex.cellOf(32.88, 13.21),
        "fr", "LY"));
    UUID moved = UUID.randomUUID();
    RegistrationEvent borrowed = RegistrationEvent.of(SEAL, UUID.randomUUID(), 1, RegistrationStatus.ACTIVE, 32.87,
        13.22, GeoIndex.cellOf(32.87, 13.22), "fr", "LY");
    send(new RegistrationEvent(moved, 1, RegistrationStatus.ACTIVE, borrowed.cell(), borrowed.position(), "fr", "LY"));

    crisis(1, "ACTIVE", SQUARE, first);

    assertThat(alertPairs()).containsExactly(pair(inside, first));
  }

  @Test
  void alertsPeopleWhoRegisterAfterActivationAndNeverTwice() {
    crisis(1, "ACTIVE", SQUARE, first);
    assertThat(alertPairs()).isEmpty();

    UUID late = register(32.85, 13.15, "es");
    List<Alert> got = alerts.readValuesToList();
    assertThat(got).extracting(Alert::registrationId, Alert::messageId, Alert::language)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(late, first.id(), "es"));
    assertThat(got.get(0).id()).isEqualTo(Alert.idOf(first.id(), late));

    // The same registration again (a relay replay) and a new version in the same place: nothing more.
    send(RegistrationEvent.of(SEAL, late, 1, RegistrationStatus.ACTIVE, 32.85, 13.15, GeoIndex.cellOf(32.85, 13.15), "es", "LY"));
    send(RegistrationEvent.of(SEAL, late, 2, RegistrationStatus.ACTIVE, 32.86, 13.16, GeoIndex.cellOf(32.86, 13.16), "ar", "LY"));
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void someoneWhoMovesInIsAlertedAndSomeoneWhoMovesOutIsNotAlertedAgain() {
    UUID mover = register(48.85, 2.35, "fr");
    UUID leaver = register(32.88, 13.20, "ar");
    crisis(1, "ACTIVE", SQUARE, first);
    assertThat(alertPairs()).containsExactly(pair(leaver, first));

    send(RegistrationEvent.of(SEAL, mover, 2, RegistrationStatus.ACTIVE, 32.90, 13.22, GeoIndex.cellOf(32.90, 13.22), "fr", "LY"));
    send(RegistrationEvent.of(SEAL, leaver, 2, RegistrationStatus.ACTIVE, 36.80, 10.18, GeoIndex.cellOf(36.80, 10.18), "ar", "TN"));
    assertThat(alertPairs()).containsExactly(pair(mover, first));

    crisis(2, "ACTIVE", SQUARE, first, second);
    assertThat(alertPairs()).containsExactly(pair(mover, second));
  }

  @Test
  void aStaleRegistrationVersionDoesNotMoveAnyoneBack() {
    UUID p = register(32.88, 13.20, "ar");
    send(RegistrationEvent.of(SEAL, p, 2, RegistrationStatus.ACTIVE, 36.80, 10.18, GeoIndex.cellOf(36.80, 10.18), "ar", "TN"));
    send(RegistrationEvent.of(SEAL, p, 1, RegistrationStatus.ACTIVE, 32.88, 13.20, GeoIndex.cellOf(32.88, 13.20), "ar", "LY"));
    crisis(1, "ACTIVE", SQUARE, first);
    assertThat(alertPairs()).isEmpty();
  }

  @Test
  void anArchivedOrUnlocatedPersonIsNotAlerted() {
    UUID archived = register(32.88, 13.20, "ar");
    send(RegistrationEvent.of(SEAL, archived, 2, RegistrationStatus.ARCHIVED, 32.88, 13.20, GeoIndex.cellOf(32.88, 13.20), "ar", "LY"));
    send(RegistrationEvent.of(SEAL, UUID.randomUUID(), 1, RegistrationStatus.ACTIVE, null, null, null, "ar", "LY"));
    crisis(1, "ACTIVE", SQUARE, first);
    assertThat(alertPairs()).isEmpty();
  }

  @Test
  // Libya covers about 1,900 join cells (5,700 before the second join resolution): the test driver commits and
  // flushes its stores after each (about 20 s).
  @Tag("slow")
  void aCountryWideCrisisReachesEveryResidentLocatedOrNotAndAnyoneInside() {
    UUID inland = register(32.8872, 13.1913, "ar");                 // Tripoli
    UUID offshore = register(33.02, 13.20, "ar");                    // a boat ~15 km off Tripoli: outside the outline
    UUID unlocated = UUID.randomUUID();
    send(RegistrationEvent.of(SEAL, unlocated, 1, RegistrationStatus.ACTIVE, null, null, null, "ar", "LY"));
    UUID visitor = UUID.randomUUID();                                 // resident of Tunisia, in Benghazi today
    send(RegistrationEvent.of(SEAL, visitor, 1, RegistrationStatus.ACTIVE, 32.1167, 20.0667, GeoIndex.cellOf(32.1167, 20.0667), "fr",
        "TN"));
    UUID tunis = UUID.randomUUID();                                   // resident of Tunisia, at home
    send(RegistrationEvent.of(SEAL, tunis, 1, RegistrationStatus.ACTIVE, 36.8065, 10.1815, GeoIndex.cellOf(36.8065, 10.1815), "fr", "TN"));
    UUID misplaced = UUID.randomUUID();                               // resident of Libya with a point in Paris
    send(RegistrationEvent.of(SEAL, misplaced, 1, RegistrationStatus.ACTIVE, 48.8566, 2.3522, GeoIndex.cellOf(48.8566, 2.3522), "ar",
        "LY"));
    UUID archived = UUID.randomUUID();
    send(RegistrationEvent.of(SEAL, archived, 1, RegistrationStatus.ACTIVE, null, null, null, "ar", "LY"));
    send(RegistrationEvent.of(SEAL, archived, 2, RegistrationStatus.ARCHIVED, null, null, null, "ar", "LY"));
    org.locationtech.jts.io.geojson.GeoJsonWriter writer = new org.locationtech.jts.io.geojson.GeoJsonWriter();
    writer.setEncodeCRS(false);
    JsonNode libya = Json.read(writer.write(crisis.core.geo.CountryBoundaries.shared().zone("LY").orElseThrow()
        .geometry()), JsonNode.class);
    assertThat(crisis.core.geo.CountryBoundaries.shared().zone("LY").orElseThrow().contains(33.02, 13.20))
        .as("the boat is off the outline").isFalse();
    crises.pipeInput(crisisId.toString(), crisisSerde.write(new CrisisEvent(crisisId, 1, "ACTIVE",
        List.of(new CrisisZone("LY", libya, null, "LY")), List.of(first))));
    assertThat(alertPairs()).containsExactlyInAnyOrder(pair(inland, first), pair(offshore, first),
        pair(unlocated, first), pair(visitor, first));
    // Someone registering later without a location is reached too.
    UUID late = UUID.randomUUID();
    send(RegistrationEvent.of(SEAL, late, 1, RegistrationStatus.ACTIVE, null, null, null, "ar", "LY"));
    assertThat(alertPairs()).containsExactly(pair(late, first));
  }

  /**
   * A zone holding whole cells of {@link AlertTopology#WIDE_JOIN_RESOLUTION} meets the people deep inside through
   * those (a 4° square of the Fezzan: a few thousand join cells where the fine cells alone would be 7,000 more).
   */
  @Test
  void peopleDeepInsideAWideZoneAreFoundThroughTheWideCellsOnce() {
    UUID centre = register(29.0, 14.0, "ar");
    UUID sabha = register(27.0377, 14.4283, "ar");
    UUID south = register(26.9, 14.0, "ar");
    String fezzan = """
        {"type":"Polygon","coordinates":[[[12,27],[16,27],[16,31],[12,31],[12,27]]]}""";
    crisis.core.geo.Coverage cover = new crisis.core.geo.ZoneParser(100).parse(Json.read(fezzan, JsonNode.class),
        "zone").cover();
    long centreCell = GeoIndex.cellOf(29.0, 14.0);
    assertThat(java.util.Arrays.stream(cover.cells())).as("a wide cell holds the centre")
        .anyMatch(c -> (c >>> 52 & 0xF) <= AlertTopology.WIDE_JOIN_RESOLUTION
            && GeoIndex.parent(centreCell, (int) (c >>> 52 & 0xF)) == c);
    crisis(1, "ACTIVE", fezzan, first);
    assertThat(alertPairs()).containsExactlyInAnyOrder(pair(centre, first), pair(sabha, first));
    // Someone moving there later is found through the wide cell too, once.
    send(RegistrationEvent.of(SEAL, south, 2, RegistrationStatus.ACTIVE, 28.5, 13.5, GeoIndex.cellOf(28.5, 13.5), "ar", "LY"));
    assertThat(alertPairs()).containsExactly(pair(south, first));
  }

  @Test
  void enlargingTheZoneAlertsOnlyTheNewlyCovered() {
    UUID before = register(32.88, 13.20, "ar");
    UUID east = register(32.88, 13.45, "fr");
    crisis(1, "ACTIVE", SQUARE, first);
    assertThat(alertPairs()).containsExactly(pair(before, first));

    crisis(2, "ACTIVE", LARGER, first);
    assertThat(alertPairs()).containsExactly(pair(east, first));
  }

  @Test
  void aSecondMessageReachesEveryoneOnceAndTheFirstIsNotRepeated() {
    UUID a = register(32.88, 13.20, "ar");
    UUID b = register(32.82, 13.12, "fr");
    crisis(1, "ACTIVE", SQUARE, first);
    assertThat(alertPairs()).hasSize(2);

    crisis(2, "ACTIVE", SQUARE, first, second);
    assertThat(alertPairs()).containsExactlyInAnyOrder(pair(a, second), pair(b, second));
    // The same state again (the relay resending after a crash): nothing.
    crisis(2, "ACTIVE", SQUARE, first, second);
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void aDraftAlertsNoOneAndAClosedCrisisAlertsNoOneMore() {
    register(32.88, 13.20, "ar");
    crisis(1, "DRAFT", SQUARE, first);
    assertThat(alertPairs()).isEmpty();

    crisis(2, "ACTIVE", SQUARE, first);
    assertThat(alertPairs()).hasSize(1);

    crisis(3, "CLOSED", SQUARE, first, second);
    register(32.86, 13.18, "fr");
    assertThat(alerts.isEmpty()).isTrue();
  }

  /**
   * Issue 28 (3): a crisis state ahead of the database (forged: the relay publishes only what the database
   * committed) is refused, reported to the crisis, and does not make the crisis cell's next real change stale. Before,
   * version 50 was taken: its larger zone texted people outside the real one, and version 2 was then ignored.
   */
  @Test
  void aCrisisStateAheadOfTheDatabaseIsRefusedAndTheNextRealChangeStillCounts() {
    UUID inside = register(32.88, 13.20, "ar");
    UUID eastOfTheZone = register(32.88, 13.40, "ar");
    database.put(crisisId, 1);
    crisis(1, "ACTIVE", SQUARE, first);
    assertThat(alertPairs()).containsExactly(pair(inside, first));

    crisis(50, "ACTIVE", LARGER, first);
    assertThat(reason(deadLetters.readRecord())).contains("version 50 is ahead of the database's (1)");
    assertThat(alerts.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    assertThat(lastTally().problem().reason()).contains("ahead of the database");

    database.put(crisisId, 2);
    crisis(2, "ACTIVE", SQUARE, first, second);
    assertThat(alertPairs()).as("the forged zone reached " + eastOfTheZone + "; the real one does not")
        .containsExactly(pair(inside, second));
  }

  /**
   * Issue 28 (3): one registration record with a huge version silently took a person out of alerting (every real
   * change after it looked stale). Now it is refused and the person is still reached.
   */
  @Test
  void aRegistrationVersionAheadOfTheDatabaseIsRefused() {
    UUID p = register(32.88, 13.20, "ar");
    database.put(p, 1);
    send(RegistrationEvent.of(SEAL, p, 1_000_000, RegistrationStatus.ARCHIVED, null, null, null, "ar", "LY"));
    assertThat(reason(deadLetters.readRecord())).contains("version 1000000 is ahead of the database's");
    crisis(1, "ACTIVE", SQUARE, first);
    assertThat(alertPairs()).containsExactly(pair(p, first));

    // A real change that skips versions (two commits between two relay rounds) is asked about, and taken.
    database.put(p, 3);
    send(RegistrationEvent.of(SEAL, p, 3, RegistrationStatus.ACTIVE, 36.80, 10.18, GeoIndex.cellOf(36.80, 10.18), "ar", "TN"));
    assertThat(deadLetters.isEmpty()).isTrue();
    crisis(2, "ACTIVE", SQUARE, first, second);
    assertThat(alertPairs()).isEmpty();
  }

  /**
   * A draft's zones are not read before activation, so a draft whose stored zones cannot be read is kept; its next,
   * active, version must still be taken. Before, the alert step parsed the stored draft's zones to compare versions,
   * failed, and refused every later state: the crisis stayed unalerted with the draft's problem (WideZonesTest saw it
   * when the relay caught the draft after its zones were spoiled).
   */
  @Test
  void aStoredStateWhoseZonesCannotBeReadDoesNotStopTheNextOne() {
    UUID inside = register(32.88, 13.20, "ar");
    String broken = "{\"type\":\"Polygon\",\"coordinates\":[[[13.1,32.8],[13.3,32.8]]]}";
    crisis(1, "DRAFT", broken, first);
    crisis(2, "ACTIVE", SQUARE, first);
    assertThat(alertPairs()).containsExactly(pair(inside, first));
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void unreadableRecordsGoToTheDeadLetterTopicAndTheStreamGoesOn() {
    registrations.pipeInput("not-a-uuid", "{not json".getBytes(StandardCharsets.UTF_8));
    crises.pipeInput(crisisId.toString(), "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    UUID other = UUID.randomUUID();
    registrations.pipeInput(other.toString(), registrationSerde.write(
        RegistrationEvent.of(SEAL, UUID.randomUUID(), 1, RegistrationStatus.ACTIVE, 32.88, 13.20, GeoIndex.cellOf(32.88, 13.20), "ar",
            "LY")));

    List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(3);
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(reason(dead.get(0))).startsWith("not a valid RegistrationEvent");
    assertThat(header(dead.get(0), DeadLetters.TOPIC)).isEqualTo(Topics.REGISTRATIONS);
    assertThat(reason(dead.get(1))).startsWith("not a valid CrisisEvent");
    assertThat(reason(dead.get(2))).contains("differs from the key");

    UUID fine = register(32.88, 13.20, "ar");
    crisis(1, "ACTIVE", SQUARE, first);
    assertThat(alertPairs()).containsExactly(pair(fine, first));
  }

  /**
   * Issue 27 (8): a crisis the pipeline cannot process is never silent. Its record goes to the dead letters, a log line
   * names the crisis and why (no person's data), and its tally carries the problem (the crisis page and the health
   * check read it) until a later version goes through. Before, only the dead letter said anything: nobody reads that
   * topic, and the crisis page showed an active crisis with 0 people alerted.
   */
  @Test
  void aCrisisWhoseZoneCannotBeProcessedSaysSoInItsTallyAndTheLog() {
    ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
        .getLogger(GuardedProcessor.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    log.addAppender(lines);
    try {
      UUID inside = register(32.88, 13.20, "ar");
      String broken = "{\"type\":\"Polygon\",\"coordinates\":[[[13.1,32.8],[13.3,32.8]]]}";
      crises.pipeInput(crisisId.toString(), crisisSerde.write(event(1, "ACTIVE", broken, first)));
      assertThat(reason(deadLetters.readRecord())).contains("geometry");
      assertThat(alerts.isEmpty()).isTrue();
      driver.advanceWallClockTime(Duration.ofSeconds(2));
      Tally t = lastTally();
      assertThat(t.problem()).isNotNull();
      assertThat(t.problem().crisisVersion()).isEqualTo(1);
      assertThat(t.problem().reason()).startsWith("zone-cells: ").contains("a ring needs at least 4 positions");
      assertThat(lines.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
          .anyMatch(l -> l.contains("crisis " + crisisId + " (version 1)") && l.contains("not being alerted"))
          .anyMatch(l -> l.startsWith("zone-cells: the record at crisis-zones-0@"));

      // The crisis cell draws the zone again: alerted, and the problem is gone.
      crisis(2, "ACTIVE", SQUARE, first);
      assertThat(alertPairs()).containsExactly(pair(inside, first));
      driver.advanceWallClockTime(Duration.ofSeconds(2));
      Tally after = lastTally();
      assertThat(after.problem()).isNull();
      assertThat(after.affected()).isEqualTo(1);
    } finally {
      log.detachAppender(lines);
    }
  }

  @Test
  void aPersonsRecordThatCannotBeProcessedIsLoggedWithoutItsContent() {
    ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
        .getLogger(GuardedProcessor.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    log.addAppender(lines);
    try {
      UUID id = UUID.randomUUID();
      registrations.pipeInput(id.toString(), ("{\"id\":\"" + id + "\",\"version\":\"+218912345678\"}")
          .getBytes(StandardCharsets.UTF_8));
      assertThat(deadLetters.readRecordsToList()).hasSize(1);
      assertThat(lines.list).hasSize(1);
      assertThat(lines.list.get(0).getFormattedMessage()).startsWith("locate: the record at registrations-0@")
          .doesNotContain("218912345678");
    } finally {
      log.detachAppender(lines);
    }
  }

  private Tally lastTally() {
    List<Tally> seen = tallies.readValuesToList();
    assertThat(seen).isNotEmpty();
    return seen.get(seen.size() - 1);
  }

  @Test
  void theTallyCountsPeopleAndAlertsPerMessage() {
    register(32.88, 13.20, "ar");
    register(32.82, 13.12, "fr");
    crisis(1, "ACTIVE", SQUARE, first);
    crisis(2, "ACTIVE", SQUARE, first, second);
    driver.advanceWallClockTime(Duration.ofSeconds(2));

    List<Tally> seen = tallies.readValuesToList();
    Tally last = seen.get(seen.size() - 1);
    assertThat(last.crisisId()).isEqualTo(crisisId);
    assertThat(last.affected()).isEqualTo(2);
    assertThat(last.alerted()).isEqualTo(4);
    assertThat(last.alertedByMessage()).containsEntry(first.id().toString(), 2L)
        .containsEntry(second.id().toString(), 2L);
  }

  private UUID register(double lat, double lon, String language) {
    UUID id = UUID.randomUUID();
    send(RegistrationEvent.of(SEAL, id, 1, RegistrationStatus.ACTIVE, lat, lon, GeoIndex.cellOf(lat, lon), language, "LY"));
    return id;
  }

  private void send(RegistrationEvent e) {
    registrations.pipeInput(e.id().toString(), registrationSerde.write(e));
  }

  private void crisis(int version, String status, String geometry, CrisisEvent.MessageRef... messages) {
    crises.pipeInput(crisisId.toString(), crisisSerde.write(event(version, status, geometry, messages)));
  }

  private CrisisEvent event(int version, String status, String geometry, CrisisEvent.MessageRef... messages) {
    return new CrisisEvent(crisisId, version, status,
        List.of(new CrisisZone("Tripoli", Json.read(geometry, JsonNode.class), null)), List.of(messages));
  }

  private List<String> alertPairs() {
    List<String> out = new ArrayList<>();
    for (Alert a : alerts.readValuesToList()) {
      assertThat(a.crisisId()).isEqualTo(crisisId);
      out.add(pair(a.registrationId(), new CrisisEvent.MessageRef(a.messageId(), a.seq())));
    }
    return out;
  }

  private static String pair(UUID person, CrisisEvent.MessageRef m) {
    return person + "/" + m.seq();
  }

  private static String reason(TestRecord<byte[], byte[]> r) {
    return header(r, DeadLetters.REASON);
  }

  private static String header(TestRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
