package crisis.api.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.type.TypeReference;
import crisis.api.AppProcess;
import crisis.core.common.Json;
import crisis.core.registry.ConsentMethod;
import crisis.core.registry.ConsentPurpose;
import crisis.core.registry.Consent;
import crisis.core.registry.HouseholdMember;
import crisis.core.registry.Language;
import crisis.core.registry.Location;
import crisis.core.registry.LocationSource;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.Relation;
import crisis.core.registry.ResidenceType;
import crisis.core.registry.Sex;
import crisis.core.registry.Vulnerability;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.testing.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded default ({@code config/embedded.yml}: its own PostgreSQL and broker under a data directory, the SMS
 * simulator) in a JVM of its own, through a whole crisis in Tripoli, stopped as an operator stops it and started
 * again on the same data, and the crisis carried on: alerts in three languages (a couple sharing a phone named in
 * one SMS), answers SAFE, HELP and LEAVE in Arabic digits and words, reminders and voice calls for the silent, a seat
 * plan whose notices carry boarding codes, then a second instruction, more answers, a second plan, check-ins by
 * boarding code, a passenger looked up by name and the gate closed on the no-shows.
 *
 * <p>Each SMS and call recorded as sent reached its phone exactly once over the two runs, and nothing else did (the
 * simulated phones, which keep what they received across the restart, against {@code sms_send}); every gateway id
 * is distinct. The server's log of both
 * runs (application and request logs, at INFO) holds no phone, name or boarding code of the test data.
 */
@Tag("kafka")
class RestartedEmbeddedDefaultTest {
  private static final Duration LONG = Duration.ofSeconds(300);
  private static final String[][] GIVEN = {{"Khadija", "خديجة"}, {"Mustafa", "مصطفى"}, {"Aicha", "عائشة"},
      {"Hamza", "حمزة"}, {"Zineb", "زينب"}, {"Idriss", "إدريس"}, {"Salma", "سلمى"}, {"Anouar", "أنور"},
      {"Hanane", "حنان"}, {"Bilal", "بلال"}, {"Meriem", "مريم"}, {"Tarik", "طارق"}};
  private static final String[][] FAMILY = {{"Ouazzani", "الوزاني"}, {"Berrada", "برادة"}, {"Tazi", "التازي"},
      {"Alaoui", "العلوي"}, {"Bennis", "بنيس"}, {"Chraibi", "الشرايبي"}, {"Lahlou", "لحلو"}, {"Sqalli", "السقلي"},
      {"Kettani", "الكتاني"}, {"Benjelloun", "بنجلون"}, {"Zniber", "زنيبر"}, {"Guessous", "قسوس"}};
  private static final String TRIPOLI = "{\"type\":\"Polygon\",\"coordinates\":[[[13.00,32.70],[13.40,32.70],"
      + "[13.40,33.00],[13.00,33.00],[13.00,32.70]]]}";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Path dir;
  private int port;
  private int dbPort;
  private String password;

