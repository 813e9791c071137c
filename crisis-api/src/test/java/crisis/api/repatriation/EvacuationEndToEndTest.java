package crisis.api.repatriation;

import crisis.api.AppFixture;
import static crisis.core.testing.Samples.at;
import static crisis.core.testing.Samples.parisian;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.CrisisApplication;
import crisis.api.config.CrisisConfiguration;
import crisis.core.common.Json;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.testing.Poll;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
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
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole evacuation on the embedded default (its own PostgreSQL, broker and SMS simulator), through HTTP only: a
 * crisis; two households answer "3" (LEAVE) through the simulator; laissez-passers for the members without a
 * document; a flight; a plan; the boarding codes arrive by SMS; check-in, boarding, departure, arrival at the gate;
 * the manifest as CSV and PDF names exactly the people boarded. Then reintegration, from the arrival: a case per
 * household in the region of the destination, for its case worker only; a need, a referral to a partner; the first
 * check-in's question by SMS answered "1" through the simulator, meeting that need; the case closed with its scores.
 */
@Tag("kafka")
class EvacuationEndToEndTest {
  static final Path DIR = tempDir();

  @RegisterExtension
  static final DropwizardAppExtension<CrisisConfiguration> APP = AppFixture.application("../config/embedded.yml",
      ConfigOverride.config("server.applicationConnectors[0].port", "0"),
      ConfigOverride.config("server.adminConnectors[0].port", "0"),
      ConfigOverride.config("database.dataDirectory", DIR.resolve("postgres").toString()),
      ConfigOverride.config("kafka.dataDirectory", DIR.resolve("kafka").toString()),
      ConfigOverride.config("kafka.stateDirectory", DIR.resolve("streams").toString()),
      ConfigOverride.config("demo.registrations", "0"),
      ConfigOverride.config("demo.credentialsFile", DIR.resolve("credentials.txt").toString()),
      ConfigOverride.config("personalData.file", DIR.resolve("keys").toString()),
      // The first check-in 20 seconds after arrival, looked for every second: the follow-up within the test.
      ConfigOverride.config("reintegration.checkInsAfter[0]", "20 seconds"),
      ConfigOverride.config("reintegration.clockEvery", "1 second"),
      ConfigOverride.config("logging.level", "WARN"));

  static final String PARIS = "{\"type\":\"Polygon\",\"coordinates\":[[[2.30,48.84],[2.40,48.84],[2.40,48.90],"
      + "[2.30,48.90],[2.30,48.84]]]}";

  private final Map<String, String> passwords = new HashMap<>();

