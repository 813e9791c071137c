package crisis.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.kafka.EmbeddedKafka;
import crisis.alerts.pipeline.Alert;
import crisis.api.AppProcess;
import crisis.api.services.Services;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.ZoneInput;
import crisis.core.testing.Poll;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import crisis.standin.LocalTwilio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The application killed with SIGKILL (no shutdown hook, no flush, answers in flight lost), twice: in the middle of
 * a crisis's fan-out, then in the middle of sending its SMS; started again each time on the same database, broker and
 * Streams state. Every person inside is alerted exactly once on the topic, and every phone gets exactly one SMS from
 * the gateway (the real Twilio SDK against the local stand-in, which counts).
 *
 * <p>Every wait ends on a positive signal; the deadlines are only there to fail a stuck run, and are generous: the
 * module's test classes run in two JVMs on two cores, and a long fan-out shares them with another test.
 */
@Tag("kafka")
class CrashRecoveryTest {
  private static final int PEOPLE = 8_000;

  @Test
  void killedMidFanOutAndMidDispatchEveryoneIsAlertedAndTextedExactlyOnce() throws Exception {
    TestDatabase db = TestDatabase.create();
    Runtime.getRuntime().addShutdownHook(new Thread(db::drop));
    Jdbi jdbi = db.jdbi();
    Samples.consulates(jdbi);
    Services services = Services.build(jdbi, Clock.systemUTC());
    AlertsTopic.importDemo(jdbi, services.importer(), PEOPLE, 23);
    CrisisDraft draft = new CrisisDraft("Storm", "STORM", "SEVERE",
        List.of(new ZoneInput("France", null, null, "FR"), new ZoneInput("Spain", null, null, "ES")), null,
        List.of(Map.of("fr", "Restez chez vous.", "ar", "ابقوا في منازلكم", "es", "Quédense en casa.")));
    Set<UUID> expected = new java.util.HashSet<>();
    for (String country : List.of("FR", "ES")) {
      // A country reaches its residents too (CountryZone): the search answers with the pipeline's own rule.
      expected.addAll(services.zoneSearch().ids(crisis.core.access.Actor.cli("test"),
          crisis.core.geo.ZoneInputs.country(services.boundaries(), country, "country")));
    }
    assertThat(expected.size()).isGreaterThan(PEOPLE / 10);

    Path state = Files.createTempDirectory("crash-streams");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(null); LocalTwilio twilio = new LocalTwilio();
        AlertsTopic topic = new AlertsTopic(kafka.bootstrapServers())) {
      // 1. Up, with the registry on the topics; then the crisis, and SIGKILL at its first alerts.
      Process app = start(db, kafka, twilio, state);
      try {
        Poll.until(Duration.ofSeconds(240), () -> outbox(jdbi) == 0, "the registry on the topics");
        Crisis crisis = services.crises().create(Samples.CRISIS_CELL, draft);
        services.crises().activate(Samples.CRISIS_CELL, crisis.id());
        UUID c = crisis.id();
        int first = topic.readUntil(a -> a.crisisId().equals(c), l -> !l.isEmpty(), Duration.ofSeconds(240)).size();
        AppProcess.kill(app);
        System.out.printf("crash test: %d people expected, %d alerts when killed in the fan-out%n", expected.size(),
            first);

        // 2. Up again; SIGKILL once a third of the SMS have reached the gateway.
        app = start(db, kafka, twilio, state);
        Poll.until(Duration.ofSeconds(360), () -> twilio.created().size() >= expected.size() / 4, "a third of the SMS");
        AppProcess.kill(app);
        int sentWhenKilled = twilio.created().size();
        long inFlight = jdbi.withHandle(h -> h.createQuery(
            "SELECT count(*) FROM sms_send WHERE state IN ('SENDING', 'PENDING')").mapTo(Long.class).one());
        System.out.printf("crash test: %d SMS at the gateway, %d rows pending or in flight when killed in the "
            + "dispatch%n", sentWhenKilled, inFlight);
        assertThat(inFlight).as("killed while SMS were still to send").isPositive();

        // 3. Up again until everything is settled.
        app = start(db, kafka, twilio, state);
        Poll.until(Duration.ofSeconds(480), () -> topic.readUntil(
            a -> a.crisisId().equals(c), l -> l.size() >= expected.size(), Duration.ofSeconds(1)).size()
            >= expected.size(), "every alert on the topic");
        Poll.until(Duration.ofSeconds(480), () -> jdbi.withHandle(h -> h.createQuery(
            "SELECT count(*) FROM sms_send WHERE kind = 'ALERT' AND state IN ('SENDING', 'PENDING')")
            .mapTo(Long.class).one()) == 0 && outbox(jdbi) == 0, "every SMS settled");
        PipelineIdle.await(kafka.bootstrapServers(), "crisis-alerts", Duration.ofSeconds(240));
        List<Alert> alerts = topic.readToEnd(a -> a.crisisId().equals(c));
        Map<UUID, Integer> perPerson = new HashMap<>();
        alerts.forEach(a -> perPerson.merge(a.registrationId(), 1, Integer::sum));
        assertThat(perPerson.keySet()).isEqualTo(expected);
        assertThat(perPerson.values()).containsOnly(1);

        List<String> phones = jdbi.withHandle(h -> h.createQuery(
            "SELECT phone FROM sms_send WHERE kind = 'ALERT' AND crisis_id = :c").bind("c", c).mapTo(String.class)
            .list());
        assertThat(phones).hasSizeGreaterThan(expected.size() / 2);
        // The crisis's own texts: a phone may also get other SMS meanwhile (a traveller's reminder before a trip's
        // end), which are not this crisis's alert.
        java.util.Set<String> alertTexts = new java.util.HashSet<>(jdbi.withHandle(h -> h.createQuery(
            "SELECT DISTINCT body FROM sms_send WHERE kind = 'ALERT' AND crisis_id = :c").bind("c", c)
            .mapTo(String.class).list()));
        List<String> notOnce = new ArrayList<>();
        for (String phone : phones) {
          long alerted = twilio.createdFor(phone).stream()
              .filter(x -> "SMS".equals(x.kind()) && alertTexts.contains(x.body())).count();
          if (alerted != 1) {
            notOnce.add(phone + "=" + alerted);
          }
        }
        assertThat(notOnce).as("phones not texted exactly once").isEmpty();
        long unsent = jdbi.withHandle(h -> h.createQuery(
            "SELECT count(*) FROM sms_send WHERE kind = 'ALERT' AND crisis_id = :c AND state <> 'SENT'").bind("c", c)
            .mapTo(Long.class).one());
        assertThat(unsent).isZero();
        System.out.printf("crash test: %d alerts, %d SMS, each once, after two SIGKILLs%n", alerts.size(),
            phones.size());
      } finally {
        AppProcess.kill(app);
      }
    }
  }

  /** The application in a JVM of its own, against the given database, broker and gateway. */
  private static Process start(TestDatabase db, EmbeddedKafka kafka, LocalTwilio twilio, Path state)
      throws Exception {
    return AppProcess.start(List.of(
        "-Ddw.database.connection.url=" + db.urlWithoutParameters(),
        "-Ddw.database.connection.user=" + db.serverUser(),
        "-Ddw.kafka.type=external",
        "-Ddw.kafka.bootstrapServers=" + kafka.bootstrapServers(),
        "-Ddw.kafka.stateDirectory=" + state,
        "-Ddw.kafka.streamThreads=2",
        // A killed member leaves the groups after 6 s instead of 45.
        "-Ddw.kafka.properties.session\\.timeout\\.ms=6000",
        "-Ddw.kafka.properties.heartbeat\\.interval\\.ms=1000",
        "-Ddw.sms.type=twilio",
        "-Ddw.sms.accountSid=AC00000000000000000000000000000000",
        "-Ddw.sms.authToken=crash-test-token",
        "-Ddw.sms.apiBase=" + twilio.base(),
        "-Ddw.sms.publicUrl=https://crisis.example.org/",
        "-Ddw.sms.senders[0].segmentsPerSecond=400"));
  }

  private static long outbox(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM outbox").mapTo(Long.class).one());
  }
}