  @Test
  void eachSmsReachesItsPhoneOnceAcrossARestartAndTheLogHoldsNoPersonalData() throws Exception {
    dir = Files.createTempDirectory("crisis-restart-");
    Path log = dir.resolve("server.log");
    port = AppProcess.freePort();
    dbPort = AppProcess.freePort();
    List<RegistrationData> people = people();
    List<String> phones = people.stream().map(RegistrationData::phone).distinct().toList();
    List<Map<String, Object>> received = new ArrayList<>();
    List<Map<String, Object>> sent;
    List<String> codes;
    int firstRun;
    Set<String> kinds = new LinkedHashSet<>();
    SoftAssertions softly = new SoftAssertions();
    Process app = start(log);
    try {
      awaitUp();
      // The embedded PostgreSQL of the application, while it runs: no way in without the generated password (issue
      // 28: it trusted every local process), which its credentials file (mode 600) holds.
      String url = "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres";
      assertThat(catchThrowable(() -> java.sql.DriverManager.getConnection(url + "?user=postgres").close()))
          .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("password");
      Path passwords = dir.resolve("postgres.credentials");
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(passwords)))
          .isEqualTo("rw-------");
      java.util.Properties roles = new java.util.Properties();
      try (var in = Files.newBufferedReader(passwords)) {
        roles.load(in);
      }
      Jdbi db = Jdbi.create(url, "postgres", roles.getProperty("postgres"));
      StringBuilder csv = new StringBuilder(CsvFormat.header()).append('\n');
      people.forEach(p -> csv.append(CsvFormat.write(p)));
      assertThat(call("POST", "/api/v1/registrations/import", csv.toString(), "text/csv", 200))
          .contains("\"created\":" + people.size());
      Map<String, Object> crisis = json("POST", "/api/v1/crises", """
          {"title": "Clashes in Tripoli", "type": "ARMED_CONFLICT", "severity": "EXTREME",
           "zones": [{"label": "Tripoli", "geometry": %s}],
           "messages": [{"ar": "اشتباكات في طرابلس. ابقوا في منازلكم. أجيبوا 1 إذا كنتم بأمان، 2 للمساعدة، 3 للمغادرة.",
                         "fr": "Affrontements à Tripoli. Restez chez vous. Répondez 1 (en sécurité), 2 (aide), 3 (partir).",
                         "en": "Clashes in Tripoli. Stay at home. Reply 1 if safe, 2 for help, 3 to leave."}]}"""
          .formatted(TRIPOLI), 201);
      String crisisId = (String) crisis.get("id");
      json("POST", "/api/v1/crises/" + crisisId + "/activate", "", 200);
      Poll.until(LONG, () -> count(db, "SELECT count(*) FROM sms_send "
          + "WHERE kind = 'ALERT' AND state = 'SENT'") == phones.size(), "the first alerts sent");
      reply(phones.get(0), "١");
      reply(phones.get(1), "2");
      reply(phones.get(2), "HELP");
      reply(phones.get(3), "٣");
      reply(phones.get(4), "3");
      reply(phones.get(5), "Je veux partir");
      reply(phones.get(6), "نريد المغادرة");
      Map<String, Object> point = json("POST", "/api/v1/places", """
          {"kind": "ASSEMBLY_POINT", "name": "Port de Tripoli", "latitude": 32.8990, "longitude": 13.1840,
           "country": "LY"}""", 201);
      String firstLeg = createLeg(crisisId, (String) point.get("id"), "TRP 1", 40);
      Map<String, Object> plan = json("POST", "/api/v1/crises/" + crisisId + "/evacuation/plan", "", 200);
      assertThat(plan.get("householdsSeated")).isEqualTo(4);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> seated = (List<Map<String, Object>>) plan.get("placements");
      awaitQuiet(db);
      List<Map<String, Object>> beforeRestart = simulated();

