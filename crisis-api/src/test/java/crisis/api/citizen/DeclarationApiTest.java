package crisis.api.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import crisis.core.common.Json;
import crisis.core.testing.Poll;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A citizen declares herself through the running application: the code received at the simulator's phone, the
 * declaration in Arabic and Latin script, pending in the Paris officer's queue, alerted all the same when a crisis
 * breaks over her point, then confirmed. A declaration that breaks rules is refused naming each field, and writes
 * nothing.
 */
@Tag("app")
class DeclarationApiTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;

  static final String PHONE = "+33698761001";
  static final String PARIS = "{\"type\":\"Polygon\",\"coordinates\":[[[2.30,48.84],[2.38,48.84],[2.38,48.88],"
      + "[2.30,48.88],[2.30,48.84]]]}";
  static final String STUDENT = """
      {"givenNameLatin": "Salma", "familyNameLatin": "Bennani", "givenNameArabic": "سلمى",
       "familyNameArabic": "بناني", "dateOfBirth": "2003-05-02", "sex": "F", "passportNumber": "ZX7654321",
       "preferredLanguage": "AR", "latitude": 48.8462, "longitude": 2.3449, "locationSource": "GPS",
       "countryOfResidence": "FR", "residenceType": "TEMPORARY", "stayPurpose": "STUDY",
       "arrivalDate": "2026-09-01", "departureDate": "2027-06-30", "vulnerabilities": [],
       "consents": ["CRISIS_CONTACT", "REPATRIATION"]}""";

  @SuppressWarnings("unchecked")
  static <T> T json(String user, String method, String path, String body, int expected, Class<T> type) {
    try (Response r = FIXTURE.call(user, method, path, body, "application/json")) {
      String text = r.readEntity(String.class);
      assertThat(r.getStatus()).as(text).isEqualTo(expected);
      return Json.read(text, type);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> received(String phone) {
    return json("cell", "POST", "/api/v1/simulator/messages", "{\"phone\": \"" + phone + "\"}", 200, List.class);
  }

  /** A code asked for the phone and read at the simulator's phone: the proof and the code. */
  static String[] code(String phone) {
    int before = received(phone).size();
    @SuppressWarnings("unchecked")
    Map<String, Object> sent = json(null, "POST", "/api/v1/citizen/phone-proofs",
        "{\"phone\": \"" + phone + "\", \"language\": \"ar\"}", 202, Map.class);
    Poll.until(Duration.ofSeconds(60), () -> received(phone).size() > before, "the code's SMS");
    // The simulator lists a phone's messages newest first.
    Matcher m = Pattern.compile("([0-9]{6})").matcher((String) received(phone).get(0).get("body"));
    assertThat(m.find()).isTrue();
    return new String[] {(String) sent.get("proof"), m.group(1)};
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDeclaredStudentIsPendingAlertedInACrisisAndConfirmedByHerConsulate() {
    String[] code = code(PHONE);
    Map<String, Object> received = json(null, "POST", "/api/v1/citizen/declarations", """
        {"proof": "%s", "phone": "%s", "code": "%s", "declaration": %s}""".formatted(code[0], PHONE, code[1],
        STUDENT), 202, Map.class);
    assertThat(received).isEqualTo(Map.of("status", "received"));

    Map<String, Object> queue = json("officer.paris", "GET", "/api/v1/registrations/pending", null, 200, Map.class);
    assertThat(queue.get("total")).isEqualTo(1);
    Map<String, Object> entry = ((List<Map<String, Object>>) queue.get("items")).get(0);
    assertThat(entry.get("possibleDuplicates")).isEqualTo(List.of());
    Map<String, Object> salma = (Map<String, Object>) entry.get("registration");
    assertThat(salma.get("phone")).isEqualTo(PHONE);
    assertThat(salma.get("givenNameArabic")).isEqualTo("سلمى");
    assertThat(salma.get("consulateId")).isEqualTo("fr-paris");
    assertThat(salma.get("confirmation")).isEqualTo("PENDING");
    String id = (String) salma.get("id");

    // Pending, and alerted all the same when a crisis breaks over her point.
    Map<String, Object> crisis = json("cell", "POST", "/api/v1/crises", """
        {"title": "Floods in central Paris", "type": "FLOOD", "severity": "SEVERE",
         "zones": [{"label": "Paris centre", "geometry": %s}],
         "messages": [{"ar": "ابقوا في منازلكم", "fr": "Restez chez vous."}]}""".formatted(PARIS), 201, Map.class);
    json("cell", "POST", "/api/v1/crises/" + crisis.get("id") + "/activate", null, 200, Map.class);
    Poll.until(Duration.ofSeconds(90), () -> received(PHONE).stream()
        .anyMatch(m -> "ابقوا في منازلكم".equals(m.get("body"))), "the alert to the pending student");
    // Counted in the crisis's figures as alerted before her consulate confirmed her.
    Map<String, Object> figures = json("cell", "GET", "/api/v1/crises/" + crisis.get("id") + "/outreach", null,
        200, Map.class);
    assertThat(figures.get("unconfirmed")).isEqualTo(1);
    assertThat(((Number) figures.get("recipients")).longValue()).isGreaterThanOrEqualTo(1);
    // A registration by SMS begun meanwhile does not take her answer to the crisis: 1 is SAFE, not a country.
    assertThat(sms(PHONE, "تسجيل")).startsWith("التسجيل القنصلي.");
    sms(PHONE, "1");
    assertThat(json("cell", "GET", "/api/v1/crises/" + crisis.get("id") + "/outreach", null, 200, Map.class)
        .get("safe")).isEqualTo(1);

    // Reached by an active crisis: held, so not refused meanwhile.
    String held = json("officer.paris", "POST", "/api/v1/registrations/pending/" + id + "/refuse",
        "{\"reason\": \"photo illisible\"}", 409, Map.class).toString();
    assertThat(held).contains("legal hold");

    Map<String, Object> confirmed = json("officer.paris", "POST", "/api/v1/registrations/pending/" + id
        + "/confirm", null, 200, Map.class);
    assertThat(confirmed.get("id")).isEqualTo(id);
    assertThat(confirmed.get("confirmation")).isEqualTo("CONFIRMED");
    assertThat(json("cell", "GET", "/api/v1/crises/" + crisis.get("id") + "/outreach", null, 200, Map.class)
        .get("unconfirmed")).isEqualTo(0);
    assertThat(json("officer.paris", "GET", "/api/v1/registrations/pending", null, 200, Map.class).get("total"))
        .isEqualTo(0);
    json("officer.paris", "POST", "/api/v1/registrations/pending/" + id + "/confirm", null, 409, Map.class);
    json("officer.paris", "GET", "/api/v1/registrations/" + id, null, 200, Map.class);
  }

  /** An SMS from {@code phone} to the number, through the simulator; the answer it gets. */
  static String sms(String phone, String body) {
    int before = received(phone).size();
    json("cell", "POST", "/api/v1/simulator/replies", Json.write(Map.of("from", phone, "body", body)), 200,
        Map.class);
    Poll.until(Duration.ofSeconds(60), () -> received(phone).size() > before, "the answer to " + body);
    return (String) received(phone).get(0).get("body");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> pendingAt(String phone) {
    return ((List<Map<String, Object>>) json("cell", "GET", "/api/v1/registrations/pending?limit=200", null, 200,
        Map.class).get("items")).stream().map(e -> (Map<String, Object>) e.get("registration"))
        .filter(r -> phone.equals(r.get("phone"))).findFirst().orElse(null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void withoutDataACitizenRegistersBySmsInArabicScriptInTransliterationAndInFrench() {
    // In Arabic script, the birth date in Arabic-Indic digits.
    String ar = "+33698761201";
    assertThat(sms(ar, "تسجيل")).startsWith("التسجيل القنصلي. في أي بلد أنتم؟");
    assertThat(sms(ar, "اليابان")).startsWith("لم نفهم الجواب. التسجيل القنصلي");   // no consulate covers Japan
    assertThat(sms(ar, "فرنسا")).isEqualTo("في أي مدينة؟");
    assertThat(sms(ar, "باريس")).startsWith("اسمكم الشخصي والعائلي بالحروف اللاتينية");
    assertThat(sms(ar, "سلمى بناني")).startsWith("لم نفهم الجواب.");                 // not in Latin letters
    assertThat(sms(ar, "Salma Bennani")).startsWith("تاريخ ازديادكم؟");
    assertThat(sms(ar, "٠٢/٠٥/٢٠٠٣")).startsWith("امرأة أم رجل؟");
    assertThat(sms(ar, "F")).startsWith("الأشخاص الذين معكم");
    assertThat(sms(ar, "0")).startsWith("هل توافقون");
    assertThat(sms(ar, "نعم")).startsWith("السؤال الأخير");
    assertThat(sms(ar, "ZX7654331")).startsWith("شكرا. توصلنا بتسجيلكم");
    Map<String, Object> salma = pendingAt(ar);
    assertThat(salma).containsEntry("givenNameLatin", "Salma").containsEntry("familyNameLatin", "Bennani")
        .containsEntry("dateOfBirth", "2003-05-02").containsEntry("sex", "F").containsEntry("countryOfResidence", "FR")
        .containsEntry("consulateId", "fr-paris").containsEntry("passportNumber", "ZX7654331")
        .containsEntry("preferredLanguage", "ar").containsEntry("confirmation", "PENDING");
    assertThat((Map<String, Object>) salma.get("consent")).containsEntry("method", "PHONE");
    assertThat((Map<String, Object>) salma.get("location")).as("Paris found by its Arabic name").isNotNull();
    // Nothing of what she answered is kept as text.
    assertThat(FIXTURE.scalar("SELECT count(*) FROM sms_reply WHERE phone = '" + ar + "' AND keyword = 'REGISTER' "
        + "AND body IS NULL")).isEqualTo(11L);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM sms_dialogue WHERE phone = '" + ar + "'")).isZero();

    // In Arabic written in Latin letters, with the people with him; answered in Arabic.
    String tr = "+33698761202";
    assertThat(sms(tr, "tasjil")).startsWith("التسجيل القنصلي.");
    sms(tr, "France");
    sms(tr, "Lyon");
    sms(tr, "Youssef Alaoui");
    sms(tr, "14/03/1985");
    sms(tr, "M");
    assertThat(sms(tr, "Sara Alaoui, Adam Alaoui")).startsWith("هل توافقون");
    sms(tr, "naam");
    assertThat(sms(tr, "AB123456")).startsWith("شكرا.");
    Map<String, Object> youssef = pendingAt(tr);
    assertThat(youssef).containsEntry("nationalId", "AB123456").containsEntry("consulateId", "fr-paris");
    assertThat((List<Map<String, Object>>) youssef.get("household")).extracting(m -> m.get("fullName"))
        .containsExactly("Sara Alaoui", "Adam Alaoui");

    // In French; a no to the consent keeps nothing.
    String fr = "+33698761203";
    assertThat(sms(fr, "Inscription")).startsWith("Inscription consulaire. Dans quel pays êtes-vous ?");
    sms(fr, "France");
    sms(fr, "Marseille");
    sms(fr, "Nadia El Fassi");
    assertThat(sms(fr, "31/02/1990")).startsWith("Réponse non comprise.");
    sms(fr, "28/02/1990");
    sms(fr, "femme");
    sms(fr, "0");
    assertThat(sms(fr, "non")).startsWith("Inscription arrêtée : rien n'a été gardé.");
    assertThat(pendingAt(fr)).isNull();
    assertThat(FIXTURE.scalar("SELECT count(*) FROM sms_dialogue WHERE phone = '" + fr + "'")).isZero();
    // Again, to the end.
    sms(fr, "INSCRIPTION");
    for (String answer : List.of("France", "Marseille", "Nadia El Fassi", "28/02/1990", "F", "0", "OUI")) {
      sms(fr, answer);
    }
    assertThat(sms(fr, "ZX7654333")).startsWith("Merci. Votre inscription est reçue");
    assertThat(pendingAt(fr)).containsEntry("familyNameLatin", "El Fassi").containsEntry("preferredLanguage", "fr");
  }

  /** A request with a citizen's access in its headers (none when {@code access} is null). */
  static java.net.http.HttpResponse<String> withAccess(String method, String path, String body, String access,
      String phone) throws Exception {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + APP.getLocalPort() + path)).header("Content-Type",
        "application/json").method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    if (access != null) {
      b.header("X-Citizen-Access", access).header("X-Citizen-Phone", phone);
    }
    return java.net.http.HttpClient.newHttpClient().send(b.build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void herLinkOpensOnceWithHerPhoneShowsWhatIsHeldAndEndsHerTrip() throws Exception {
    String phone = "+33698761004";
    String[] code = code(phone);
    String hind = STUDENT.replace("ZX7654321", "ZX7654324").replace("Salma", "Hind").replace("سلمى", "هند");
    json(null, "POST", "/api/v1/citizen/declarations", """
        {"proof": "%s", "phone": "%s", "code": "%s", "declaration": %s}""".formatted(code[0], phone, code[1], hind),
        202, Map.class);

    int before = received(phone).size();
    Map<String, Object> sent = json(null, "POST", "/api/v1/citizen/access-links",
        "{\"phone\": \"" + phone + "\", \"language\": \"fr\"}", 202, Map.class);
    // A phone nobody registered gets the same answer.
    Map<String, Object> unknown = json(null, "POST", "/api/v1/citizen/access-links",
        "{\"phone\": \"+33698761099\", \"language\": \"fr\"}", 202, Map.class);
    assertThat(sent.keySet()).containsExactlyInAnyOrder("status", "expiresAt").isEqualTo(unknown.keySet());
    Poll.until(Duration.ofSeconds(60), () -> received(phone).size() > before, "the link's SMS");
    Matcher m = Pattern.compile("/citizen/#access=([0-9a-f-]{36}\\.[A-Za-z0-9_-]{22})")
        .matcher((String) received(phone).get(0).get("body"));
    assertThat(m.find()).isTrue();
    String link = m.group(1);

    // With another phone the link opens nothing; with hers, once.
    json(null, "POST", "/api/v1/citizen/access", "{\"link\": \"" + link + "\", \"phone\": \"+33698761099\"}",
        422, Map.class);
    Map<String, Object> opened = json(null, "POST", "/api/v1/citizen/access",
        "{\"link\": \"" + link + "\", \"phone\": \"" + phone + "\"}", 200, Map.class);
    String access = (String) opened.get("access");
    assertThat(json(null, "POST", "/api/v1/citizen/access",
        "{\"link\": \"" + link + "\", \"phone\": \"" + phone + "\"}", 422, Map.class).toString())
        .contains("was already used");

    assertThat(withAccess("GET", "/api/v1/citizen/records", null, null, null).statusCode()).isEqualTo(401);
    var held = withAccess("GET", "/api/v1/citizen/records", null, access, phone);
    assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
    List<Map<String, Object>> records = Json.read(held.body(), List.class);
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.get("givenNameArabic")).isEqualTo("هند");
      assertThat(r.get("confirmation")).isEqualTo("PENDING");
      assertThat(r).doesNotContainKeys("createdBy", "updatedBy");
    });
    String id = (String) records.get(0).get("id");
    var ended = withAccess("POST", "/api/v1/citizen/records/" + id + "/end-trip",
        "{\"departureDate\": \"2026-12-20\"}", access, phone);
    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
    assertThat(Json.read(ended.body(), Map.class).get("departureDate")).isEqualTo("2026-12-20");
    assertThat(json("officer.paris", "GET", "/api/v1/registrations/" + id, null, 200, Map.class)
        .get("departureDate")).isEqualTo("2026-12-20");

    // Confirmed by her consulate, she declares her brother's trip with the same access (no code).
    json("officer.paris", "POST", "/api/v1/registrations/pending/" + id + "/confirm", null, 200, Map.class);
    String brother = STUDENT.replace("ZX7654321", "ZX7654325").replace("Salma", "Anas").replace("سلمى", "أنس")
        .replace("\"sex\": \"F\"", "\"sex\": \"M\"");
    var another = withAccess("POST", "/api/v1/citizen/records", "{\"declaration\": " + brother + "}", access, phone);
    assertThat(another.statusCode()).as(another.body()).isEqualTo(202);
    var both = withAccess("GET", "/api/v1/citizen/records", null, access, phone);
    assertThat((List<Map<String, Object>>) Json.read(both.body(), List.class)).extracting(r -> r.get("givenNameLatin"))
        .containsExactly("Hind", "Anas");
    var broken = withAccess("POST", "/api/v1/citizen/records", "{\"declaration\": {}}", access, phone);
    assertThat(broken.statusCode()).as(broken.body()).isEqualTo(422);

    // Her correction (a new family name) goes back to the consulate's queue.
    var corrected = withAccess("PUT", "/api/v1/citizen/records/" + id, """
        {"version": 2, "declaration": %s}""".formatted(hind.replace("\"Bennani\"", "\"Bennani Alaoui\"")),
        access, phone);
    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
    assertThat(Json.read(corrected.body(), Map.class)).containsEntry("familyNameLatin", "Bennani Alaoui")
        .containsEntry("version", 3).containsEntry("confirmation", "PENDING");
    var stale = withAccess("PUT", "/api/v1/citizen/records/" + id, """
        {"version": 2, "declaration": %s}""".formatted(hind), access, phone);
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);

    assertThat(withAccess("DELETE", "/api/v1/citizen/access", null, access, phone).statusCode()).isEqualTo(204);
    assertThat(withAccess("GET", "/api/v1/citizen/records", null, access, phone).statusCode()).isEqualTo(401);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRefusedDeclarationIsForgottenWholeAndTheReasonReachesTheCitizen() {
    String phone = "+33698761003";
    String[] code = code(phone);
    // In Lyon, where no crisis is: nothing holds her.
    String lyon = STUDENT.replace("ZX7654321", "ZX7654323").replace("Salma", "Imane")
        .replace("\"latitude\": 48.8462, \"longitude\": 2.3449", "\"latitude\": 45.7640, \"longitude\": 4.8357")
        .replace("\"preferredLanguage\": \"AR\"", "\"preferredLanguage\": \"FR\"");
    json(null, "POST", "/api/v1/citizen/declarations", """
        {"proof": "%s", "phone": "%s", "code": "%s", "declaration": %s}""".formatted(code[0], phone, code[1], lyon),
        202, Map.class);
    String id = (String) ((List<Map<String, Object>>) json("cell", "GET", "/api/v1/registrations/pending?limit=200",
        null, 200, Map.class).get("items")).stream().map(e -> (Map<String, Object>) e.get("registration"))
        .filter(r -> phone.equals(r.get("phone"))).findFirst().orElseThrow().get("id");
    json("officer.paris", "POST", "/api/v1/registrations/pending/" + id + "/refuse", "{}", 422, Map.class);
    Map<String, Object> removed = json("officer.paris", "POST", "/api/v1/registrations/pending/" + id + "/refuse",
        "{\"reason\": \"le passeport déclaré n'est pas au nom de la personne\"}", 200, Map.class);
    assertThat(removed).containsEntry("registration", 1);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration WHERE phone = '" + phone + "'")).isZero();
    Poll.until(Duration.ofSeconds(60), () -> received(phone).stream().anyMatch(m -> ((String) m.get("body"))
        .startsWith("Le consulat n'a pas retenu votre déclaration d'inscription : le passeport déclaré")),
        "the refusal's SMS");
    json("officer.paris", "POST", "/api/v1/registrations/pending/" + id + "/refuse",
        "{\"reason\": \"again\"}", 404, Map.class);
  }

  @Test
  void aDeclarationBreakingRulesIsRefusedNamingEachFieldAndWritesNothing() {
    String phone = "+33698761002";
    String[] code = code(phone);
    String bad = STUDENT.replace("\"Salma\"", "\"\"").replace("2003-05-02", "2031-01-01")
        .replace("\"latitude\": 48.8462, \"longitude\": 2.3449", "\"latitude\": 33.5731, \"longitude\": -7.5898")
        .replace("[\"CRISIS_CONTACT\", \"REPATRIATION\"]", "[]");
    String body = json(null, "POST", "/api/v1/citizen/declarations", """
        {"proof": "%s", "phone": "%s", "code": "%s", "declaration": %s}""".formatted(code[0], phone, code[1], bad),
        422, Map.class).toString();
    assertThat(body).contains("field=givenNameLatin").contains("field=dateOfBirth").contains("field=location")
        .contains("field=consents").doesNotContain("field=code");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration WHERE phone = '" + phone + "'")).isZero();
    // Wrong types: 400; no body: 422 naming it.
    json(null, "POST", "/api/v1/citizen/declarations", "{\"proof\": 12, \"declaration\": \"me\"}", 400, Map.class);
    json(null, "POST", "/api/v1/citizen/declarations", "{}", 422, Map.class);
    // Corrected, with the same code: taken.
    json(null, "POST", "/api/v1/citizen/declarations", """
        {"proof": "%s", "phone": "%s", "code": "%s", "declaration": %s}""".formatted(code[0], phone, code[1],
        STUDENT.replace("ZX7654321", "ZX7654322").replace("Salma", "Nour")), 202, Map.class);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration WHERE phone = '" + phone + "'")).isEqualTo(1);
  }
}