  @Test
  @SuppressWarnings("unchecked")
  void fromLeaveRepliesToArrivalWithManifestsOfExactlyThoseBoarded() throws Exception {
    for (String line : Files.readAllLines(DIR.resolve("credentials.txt"))) {
      passwords.put(line.split(" ")[0], line.split(" ")[1]);
    }
    // Household A consented to be followed home and to its details being shared with home services; B did not.
    String csv = CsvFormat.header() + "\n" + CsvFormat.write(consenting(at(parisian(701), 48.8600, 2.3300)))
        + CsvFormat.write(at(parisian(702), 48.8750, 2.3800));
    assertThat(call("crisis.cell", "POST", "/api/v1/registrations/import", csv, "text/csv", 200))
        .contains("\"created\":2");
    String phoneA = parisian(701).phone();
    String phoneB = parisian(702).phone();
    Map<String, Object> point = json("crisis.cell", "POST", "/api/v1/places", """
        {"kind": "ASSEMBLY_POINT", "name": "Gare de l'Est", "latitude": 48.8768, "longitude": 2.3592,
         "country": "FR"}""", 201);
    Map<String, Object> crisis = json("crisis.cell", "POST", "/api/v1/crises", """
        {"title": "Floods in Paris", "type": "FLOOD", "severity": "EXTREME",
         "zones": [{"label": "Paris", "geometry": %s}],
         "messages": [{"ar": "فيضانات. أرسلوا 3 للمغادرة.", "fr": "Crue. Répondez 3 pour partir."}]}"""
        .formatted(PARIS), 201);
    String id = (String) crisis.get("id");
    json("crisis.cell", "POST", "/api/v1/crises/" + id + "/activate", null, 200);
    Poll.until(Duration.ofSeconds(90), () -> received(phoneA).size() == 1 && received(phoneB).size() == 1,
        "the alerts");

    // Both households ask to leave: "3" in Arabic-Indic digits, and in French.
    assertThat(json("crisis.cell", "POST", "/api/v1/simulator/replies",
        "{\"from\": \"" + phoneA + "\", \"body\": \"٣\"}", 200).get("keyword")).isEqualTo("LEAVE");
    assertThat(json("crisis.cell", "POST", "/api/v1/simulator/replies",
        "{\"from\": \"" + phoneB + "\", \"body\": \"Je veux partir\"}", 200).get("keyword")).isEqualTo("LEAVE");
    List<Map<String, Object>> requests = list("officer.paris", "/api/v1/crises/" + id + "/evacuation/requests");
    assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r.get("source")).isEqualTo("SMS"));
    assertThat(list("officer.tripoli", "/api/v1/crises/" + id + "/evacuation/requests")).isEmpty();

    // The household members have no document on file: the officer records a laissez-passer for each.
    List<String> boardedNames = new ArrayList<>();
    int lp = 1;
    for (Map<String, Object> r : requests) {
      String path = "/api/v1/crises/" + id + "/evacuation/requests/" + r.get("id");
      for (Map<String, Object> t : (List<Map<String, Object>>) r.get("travellers")) {
        boardedNames.add((String) t.get("fullName"));
        if ("REQUIRED".equals(t.get("laissezPasser"))) {
          String version = etag("officer.paris", path);
          try (Response resp = as("officer.paris", path + "/travellers/" + t.get("id") + "/laissez-passer")
              .header(HttpHeaders.IF_MATCH, "\"" + version + "\"")
              .post(Entity.json("{\"number\": \"LP-2026-" + lp++ + "\"}"))) {
            assertThat(resp.getStatus()).as(resp.readEntity(String.class)).isEqualTo(200);
          }
        }
      }
    }
    assertThat(boardedNames).hasSize(6);

    String departs = Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toString();
    // Half a seat is not a seat: refused naming the field, not truncated.
    for (String fraction : List.of("\"seats\": 10.5", "\"seats\": 10, \"stretcherPlaces\": 2.7")) {
      String refused = call("crisis.cell", "POST", "/api/v1/crises/" + id + "/evacuation/legs", """
          {"kind": "BUS", "carrier": "Transports du Nord", "reference": "B1", %s, "departsAt": "%s",
           "timeZone": "Europe/Paris", "destinationCity": "Tanger", "points": [{"placeId": "%s"}]}"""
          .formatted(fraction, departs, point.get("id")), "application/json", 400);
      assertThat(refused).contains(fraction.contains("2.7") ? "stretcherPlaces" : "seats");
    }
    assertThat(list("crisis.cell", "/api/v1/crises/" + id + "/evacuation/legs")).isEmpty();
    Map<String, Object> leg = json("crisis.cell", "POST", "/api/v1/crises/" + id + "/evacuation/legs", """
        {"kind": "FLIGHT", "carrier": "Royal Air Maroc", "reference": "AT 9001", "seats": 10,
         "stretcherPlaces": 1, "wheelchairPlaces": 2, "departsAt": "%s", "reportMinutes": 180,
         "timeZone": "Europe/Paris", "destinationCity": "Casablanca", "gateOfficer": "officer.paris",
         "points": [{"placeId": "%s", "capacity": 200}]}"""
        .formatted(departs, point.get("id")), 201);
    String legId = (String) leg.get("id");
    Map<String, Object> plan = json("crisis.cell", "POST", "/api/v1/crises/" + id + "/evacuation/plan", null, 200);
    assertThat(plan.get("householdsSeated")).isEqualTo(2);
    assertThat(plan.get("peopleSeated")).isEqualTo(6);
    Map<String, String> codeByRequest = new HashMap<>();
    for (Map<String, Object> p : (List<Map<String, Object>>) plan.get("placements")) {
      assertThat(p.get("legId")).isEqualTo(legId);
      assertThat((List<String>) p.get("reasons")).isNotEmpty();
      codeByRequest.put((String) p.get("requestId"), (String) p.get("boardingCode"));
    }

    // Each household's phone receives its boarding code.
    List<String> codes = new ArrayList<>();
    for (Map<String, Object> r : requests) {
      String code = codeByRequest.get((String) r.get("id"));
      String phone = (String) r.get("phone");
      Poll.until(Duration.ofSeconds(90), () -> received(phone).stream()
          .anyMatch(m -> ((String) m.get("body")).contains(code) && ((String) m.get("body")).contains("AT 9001")),
          "the boarding code by SMS");
      codes.add(code);
    }

    // At the gate, from a device: check in and board by code (the batch sent twice), then depart and arrive.
    String batch = "{\"operations\": [" + op("CHECK_IN", codes.get(0)) + "," + op("CHECK_IN", codes.get(1)) + ","
        + op("BOARD", codes.get(0)) + "," + op("BOARD", codes.get(1)) + "]}";
    List<Map<String, Object>> first = Json.read(call("officer.paris", "POST", "/api/v1/legs/" + legId + "/gate", batch,
        "application/json", 200), List.class);
    assertThat(first).extracting(a -> a.get("outcome")).containsOnly("DONE");
    List<Map<String, Object>> again = Json.read(call("officer.paris", "POST", "/api/v1/legs/" + legId + "/gate",
        batch, "application/json", 200), List.class);
    assertThat(again).extracting(a -> a.get("replayed")).containsOnly(true);
    assertThat(call("officer.tripoli", "POST", "/api/v1/legs/" + legId + "/gate", batch, "application/json", 404))
        .contains("leg");
    call("officer.paris", "POST", "/api/v1/legs/" + legId + "/gate",
        "{\"operations\": [" + op("DEPART", null) + "," + op("ARRIVE", null) + "]}", "application/json", 200);

    String manifest = call("officer.paris", "GET", "/api/v1/legs/" + legId + "/manifest.csv", null, null, 200);
    List<String> rows = manifest.lines().skip(1).toList();
    assertThat(rows).hasSize(6).allSatisfy(row -> assertThat(row).endsWith(",BOARDED"));
    assertThat(rows.stream().map(row -> row.split(",")[3]).toList())
        .containsExactlyInAnyOrderElementsOf(boardedNames);
    byte[] pdf;
    try (Response r = as("officer.paris", "/api/v1/legs/" + legId + "/manifest.pdf").get()) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.getMediaType().toString()).isEqualTo("application/pdf");
      pdf = r.readEntity(byte[].class);
    }
    try (var doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains("AT 9001", "Royal Air Maroc", "Casablanca", "Travellers: 6.");
      boardedNames.forEach(n -> assertThat(text).contains(n));
      assertThat(text.split("BOARDED", -1).length - 1).isEqualTo(6);
    }
    assertThat(list("crisis.cell", "/api/v1/crises/" + id + "/evacuation/requests?state=ARRIVED")).hasSize(2);
    // The crisis's figures count the requests by state.
    assertThat(json("officer.paris", "GET", "/api/v1/crises/" + id + "/outreach", null, 200)
        .get("evacuationsByState")).isEqualTo(Map.of("ARRIVED", 2));

    followedHome(id, requests, phoneA);
    nothingPersonalInClearAtRest(lp - 1);
  }

  /** A case worker's note on a child's health, as such notes are written: none of it may be in clear on a disk. */
  static final String HEALTH_NOTE = "Asthme sévère, inhalateur deux fois par jour ; suivi pneumologique à Casablanca";

  /**
   * Issue 31, after a whole crisis on the embedded default: every table's rows (what a data-only {@code pg_dump}
   * holds, binary values decoded) hold none of the households' identity numbers, laissez-passer numbers or the
   * health note in clear; every record of every topic, the pipeline's own included, holds none of them either, and no
   * coordinate of the households' homes (the pipeline carries a coarse cell and the point sealed).
   */
  private void nothingPersonalInClearAtRest(int laissezPassers) throws Exception {
    CrisisApplication app = APP.getApplication();
    String database = crisis.api.privacy.AtRest.database(app.alerts().jdbi());
    java.util.Properties brokerUsers = new java.util.Properties();
    try (java.io.Reader in = Files.newBufferedReader(DIR.resolve("kafka").resolve("credentials"))) {
      brokerUsers.load(in);
    }
    String topics = crisis.api.privacy.AtRest.topics(app.alerts().bootstrapServers(), new HashMap<>(
        crisis.alerts.kafka.EmbeddedKafka.scramClient("broker-admin", brokerUsers.getProperty("broker-admin"))));
    assertThat(database).contains("registration").contains("reintegration_need");
    assertThat(topics).contains("registrations ").contains("alerts ");
    List<String> secrets = new ArrayList<>(List.of(HEALTH_NOTE, "Asthme sévère", "inhalateur", "year 6 near Maarif"));
    for (int seed : new int[] {701, 702}) {
      crisis.core.registry.RegistrationData d = parisian(seed);
      if (d.nationalId() != null) {
        secrets.add(d.nationalId());
      }
      if (d.passportNumber() != null) {
        secrets.add(d.passportNumber());
      }
    }
    for (int n = 1; n <= laissezPassers; n++) {
      secrets.add("LP-2026-" + n);
    }
    assertThat(secrets).hasSizeGreaterThan(5);
    for (String secret : secrets) {
      // Named, never the whole dump in the report: it is made of people's data.
      assertThat(database.contains(secret)).as("in clear in the database: %s", secret).isFalse();
      assertThat(topics.contains(secret)).as("in clear on a topic: %s", secret).isFalse();
    }
    // No number on a topic is a home's coordinate (a timestamp's seconds and an epoch are not read as numbers).
    java.util.regex.Matcher number = java.util.regex.Pattern.compile("(?<![\\d:.])-?\\d{1,3}\\.\\d+(?!\\d)")
        .matcher(topics);
    List<Double> homes = List.of(48.86, 2.33, 48.875, 2.38);
    while (number.find()) {
      double v = Double.parseDouble(number.group());
      assertThat(homes).as("a home's coordinate on a topic: " + number.group()).noneMatch(h -> Math.abs(h - v) < 1e-9);
    }
  }

  /** Reintegration, from the arrival of the two households in Casablanca (MA.06, the demo case worker's). */
  @SuppressWarnings("unchecked")
  private void followedHome(String crisisId, List<Map<String, Object>> requests, String phoneA) throws Exception {
    Map<String, String> caseOf = new HashMap<>();
    Poll.until(Duration.ofSeconds(90), () -> {
      for (Map<String, Object> r : requests) {
        Map<String, Object> s = json("officer.paris", "GET", "/api/v1/crises/" + crisisId + "/evacuation/requests/"
            + r.get("id") + "/reintegration", null, 200);
        if (Boolean.TRUE.equals(s.get("exists"))) {
          assertThat(s.get("region")).isEqualTo("MA.06");
          assertThat(s).doesNotContainKeys("members", "needs");
          caseOf.put((String) r.get("phone"), (String) s.get("caseId"));
        }
      }
      return caseOf.size() == 2;
    }, "a case for each arrived household");
    assertThat(list("caseworker", "/api/v1/reintegration/cases/mine")).hasSize(2);
    String caseA = caseOf.get(phoneA);
    String path = "/api/v1/reintegration/cases/" + caseA;
    Map<String, Object> c = json("caseworker", "GET", path, null, 200);
    assertThat(c.get("region")).isEqualTo("MA.06");
    assertThat(c.get("placeName")).isEqualTo("Casablanca");
    assertThat((List<Map<String, Object>>) c.get("members")).extracting(m -> m.get("fullName"))
        .containsExactly("Fatima El Amrani", "Youssef El Amrani", "Jean Dupont");
    // Another region's case worker finds nothing; the crisis cell reads no content; B's case keeps no names.
    call("caseworker.rabat", "GET", path, null, null, 404);
    call("crisis.cell", "GET", path, null, null, 403);
    Map<String, Object> b = json("caseworker", "GET", "/api/v1/reintegration/cases/"
        + caseOf.values().stream().filter(x -> !x.equals(caseA)).findFirst().orElseThrow(), null, 200);
    assertThat((List<Map<String, Object>>) b.get("members")).allSatisfy(m -> assertThat(m.get("fullName")).isNull());

    // The child's schooling, referred to the education authority of the region.
    c = json("caseworker", "POST", path + "/needs", "{\"memberSeq\": 2, \"kind\": \"SCHOOL_ENROLMENT\", "
        + "\"notes\": \"" + HEALTH_NOTE + "\"}", 201);
    String needId = (String) ((List<Map<String, Object>>) c.get("needs")).get(0).get("id");
    // Sealed at rest, read in clear by the case worker.
    assertThat(((List<Map<String, Object>>) c.get("needs")).get(0).get("notes")).isEqualTo(HEALTH_NOTE);
    Map<String, Object> partner = json("crisis.cell", "POST", "/api/v1/reintegration/partners", """
        {"region": "MA.06", "name": "Académie régionale Casablanca-Settat", "contact": "+212522000000",
         "kinds": ["SCHOOL_ENROLMENT", "UNIVERSITY_ENROLMENT"]}""", 201);
    c = json("caseworker", "POST", path + "/referrals", """
        {"needId": "%s", "partnerId": "%s", "asked": "Enrol Youssef in year 6 near Maarif"}"""
        .formatted(needId, partner.get("id")), 201);
    Map<String, Object> referral = ((List<Map<String, Object>>) c.get("referrals")).get(0);
    assertThat(referral.get("personalData")).isEqualTo(true);
    assertThat(json("caseworker", "GET", path + "/referrals/" + referral.get("id") + "/for-partner", null, 200)
        .get("people").toString()).contains("Youssef El Amrani");

    // 20 seconds after arrival the first check-in asks A's phone about the child's school, in Arabic.
    String question = "هل بدأ طفلك الدراسة؟ 1 نعم، 2 لا";
    Poll.until(Duration.ofSeconds(90), () -> received(phoneA).stream()
        .anyMatch(m -> question.equals(m.get("body"))), "the check-in question by SMS");
    Map<String, Object> answered = json("crisis.cell", "POST", "/api/v1/simulator/replies",
        "{\"from\": \"" + phoneA + "\", \"body\": \"1\"}", 200);
    assertThat(answered.get("checkInCase")).isEqualTo(caseA);
    c = json("caseworker", "GET", path, null, 200);
    assertThat(((List<Map<String, Object>>) c.get("needs")).get(0).get("status")).isEqualTo("MET");
    assertThat(((List<Map<String, Object>>) c.get("checkIns")).get(0).get("state")).isEqualTo("ANSWERED");

    // Closed with its outcome and indicators; the scores are computed.
    String closing = """
        {"outcome": "Housed, child at school, father working", "indicators": {
          "INCOME": "REGULAR", "WORK_OR_TRAINING": "YES", "DEBT": "NONE", "FOOD_SECURITY": "ENOUGH",
          "ECONOMIC_SATISFACTION": "5", "HOUSING": "STABLE", "SCHOOLING": "ALL", "HEALTH_ACCESS": "YES",
          "DOCUMENTS": "ALL", "SOCIAL_RIGHTS": "PARTIAL", "SOCIAL_NETWORK": "3", "COMMUNITY_PARTICIPATION": "SOMETIMES",
          "DISTRESS": "NEVER", "SAFETY": "SAFE", "WISH_TO_LEAVE_AGAIN": "NO"}}""";
    try (Response r = as("caseworker", path + "/close").header(HttpHeaders.IF_MATCH, "\"" + etag("caseworker", path)
        + "\"").post(Entity.json(closing))) {
      String text = r.readEntity(String.class);
      assertThat(r.getStatus()).as(text).isEqualTo(200);
      Map<String, Object> closed = Json.read(text, Map.class);
      assertThat(closed.get("state")).isEqualTo("CLOSED");
      // Economic 1; social 1 − 0.15×0.5 = 0.925; psychosocial 0.20×0.5 + 0.15×0.5 + 0.25 + 0.20 + 0.20 = 0.825;
      // composite (1 + 0.925 + 0.825) / 3 = 0.917.
      assertThat(((List<Map<String, Object>>) closed.get("assessments")).get(0).get("scores"))
          .isEqualTo(Map.of("economic", 1.0, "social", 0.925, "psychosocial", 0.825, "composite", 0.917));
    }
    Map<String, Object> report = json("crisis.cell", "GET", "/api/v1/reintegration/reports", null, 200);
    assertThat((List<Map<String, Object>>) report.get("cases")).singleElement().satisfies(r -> {
      assertThat(r.get("region")).isEqualTo("MA.06");
      assertThat(r.get("open")).isEqualTo(1);
      assertThat(r.get("closed")).isEqualTo(1);
    });
    assertThat(call("crisis.cell", "GET", "/api/v1/reintegration/reports.csv", null, null, 200))
        .contains("cases,MA.06,closed,1").doesNotContain("Fatima", "Youssef", phoneA);
  }

  /** The same national, consenting to the follow-up at home and to sharing with home services. */
  private static crisis.core.registry.RegistrationData consenting(crisis.core.registry.RegistrationData d) {
    return new crisis.core.registry.RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(),
        d.givenNameArabic(), d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(),
        d.phone(), d.email(), d.preferredLanguage(), d.address(), d.location(), d.countryOfResidence(),
        d.consulateId(), d.residenceType(), d.stayPurpose(), d.arrivalDate(), d.departureDate(), d.household(),
        d.vulnerabilities(), d.emergencyContact(), new crisis.core.registry.Consent(java.util.EnumSet.allOf(
            crisis.core.registry.ConsentPurpose.class), d.consent().givenAt(), d.consent().method()));
  }

  private static String op(String type, String code) {
    return "{\"id\": \"" + UUID.nameUUIDFromBytes((type + code).getBytes(StandardCharsets.UTF_8)) + "\", \"type\": \""
        + type + "\"" + (code == null ? "" : ", \"boardingCode\": \"" + code + "\"") + "}";
  }

  private Invocation.Builder as(String user, String path) {
    return APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request()
        .header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + passwords.get(user)).getBytes(StandardCharsets.UTF_8)));
  }

  private String call(String user, String method, String path, String body, String type, int expected) {
    Invocation.Builder b = as(user, path);
    try (Response r = body == null ? b.method(method) : b.method(method, Entity.entity(body, type))) {
      String text = r.readEntity(String.class);
      assertThat(r.getStatus()).as(method + " " + path + ": " + text).isEqualTo(expected);
      return text;
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> json(String user, String method, String path, String body, int expected) {
    return Json.read(call(user, method, path, body, "application/json", expected), Map.class);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> list(String user, String path) {
    return Json.read(call(user, "GET", path, null, null, 200), List.class);
  }

  private String etag(String user, String path) {
    try (Response r = as(user, path).get()) {
      return r.getEntityTag().getValue();
    }
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> received(String phone) {
    return Json.read(call("crisis.cell", "POST", "/api/v1/simulator/messages", "{\"phone\": \"" + phone + "\"}",
        "application/json", 200), List.class);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("crisis-evacuation-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