      // Stopped as an operator stops it, and started again on the same data.
      AppProcess.stop(app);
      app = start(log);
      awaitUp();
      // The simulated phones still hold what they received before (the simulator keeps them as Twilio would).
      softly.assertThat(simulated()).as("the simulated phones after the restart").isEqualTo(beforeRestart);
      json("POST", "/api/v1/crises/" + crisisId + "/messages", """
          {"texts": {"ar": "الطريق الساحلي مغلق. لا تتحركوا إلا إلى نقطة التجمع.",
                     "fr": "La route côtière est fermée. Ne vous déplacez que vers le point de rassemblement.",
                     "en": "The coast road is closed. Move only to the assembly point."}}""", 201);
      Poll.until(LONG, () -> count(db, "SELECT count(*) FROM sms_send "
          + "WHERE kind = 'ALERT' AND state = 'SENT'") == 2L * phones.size(), "the second alerts sent");
      reply(phones.get(7), "1");
      reply(phones.get(8), "LEAVE");
      reply(phones.get(9), "٣");
      reply(phones.get(10), "bghit nmchi");
      createLeg(crisisId, (String) point.get("id"), "TRP 2", 30);
      Map<String, Object> replan = json("POST", "/api/v1/crises/" + crisisId + "/evacuation/plan", "", 200);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> reseated = (List<Map<String, Object>>) replan.get("placements");
      List<String> planned = new ArrayList<>();
      seated.forEach(p -> planned.add((String) p.get("boardingCode")));
      reseated.forEach(p -> planned.add((String) p.get("boardingCode")));
      // At the first bus's gate: two households checked in by their codes, a passenger looked up by name, the gate
      // closed (the households not checked in become no-shows, the crisis is re-planned).
      String batch = Json.write(Map.of("operations", List.of(
          Map.of("id", java.util.UUID.randomUUID().toString(), "type", "CHECK_IN", "boardingCode",
              seated.get(0).get("boardingCode")),
          Map.of("id", java.util.UUID.randomUUID().toString(), "type", "CHECK_IN", "boardingCode",
              seated.get(1).get("boardingCode")),
          Map.of("id", java.util.UUID.randomUUID().toString(), "type", "CLOSE"))));
      assertThat(call("POST", "/api/v1/legs/" + firstLeg + "/gate", batch, "application/json", 200))
          .doesNotContain("\"REFUSED\"");
      call("POST", "/api/v1/legs/" + firstLeg + "/passengers/search",
          Json.write(Map.of("q", people.get(4).familyNameLatin())), "application/json", 200);
      // In the address it is refused, naming where it goes: a name there would reach every access log.
      assertThat(call("GET", "/api/v1/legs/" + firstLeg + "/passengers?q=x", null, null, 422)).contains("\"q\"")
          .contains("passengers/search");
      awaitQuiet(db);
      received.addAll(simulated());
      firstRun = beforeRestart.size();
      sent = db.withHandle(h -> h.createQuery("SELECT phone, body, kind, sid FROM sms_send WHERE state = 'SENT'")
          .mapToMap().list());
      // Every code a plan gave (a household whose seat a later plan took back keeps its code in its SMS).
      codes = new ArrayList<>(new LinkedHashSet<>(planned));
    } finally {
      AppProcess.stop(app);
    }

    // What the phones received over both runs is exactly what sms_send holds as sent: nothing twice, nothing lost.
    Map<String, Integer> expected = new TreeMap<>();
    sent.forEach(r -> expected.merge(key((String) r.get("phone"), "CALL".equals(r.get("kind")) ? "CALL" : "SMS",
        (String) r.get("body")), 1, Integer::sum));
    Map<String, Integer> actual = new TreeMap<>();
    received.forEach(m -> actual.merge(key((String) m.get("to"), (String) m.get("kind"), (String) m.get("body")), 1,
        Integer::sum));
    List<String> mismatches = new ArrayList<>();
    Set<String> keys = new java.util.TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String k : keys) {
      int got = actual.getOrDefault(k, 0);
      int recorded = expected.getOrDefault(k, 0);
      if (got != recorded) {
        mismatches.add(k.substring(0, Math.min(k.length(), 70)).replace('\n', ' ') + "...: received " + got
            + ", recorded as sent " + recorded);
      }
    }
    softly.assertThat(mismatches).as("messages the phones received (by phone, kind and text) against what was "
        + "recorded as sent").isEmpty();
    softly.assertThat(received).as("messages received").hasSameSizeAs(sent);
    sent.forEach(r -> kinds.add((String) r.get("kind")));
    softly.assertThat(kinds).as("what the crisis sent").contains("ALERT", "ACK", "REMINDER", "CALL", "NOTICE");
    List<Object> sids = received.stream().map(m -> m.get("sid")).toList();
    softly.assertThat(sids).as("gateway ids over both runs").doesNotHaveDuplicates();
    softly.assertThat(sent.stream().map(r -> r.get("sid")).toList()).as("recorded gateway ids")
        .doesNotContainNull().isSubsetOf(sids);
    long notices = sent.stream().filter(r -> "NOTICE".equals(r.get("kind"))).count();
    softly.assertThat(notices).as("seat notices").isGreaterThanOrEqualTo(7);

    // The log of both runs: no phone (in any form), name or boarding code.
    String logs = Files.readString(log, StandardCharsets.UTF_8);
    softly.assertThat(logs).as("the log caught both runs' requests")
        .contains("\"POST /api/v1/simulator/replies HTTP/1.1\" 200").contains("/evacuation/plan");
    softly.assertThat(codes).as("boarding codes").hasSizeGreaterThanOrEqualTo(7);
    List<String> secrets = new ArrayList<>(codes);
    for (RegistrationData p : people) {
      secrets.addAll(List.of(p.phone(), p.phone().substring(1), p.givenNameLatin(), p.familyNameLatin(),
          p.givenNameArabic(), p.familyNameArabic(), p.passportNumber(), p.nationalId()));
      p.household().forEach(m -> secrets.add(m.fullName()));
    }
    List<String> found = new ArrayList<>();
    for (String secret : new LinkedHashSet<>(secrets)) {
      long lines = logs.lines().filter(l -> l.contains(secret)).count();
      if (lines > 0) {
        String line = logs.lines().filter(l -> l.contains(secret)).findFirst().orElseThrow().strip();
        found.add(secret + " (" + lines + " lines, e.g. " + line.substring(0, Math.min(line.length(), 300)) + ")");
      }
    }
    softly.assertThat(found).as("personal data in the server's log").isEmpty();
    System.out.printf("restart test: %d SMS and calls sent (%d notices), %d received (%d before the restart), %d log "
        + "lines searched for %d values%n", sent.size(), notices, received.size(), firstRun, logs.lines().count(),
        new LinkedHashSet<>(secrets).size());
    softly.assertAll();
  }

  /** 24 nationals in Tripoli; the first two a couple sharing one phone; some with children or parents. */
  private static List<RegistrationData> people() {
    Language[] languages = {Language.AR, Language.FR, Language.EN};
    Consent consent = new Consent(EnumSet.of(ConsentPurpose.CRISIS_CONTACT, ConsentPurpose.REPATRIATION),
        Instant.parse("2025-03-02T10:00:00Z"), ConsentMethod.IN_PERSON);
    List<RegistrationData> out = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String[] given = GIVEN[i % GIVEN.length];
      String[] family = FAMILY[(i * 5) % FAMILY.length];
      String phone = String.format("+21891765%04d", i == 1 ? 100 : 100 + i);
      List<HouseholdMember> household = i % 4 == 2
          ? List.of(new HouseholdMember("Rim " + family[0], Relation.CHILD, LocalDate.of(2019, 4, 2 + i), null))
          : i % 4 == 3 ? List.of(new HouseholdMember("Driss " + family[0] + "-Amrani", Relation.PARENT,
              LocalDate.of(1948, 1, 1 + i), "MA")) : List.of();
      out.add(new RegistrationData("TRP-" + (500 + i), given[0], family[0], given[1], family[1],
          LocalDate.of(1970 + i, 1 + i % 12, 1 + i), i % 2 == 0 ? Sex.F : Sex.M, String.format("LY%06d", 731 + i),
          String.format("RP%07d", 88_100 + i), phone, null, languages[i % 3], null,
          new Location(32.8700 + i * 0.002, 13.1500 + i * 0.003, LocationSource.GPS), "LY", "ly-tripoli",
          ResidenceType.RESIDENT, null, null, null, household, EnumSet.noneOf(Vulnerability.class), null, consent));
    }
    return out;
  }

  private Process start(Path log) throws Exception {
    return AppProcess.start("../config/embedded.yml", List.of(
        "-Ddw.server.applicationConnectors[0].port=" + port,
        "-Ddw.server.adminConnectors[0].port=0",
        "-Ddw.database.dataDirectory=" + dir.resolve("postgres"),
        "-Ddw.database.port=" + dbPort,
        "-Ddw.kafka.dataDirectory=" + dir.resolve("kafka"),
        "-Ddw.kafka.stateDirectory=" + dir.resolve("streams"),
        "-Ddw.demo.registrations=0",
        "-Ddw.demo.credentialsFile=" + dir.resolve("credentials.txt"),
        "-Ddw.personalData.file=" + dir.resolve("keys"),
        // The silent are reminded and called within seconds; an attempt left without an answer is looked up soon.
        "-Ddw.sms.householdWindow=200ms",
        "-Ddw.sms.reminderAfter=2s",
        "-Ddw.sms.callAfter=2s",
        "-Ddw.sms.escalationEvery=1s",
        "-Ddw.sms.inFlightTimeout=5s",
        "-Ddw.sms.retryBase=200ms"), log);
  }

  private void awaitUp() throws InterruptedException {
    Poll.until(LONG, () -> {
      Path credentials = dir.resolve("credentials.txt");
      try {
        if (!Files.exists(credentials)) {
          return false;
        }
        for (String line : Files.readAllLines(credentials)) {
          if (line.startsWith("crisis.cell ")) {
            password = line.split(" ")[1];
          }
        }
        return password != null && http.send(request("/api/v1/me").GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (java.io.IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }, "the application to answer");
  }

  /** Until nothing is left to send: every alert reminded and called, or answered. */
  private static void awaitQuiet(Jdbi db) throws InterruptedException {
    Poll.until(LONG, () -> count(db, "SELECT count(*) FROM sms_send "
        + "WHERE state IN ('PENDING', 'SENDING') OR (kind = 'ALERT' AND state = 'SENT' AND escalation IN (0, 1))")
        == 0, "every SMS and call sent");
  }

  private String createLeg(String crisisId, String pointId, String reference, int seats) throws Exception {
    String departs = Instant.now().plus(8, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toString();
    return (String) json("POST", "/api/v1/crises/" + crisisId + "/evacuation/legs", """
        {"kind": "BUS", "carrier": "Autocars du Sahel", "reference": "%s", "seats": %d, "stretcherPlaces": 0,
         "wheelchairPlaces": 1, "departsAt": "%s", "reportMinutes": 120, "timeZone": "Africa/Tripoli",
         "destinationCity": "Tanger", "points": [{"placeId": "%s", "capacity": 100}]}"""
        .formatted(reference, seats, departs, pointId), 201).get("id");
  }

  private void reply(String phone, String body) throws Exception {
    json("POST", "/api/v1/simulator/replies", Json.write(Map.of("from", phone, "body", body)), 200);
  }

  /** What the simulated phones received, before and after restarts, newest first. */
  private List<Map<String, Object>> simulated() throws Exception {
    return Json.read(call("GET", "/api/v1/simulator/messages?limit=1000", null, null, 200),
        new TypeReference<List<Map<String, Object>>>() {});
  }

  private static String key(String phone, String kind, String body) {
    return phone + " " + kind + " " + body;
  }

  private static long count(Jdbi db, String sql) {
    return db.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private Map<String, Object> json(String method, String path, String body, int expected) throws Exception {
    return Json.read(call(method, path, body, "application/json", expected),
        new TypeReference<Map<String, Object>>() {});
  }

  private String call(String method, String path, String body, String type, int expected) throws Exception {
    HttpRequest.Builder b = request(path);
    if (body == null) {
      b.GET();
    } else {
      b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
    return r.body();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(LONG)
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString(("crisis.cell:" + password).getBytes(StandardCharsets.UTF_8)));
  }
}
