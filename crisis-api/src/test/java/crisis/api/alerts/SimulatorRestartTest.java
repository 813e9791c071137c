package crisis.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppProcess;
import crisis.core.common.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded default stopped and started again on its data, as the outside check did: a crisis alerts Paris,
 * the server restarts, the crisis gets a second message and the households ordered to leave get their seats with
 * boarding codes. The simulator's message ids used to start again at 1 after a restart and collide with those
 * stored: the dispatcher then logged the statement's values (phones, texts with boarding codes), looked the message
 * up, did not recognise it and sent it again. Now: every SMS reaches each phone once, and the whole run's log holds
 * no phone, no name and no boarding code.
 */
@Tag("app")
class SimulatorRestartTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @SuppressWarnings("unchecked")
  void afterARestartEverySmsLeavesOnceAndTheLogHoldsNoPersonalData() throws Exception {
    Path dir = Files.createTempDirectory("crisis-restart-");
    Path log = dir.resolve("app.log");
    String config = Files.readString(Path.of("../config/embedded.yml")).replaceAll("(?s)\nlogging:.*$", """

        logging:
          level: INFO
          appenders:
            - type: file
              currentLogFilename: %s
              archive: false
        """.formatted(log));
    Path file = dir.resolve("embedded.yml");
    Files.writeString(file, config);
    int port = AppProcess.freePort();
    int dbPort = AppProcess.freePort();
    List<String> properties = List.of("-Ddw.server.applicationConnectors[0].port=" + port,
        "-Ddw.server.adminConnectors[0].port=" + AppProcess.freePort(),
        "-Ddw.database.dataDirectory=" + dir.resolve("postgres"), "-Ddw.database.port=" + dbPort,
        "-Ddw.kafka.dataDirectory=" + dir.resolve("kafka"), "-Ddw.kafka.stateDirectory=" + dir.resolve("streams"),
        "-Ddw.demo.registrations=400", "-Ddw.demo.credentialsFile=" + dir.resolve("credentials.txt"));
    String base = "http://127.0.0.1:" + port;
    Jdbi db = Jdbi.create("jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres?user=postgres");

    // First run: a crisis over Paris alerts everyone inside, once.
    Process first = start(properties, file, base);
    String crisisId;
    int phones;
    try {
      Map<String, String> passwords = passwords(dir);
      Map<String, Object> crisis = json(base, passwords, "POST", "/api/v1/crises", """
          {"title": "Floods in Paris", "type": "FLOOD", "severity": "EXTREME",
           "zones": [{"label": "Paris", "circle": {"latitude": 48.8566, "longitude": 2.3522, "radiusKm": 30}}],
           "messages": [{"ar": "فيضانات في باريس. ابتعدوا عن النهر.", "fr": "Crue à Paris : éloignez-vous de la Seine.",
                         "en": "Floods in Paris: keep away from the river."}]}""");
      crisisId = (String) crisis.get("id");
      phones = ((Number) ((List<Map<String, Object>>) json(base, passwords, "GET", "/api/v1/crises/" + crisisId
          + "/preview", null).get("messages")).get(0).get("phones")).intValue();
      assertThat(phones).as("phones in the zone").isGreaterThan(20);
      json(base, passwords, "POST", "/api/v1/crises/" + crisisId + "/activate", null);
      awaitAllSent(db, crisisId, phones);
    } finally {
      AppProcess.stop(first);
    }

    // Second run on the same data: a second message, an evacuation order, a leg and a plan with boarding codes.
    Process second = start(properties, file, base);
    List<Map<String, Object>> received;
    try {
      Map<String, String> passwords = passwords(dir);
      json(base, passwords, "POST", "/api/v1/crises/" + crisisId + "/messages", """
          {"texts": {"ar": "ارتفاع المياه مستمر. استعدوا للمغادرة.", "fr": "La crue monte encore : préparez-vous à partir.",
                     "en": "The water is still rising: get ready to leave."}}""");
      json(base, passwords, "POST", "/api/v1/crises/" + crisisId + "/evacuation/order", null);
      Map<String, Object> point = json(base, passwords, "POST", "/api/v1/places", """
          {"kind": "ASSEMBLY_POINT", "name": "Gare de l'Est", "latitude": 48.8768, "longitude": 2.3592,
           "country": "FR"}""");
      json(base, passwords, "POST", "/api/v1/crises/" + crisisId + "/evacuation/legs", """
          {"kind": "FLIGHT", "carrier": "Royal Air Maroc", "reference": "AT 9002", "seats": 400,
           "departsAt": "%s", "reportMinutes": 180, "timeZone": "Europe/Paris", "destinationCity": "Casablanca",
           "points": [{"placeId": "%s"}]}""".formatted(Instant.now().plus(8, ChronoUnit.HOURS)
          .truncatedTo(ChronoUnit.MINUTES), point.get("id")));
      json(base, passwords, "POST", "/api/v1/crises/" + crisisId + "/evacuation/plan", null);
      awaitAllSent(db, crisisId, 2 * phones);
      received = Json.read(call(base, passwords, "GET", "/api/v1/simulator/messages?limit=1000", null), List.class);
      assertThat(received).as("the simulator's page holds all").hasSizeLessThan(1000);
    } finally {
      AppProcess.stop(second);
    }
    // The database alone, to read what was sent.
    try (var pg = crisis.core.db.EmbeddedDatabase.start(dir.resolve("postgres"), dbPort, false)) {
      check(db, crisisId, received, log);
    }
  }

  private void check(Jdbi db, String crisisId, List<Map<String, Object>> received, Path log) throws Exception {
    // Every SMS of the second run reached its phone once: no (phone, text) twice at the gateway, one id each.
    Map<String, Integer> times = new HashMap<>();
    for (Map<String, Object> m : received) {
      times.merge(m.get("to") + "|" + m.get("body"), 1, Integer::sum);
    }
    assertThat(times.values()).as("SMS per phone and text at the simulator").containsOnly(1);
    String id = crisisId;
    List<Map<String, Object>> rows = db.withHandle(h -> h.createQuery(
        "SELECT kind, state, sid, phone, body, sent_at FROM sms_send WHERE crisis_id = CAST(:c AS uuid)")
        .bind("c", id).mapToMap().list());
    assertThat(rows).extracting(r -> r.get("kind")).contains("ALERT", "NOTICE");
    assertThat(rows).allSatisfy(r -> assertThat(r.get("state")).isEqualTo("SENT"));
    assertThat(rows).extracting(r -> r.get("sid")).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(rows.stream().filter(r -> "NOTICE".equals(r.get("kind"))).count()).isGreaterThan(10);
    // What the second run sent is what its simulator received, each once.
    long sentSecond = rows.stream().filter(r -> times.containsKey(r.get("phone") + "|" + r.get("body"))).count();
    assertThat(sentSecond).isEqualTo(received.stream().filter(m -> "SMS".equals(m.get("kind"))).count());

    // The whole run's log names nobody: no phone, no name, no boarding code.
    String text = Files.readString(log);
    assertThat(text).as("the log was written").contains("alert pipeline started");
    List<String> secrets = new ArrayList<>();
    db.withHandle(h -> {
      secrets.addAll(h.createQuery("SELECT DISTINCT phone FROM sms_send WHERE crisis_id = CAST(:c AS uuid)")
          .bind("c", id).mapTo(String.class).list());
      secrets.addAll(h.createQuery("SELECT boarding_code FROM evacuation_assignment WHERE crisis_id = CAST(:c AS uuid)")
          .bind("c", id).mapTo(String.class).list());
      secrets.addAll(h.createQuery("""
          SELECT DISTINCT t.full_name FROM evacuation_traveller t WHERE t.crisis_id = CAST(:c AS uuid)
          UNION SELECT DISTINCT t.name_arabic FROM evacuation_traveller t
          WHERE t.crisis_id = CAST(:c AS uuid) AND t.name_arabic IS NOT NULL""").bind("c", id)
          .mapTo(String.class).list());
      return null;
    });
    assertThat(secrets).hasSizeGreaterThan(30);
    for (String s : secrets) {
      assertThat(text).as("the log").doesNotContain(s);
      if (s.startsWith("+")) {
        assertThat(text).as("the log").doesNotContain(s.substring(1));
      }
    }
  }

  /** The application in a JVM of its own, as an operator starts it; returns when it answers. */
  private Process start(List<String> properties, Path config, String base) throws Exception {
    Process p = AppProcess.start(properties, config.toString());
    AppProcess.awaitTrue("the application to answer", Duration.ofMinutes(3), () -> {
      if (!p.isAlive()) {
        throw new AssertionError("the application stopped at start");
      }
      try {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 401;
      } catch (Exception e) {
        return false;
      }
    });
    return p;
  }

  /** Until the crisis has {@code alerts} alert SMS queued and nothing of the crisis is left to send. */
  private static void awaitAllSent(Jdbi db, String crisisId, int alerts) throws InterruptedException {
    AppProcess.awaitTrue("every SMS of the crisis sent", Duration.ofMinutes(4), () -> db.withHandle(h -> h
        .createQuery("""
            SELECT count(*) FILTER (WHERE kind = 'ALERT') = :n
              AND count(*) FILTER (WHERE state IN ('PENDING', 'SENDING')) = 0
            FROM sms_send WHERE crisis_id = CAST(:c AS uuid)""").bind("c", crisisId).bind("n", alerts)
        .mapTo(Boolean.class).one()));
  }

  private static Map<String, String> passwords(Path dir) throws Exception {
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("credentials.txt"))) {
      out.put(line.split(" ")[0], line.split(" ")[1]);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> json(String base, Map<String, String> passwords, String method, String path,
      String body) throws Exception {
    return Json.read(call(base, passwords, method, path, body), Map.class);
  }

  private String call(String base, Map<String, String> passwords, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString(("crisis.cell:" + passwords.get("crisis.cell"))
        .getBytes(StandardCharsets.UTF_8)));
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
    return r.body();
  }
}
