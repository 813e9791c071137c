package crisis.api;

import static crisis.core.testing.Samples.parisian;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.common.Json;
import crisis.core.registry.Location;
import crisis.core.registry.LocationSource;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.testing.Samples;
import jakarta.ws.rs.core.Response;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input gets a 4xx naming the field and the reason, and writes nothing. */
@Tag("app")
class BadInputTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;
  static final String OFFICER = "officer.paris";

  /** One request written by hand, as a client that does not tidy its URI would send it; the raw answer. */
  private static String raw(int port, String requestLineAndHeaders) throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((requestLineAndHeaders + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void errorsJettyAnswersItselfAreJsonToo() throws Exception {
    int app = FIXTURE.app.getLocalPort();
    int admin = FIXTURE.app.getAdminPort();
    String longUri = "a".repeat(20_000);
    String[][] cases = {
        {"GET //api/v1/me HTTP/1.1\r\n", "400", "bad_request"},
        {"GET /api/v1/%zz HTTP/1.1\r\n", "400", "bad_request"},
        {"GET /nothing/here HTTP/1.1\r\n", "404", "not_found"},
        {"GET /api/v1/me?q=" + longUri + " HTTP/1.1\r\n", "414", "uri_too_long"},
        {"GET /api/v1/me HTTP/1.1\r\nX-Big: " + "b".repeat(70_000) + "\r\n", "431", "headers_too_large"}};
    for (String[] c : cases) {
      String answer = raw(app, c[0]);
      assertThat(answer).as(c[0].substring(0, Math.min(40, c[0].length())))
          .startsWith("HTTP/1.1 " + c[1]).containsIgnoringCase("Content-Type: application/json")
          .contains("{\"error\":\"" + c[2] + "\"").doesNotContain("<html", longUri.substring(0, 100));
    }
    assertThat(raw(admin, "GET //healthcheck HTTP/1.1\r\n")).startsWith("HTTP/1.1 400")
        .contains("{\"error\":\"bad_request\"");
  }

  @Test
  void aPasswordLongerThanBcryptReadsIsA401NotA500() {
    for (String password : new String[] {"a".repeat(73), "س".repeat(40), AppFixture.PASSWORD + "x".repeat(60)}) {
      String basic = java.util.Base64.getEncoder().encodeToString((OFFICER + ":" + password)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      jakarta.ws.rs.core.Response r = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/me")
          .request().header("Authorization", "Basic " + basic).get();
      assertThat(AppFixture.status(r)).isEqualTo(401);
    }
  }

  @Test
  void aNulOrAnythingButAUsernameInBasicIsA401NotA500() {
    for (String user : new String[] {"officer\u0000.paris", OFFICER + "\u0000", "\u0000", "officer.paris\u202e",
        "' OR 1=1 --", "<script>", "مستخدم", "a".repeat(65)}) {
      String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + AppFixture.PASSWORD)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      jakarta.ws.rs.core.Response r = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/me")
          .request().header("Authorization", "Basic " + basic).get();
      assertThat(AppFixture.status(r)).as(user).isEqualTo(401);
    }
  }

  @Test
  void apiAnswersAreNeitherCachedNorSniffed() {
    for (String path : new String[] {"/api/v1/me", "/api/v1/registrations?limit=1", "/api/v1/no-such-thing"}) {
      jakarta.ws.rs.core.Response r = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path)
          .request().header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((OFFICER + ":"
              + AppFixture.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
      assertThat(r.getHeaderString("Cache-Control")).as(path).isEqualTo("no-store");
      assertThat(r.getHeaderString("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      r.close();
    }
  }

  @Test
  void theAdminTaskThatSetsLogLevelsIsTurnedOff() {
    // At TRACE the database driver would log bound values (ID numbers, phones); the task needs no password.
    jakarta.ws.rs.core.Response r = APP.client().target("http://127.0.0.1:" + APP.getAdminPort()
            + "/tasks/log-level?logger=org.postgresql&level=TRACE").request()
        .post(jakarta.ws.rs.client.Entity.text(""));
    assertThat(r.getStatus()).isEqualTo(403);
    assertThat(r.readEntity(String.class)).contains("\"error\":\"forbidden\"");
    assertThat(org.slf4j.LoggerFactory.getLogger("org.postgresql").isTraceEnabled()).isFalse();
    // No task at all: any local user could reach them (a garbage collection on demand, say).
    jakarta.ws.rs.core.Response gc = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/gc")
        .request().post(jakarta.ws.rs.client.Entity.text(""));
    assertThat(gc.getStatus()).isEqualTo(403);
  }

  @Test
  void aNulCharacterIsA400NamingTheFieldAndWritesNothing() {
    long places = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM place").mapTo(Long.class).one());
    assertRefused(FIXTURE.call(OFFICER, "POST", "/api/v1/places", """
        {"kind": "SHELTER", "name": "Gymnase", "latitude": 48.85, "longitude": 2.35, "country": "FR",
         "notes": "door\\u0000code"}""", "application/json"), 422, "notes", "NUL");
    long after = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM place").mapTo(Long.class).one());
    assertThat(after).isEqualTo(places);
    assertRefused(FIXTURE.call(OFFICER, "GET", "/api/v1/registrations?country=%00", null, null), 400, "country",
        "NUL character");
    assertRefused(FIXTURE.call(OFFICER, "GET", "/api/v1/registrations?consulate=fr%00paris", null, null), 400,
        "consulate", "NUL character");
    assertRefused(FIXTURE.call("admin", "GET", "/api/v1/audit?actor=%00", null, null), 400, "actor",
        "NUL character");
  }

  @Test
  void brokenUnicodeAndBidiOverridesAreRefusedWhereverTheyArrive() {
    long places = FIXTURE.scalar("SELECT count(*) FROM place");
    assertRefused(FIXTURE.call(OFFICER, "POST", "/api/v1/places", """
        {"kind": "SHELTER", "name": "Gymnase \\ud800", "latitude": 48.85, "longitude": 2.35, "country": "FR"}""",
        "application/json"), 422, "name", "unpaired surrogate");
    assertRefused(FIXTURE.call(OFFICER, "POST", "/api/v1/places", """
        {"kind": "SHELTER", "name": "Gymnase \\u202Eexe.fdp", "latitude": 48.85, "longitude": 2.35, "country": "FR"}""",
        "application/json"), 422, "name", "bidirectional control character (U+202E)");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM place")).isEqualTo(places);
    assertRefused(FIXTURE.call("cell", "POST", "/api/v1/crises", """
        {"title": "Flood", "type": "FLOOD", "severity": "WARNING",
         "zones": [{"circle": {"latitude": 48.85, "longitude": 2.35, "radiusKm": 5}}],
         "messages": [{"fr": "Montez \\u2067aux étages\\u2069."}]}""", "application/json"), 422, "messages[0].fr",
        "U+2067");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM crisis")).isZero();
    // Arabic with a right-to-left mark is ordinary text.
    assertThat(AppFixture.status(FIXTURE.call(OFFICER, "POST", "/api/v1/places", """
        {"kind": "SHELTER", "name": "\u0645\u0644\u062c\u0623 \u200f12", "latitude": 48.85, "longitude": 2.35,
         "country": "FR"}""", "application/json"))).isEqualTo(201);
    // A CSV row: the row is refused, naming the field.
    String csv = CsvFormat.header() + "\n" + CsvFormat.write(Samples.withAddress(parisian(31), "12 rue \u202Eenilo"));
    String report = FIXTURE.call(OFFICER, "POST", "/api/v1/registrations/import", csv, "text/csv")
        .readEntity(String.class);
    assertThat(report).contains("\"rejected\":1", "\"field\":\"address\"", "U+202E");
  }

  @Test
  void theAuditTrailRefusesABadPageLikeEveryOtherList() {
    assertRefused(FIXTURE.call("admin", "GET", "/api/v1/audit?limit=-5", null, null), 422, "limit", "between 1");
    assertRefused(FIXTURE.call("admin", "GET", "/api/v1/audit?offset=-3", null, null), 422, "offset", "negative");
  }

  @Test
  void anEmptyVulnerabilityIsA422NotA500() {
    String json = Json.write(parisian(7)).replace("\"vulnerabilities\":[\"MEDICAL_CONDITION\"]",
        "\"vulnerabilities\":[null]");
    assertThat(json).contains("[null]");
    assertRefused(post(json), 422, "vulnerabilities", "empty value");
  }

  @Test
  void aNumberIsNotADate() {
    String json = Json.write(parisian(8)).replace("\"dateOfBirth\":\"1985-03-14\"", "\"dateOfBirth\":123");
    assertThat(json).contains("\"dateOfBirth\":123");
    Response r = post(json);
    String body = r.readEntity(String.class);
    assertThat(r.getStatus()).as(body).isEqualTo(400);
    assertThat(body).contains("\"field\":\"dateOfBirth\"");
  }

  @Test
  void malformedJson() {
    assertRefused(post("{\"givenNameLatin\": \"Fatima\", "), 400, "body", "is not valid JSON at line 1, column");
    assertRefused(post(""), 422, "body", "is required");
    assertRefused(post("[]"), 400, "body", "must be a");
  }

  @Test
  void wrongTypesNameTheField() {
    String json = Json.write(parisian(1)).replace("\"1985-03-14\"", "\"14/03/1985\"");
    assertRefused(post(json), 400, "dateOfBirth", "is not a valid date (YYYY-MM-DD)");
    json = Json.write(parisian(1)).replace("\"latitude\":48.8686", "\"latitude\":\"north\"");
    assertRefused(post(json), 400, "location.latitude", "is not a valid number");
    json = Json.write(parisian(1)).replace("\"sex\":\"F\"", "\"sex\":\"female\"");
    assertRefused(post(json), 400, "sex", "one of [F, M, X]");
    json = Json.write(parisian(1)).replace("\"household\":[", "\"household\":{\"x\":1},\"h\":[");
    assertRefused(post(json), 400, "household", "must be a list");
    json = Json.write(parisian(1)).replace("\"preferredLanguage\":\"ar\"", "\"preferredLanguage\":\"klingon\"");
    assertRefused(post(json), 400, "preferredLanguage", "unknown language 'klingon'");
    json = Json.write(parisian(1)).replace("{\"givenNameLatin\"", "{\"shoeSize\":44,\"givenNameLatin\"");
    assertRefused(post(json.replace("\"externalId\":\"PAR-1\",", "\"externalId\":\"PAR-1\",\"shoeSize\":44,")),
        400, "shoeSize", "is not a known field");
  }

  @Test
  void invalidOrLandlinePhones() {
    assertRefused(post(Json.write(Samples.withPhone(parisian(2), "+33142345678"))), 422, "phone",
        "must be a mobile number");
    assertRefused(post(Json.write(Samples.withPhone(parisian(2), "+3361"))), 422, "phone",
        "is not a valid number for its country code");
    assertRefused(post(Json.write(Samples.withPhone(parisian(2), "0612345678"))), 422, "phone",
        "international form");
  }

  @Test
  void coordinatesOutOfRange() {
    RegistrationData d = parisian(3);
    RegistrationData far = new RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(), null, null,
        d.dateOfBirth(), d.sex(), d.nationalId(), null, d.phone(), null, d.preferredLanguage(), null,
        new Location(48.0, 200.0, LocationSource.GPS), "FR", "fr-paris", d.residenceType(), null, null, null, null,
        null, null, d.consent());
    assertRefused(post(Json.write(far)), 422, "location.longitude", "between -180 and 180");
  }

  @Test
  void unknownCountry() {
    String json = Json.write(parisian(4)).replace("\"countryOfResidence\":\"FR\"", "\"countryOfResidence\":\"QQ\"");
    assertRefused(post(json), 422, "countryOfResidence", "'QQ' is not an ISO 3166-1 alpha-2 country code");
    assertThat(AppFixture.status(FIXTURE.as("cell", "/api/v1/countries/QQ").get())).isEqualTo(404);
    Response r;
    r = FIXTURE.call("cell", "PUT", "/api/v1/countries/FR/risk", "{\"level\":7,\"reason\":\"x\"}", "application/json");
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.readEntity(String.class)).contains("\"field\":\"level\"");
  }

  @Test
  void hostileAndArabicStrings() {
    String nul = Json.write(parisian(5)).replace("\"Fatima\"", "\"Fat\\u0000ima\"");
    assertRefused(post(nul), 422, "givenNameLatin", "control character");
    String script = Json.write(parisian(5)).replace("\"Fatima\"", "\"<script>alert(1)</script>\"");
    assertRefused(post(script), 422, "givenNameLatin", "may contain only letters, spaces, dashes, apostrophes and dots");
    String injection = Json.write(parisian(5)).replace("\"12 rue de la Paix, Paris\"",
        "\"'; DROP TABLE registration; --\"");
    Response ok = post(injection);
    assertThat(ok.getStatus()).isEqualTo(201);
    String body = ok.readEntity(String.class);
    assertThat(body).contains("DROP TABLE registration").contains("\"givenNameArabic\":\"فاطمة\"");
    // Stored as text, to the character: the table is still there and holds exactly what was sent.
    String id = (String) Json.read(body, Map.class).get("id");
    String stored = FIXTURE.jdbi.withHandle(h -> h.createQuery(
        "SELECT address FROM registration WHERE id = CAST(:id AS uuid)").bind("id", id).mapTo(String.class).one());
    assertThat(stored).isEqualTo("'; DROP TABLE registration; --");
  }

  @Test
  void hugeBodiesAreRefusedWith413() {
    String big = Json.write(parisian(6)).replace("\"12 rue de la Paix, Paris\"", "\"" + "x".repeat(70_000) + "\"");
    Response r = post(big);
    assertThat(r.getStatus()).isEqualTo(413);
    assertThat(r.readEntity(String.class)).contains("too_large");
  }

  @Test
  void duplicatesNameTheExistingRecord() {
    Response first = post(Json.write(parisian(7)));
    assertThat(first.getStatus()).isEqualTo(201);
    String id = (String) Json.read(first.readEntity(String.class), Map.class).get("id");
    Response again = post(Json.write(parisian(7)));
    assertThat(again.getStatus()).isEqualTo(409);
    assertThat(again.readEntity(String.class)).contains("\"existingId\":\"" + id + "\"")
        .contains("\"matchedOn\":\"externalId\"");
  }

  @Test
  void updatesNeedTheVersionRead() {
    Response created = post(Json.write(parisian(8)));
    String id = (String) Json.read(created.readEntity(String.class), Map.class).get("id");
    Response none = FIXTURE.as(OFFICER, "/api/v1/registrations/" + id)
        .put(jakarta.ws.rs.client.Entity.json(Json.write(parisian(8))));
    assertThat(AppFixture.status(none)).isEqualTo(428);
    Response stale = FIXTURE.as(OFFICER, "/api/v1/registrations/" + id).header("If-Match", "\"7\"")
        .put(jakarta.ws.rs.client.Entity.json(Json.write(parisian(8))));
    assertThat(stale.getStatus()).isEqualTo(409);
    assertThat(stale.readEntity(String.class)).contains("\"field\":\"version\"");
    assertThat(AppFixture.status(FIXTURE.as(OFFICER, "/api/v1/registrations/not-a-uuid").get())).isEqualTo(404);
  }

  @Test
  void csvWithBadRowsImportsTheGoodOnesOnly() {
    String csv = CsvFormat.header() + "\n" + CsvFormat.write(parisian(20))
        + CsvFormat.write(Samples.withPhone(parisian(21), "+33142345678"))
        + CsvFormat.write(parisian(22)).replace(",FR,", ",XX,")
        + CsvFormat.write(parisian(23));
    long before = FIXTURE.scalar("SELECT count(*) FROM registration");
    String report = importCsv(csv.getBytes(StandardCharsets.UTF_8), "").readEntity(String.class);
    assertThat(report).contains("{\"line\":3,\"status\":\"REJECTED\"")
        .contains("\"field\":\"phone\"")
        .contains("{\"line\":4,\"status\":\"REJECTED\"")
        .contains("\"field\":\"country_of_residence\"")
        .contains("\"created\":2");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration")).isEqualTo(before + 2);
    String problems = importCsv(csv.getBytes(StandardCharsets.UTF_8), "?report=problems").readEntity(String.class);
    assertThat(problems).doesNotContain("UNCHANGED").contains("\"unchanged\":2").contains("\"rejected\":2");
  }

  @Test
  void csvThatIsNotUtf8WritesNothing() {
    String csv = CsvFormat.header() + "\n" + CsvFormat.write(parisian(30)).replace("Fatima", "Fátima");
    long runs = FIXTURE.scalar("SELECT count(*) FROM import_run");
    long before = FIXTURE.scalar("SELECT count(*) FROM registration");
    Response r = importCsv(csv.getBytes(Charset.forName("ISO-8859-1")), "");
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.readEntity(String.class)).contains("\"field\":\"file\"").contains("not valid UTF-8")
        .contains("line 2");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration")).isEqualTo(before);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM import_run")).isEqualTo(runs);
  }

  @Test
  void emptyOrHeaderlessOrOversizedCsv() {
    assertThat(importCsv(new byte[0], "").readEntity(String.class)).contains("\"field\":\"file\"")
        .contains("is empty");
    Response unknown = importCsv("name,age\nAli,3\n".getBytes(StandardCharsets.UTF_8), "");
    assertThat(unknown.getStatus()).isEqualTo(422);
    assertThat(unknown.readEntity(String.class)).contains("unknown columns");
    byte[] big = new byte[11 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    Response tooBig = importCsv(big, "");
    assertThat(AppFixture.status(tooBig)).isEqualTo(413);
    assertThat(AppFixture.status(importCsv("a".getBytes(StandardCharsets.UTF_8), "?report=everything"))).isEqualTo(422);
  }

  @Test
  void anImportSaysItsCharsetInTheContentTypeAndAnUnknownOneIsRefused() {
    // A semicolon file from a French Excel, in Windows-1252, with the format's names: read, and the summary says how.
    // (Windows-1252 has no Arabic letters: the names in Arabic are left empty, as such a file has them.)
    crisis.core.registry.RegistrationData d = Samples.withAddress(parisian(41), "8 rue de l’Église");
    String csv = semicolons(CsvFormat.header() + "\n" + CsvFormat.write(d).replace(d.givenNameArabic(), "")
        .replace(d.familyNameArabic(), ""));
    Response read = FIXTURE.call(OFFICER, "POST", "/api/v1/registrations/import",
        csv.getBytes(java.nio.charset.Charset.forName("windows-1252")), "text/csv; charset=windows-1252");
    String report = read.readEntity(String.class);
    assertThat(read.getStatus()).as(report).isEqualTo(200);
    assertThat(report).contains("\"created\":1", "\"format\":{\"charset\":\"windows-1252\",\"charsetFrom\":"
        + "\"declared\",\"delimiter\":\";\",\"columns\":{}}");
    assertRefused(FIXTURE.call(OFFICER, "POST", "/api/v1/registrations/import", csv.getBytes(StandardCharsets.UTF_8),
        "text/csv; charset=x-klingon"), 422, "charset", "must be one of UTF-8");
  }

  @Test
  void aFiveHundredShowsOnlyAnId() {
    Response r = FIXTURE.as("cell", "/api/v1/registrations?limit=abc").get();
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.readEntity(String.class)).contains("\"field\":\"limit\"");
    crisis.api.errors.UnexpectedErrorMapper mapper = new crisis.api.errors.UnexpectedErrorMapper();
    Response internal = mapper.toResponse(new IllegalStateException("SELECT * FROM registration WHERE phone='+33'"));
    String body = Json.write(internal.getEntity());
    assertThat(internal.getStatus()).isEqualTo(500);
    assertThat(body).doesNotContain("SELECT").doesNotContain("IllegalStateException").contains("\"id\":");
  }

  private static Response post(String json) {
    return FIXTURE.call(OFFICER, "POST", "/api/v1/registrations", json, "application/json");
  }

  @Test
  void anExcelWorkbookIsImportedByItsContentAndAMissingSheetOrAZipThatIsNoneIsRefused() throws Exception {
    crisis.core.registry.RegistrationData d = parisian(42);
    List<String> header = List.of(CsvFormat.header().split(","));
    List<String> cells;
    try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.builder()
        .setReader(new java.io.StringReader(CsvFormat.write(d))).setFormat(org.apache.commons.csv.CSVFormat.RFC4180)
        .get()) {
      cells = p.iterator().next().toList();
    }
    byte[] xlsx;
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
         java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("Registre");
      org.apache.poi.ss.usermodel.Row h = sheet.createRow(0);
      org.apache.poi.ss.usermodel.Row r = sheet.createRow(1);
      for (int i = 0; i < header.size(); i++) {
        h.createCell(i).setCellValue(header.get(i));
        r.createCell(i).setCellValue(cells.get(i));
      }
      wb.write(out);
      xlsx = out.toByteArray();
    }
    // Sent as bytes with no type of its own: known by its content.
    Response read = FIXTURE.call(OFFICER, "POST", "/api/v1/registrations/import", xlsx, "application/octet-stream");
    String report = read.readEntity(String.class);
    assertThat(read.getStatus()).as(report).isEqualTo(200);
    assertThat(report).contains("\"created\":1", "\"format\":{\"columns\":{},\"sheet\":\"Registre\"}");
    assertRefused(FIXTURE.call(OFFICER, "POST", "/api/v1/registrations/import?sheet=Feuil1", xlsx,
        crisis.core.registry.importing.Workbooks.MEDIA_TYPE), 422, "sheet", "the sheets are: Registre");
    byte[] notOne = {'P', 'K', 3, 4, 20, 0, 0, 0};
    assertRefused(FIXTURE.call(OFFICER, "POST", "/api/v1/registrations/import", notOne,
        crisis.core.registry.importing.Workbooks.MEDIA_TYPE), 422, "file", "is not an Excel workbook");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anImportIsPreviewedWithItsProblemsByKindAndNothingIsWritten() {
    // Three rows: one good, two landlines (a mistake a whole file repeats), one date that is no date.
    String csv = CsvFormat.header() + "\n" + CsvFormat.write(parisian(43))
        + CsvFormat.write(Samples.withPhone(parisian(44), "+33142345678"))
        + CsvFormat.write(Samples.withPhone(parisian(45), "+33142345679"))
        + CsvFormat.write(parisian(46)).replace(",1985-03-14,", ",31/02/1985,");
    long before = FIXTURE.scalar("SELECT count(*) FROM registration");
    Response r = FIXTURE.call(OFFICER, "POST", "/api/v1/registrations/import/preview?sample=2", csv, "text/csv");
    String body = r.readEntity(String.class);
    assertThat(r.getStatus()).as(body).isEqualTo(200);
    Map<String, Object> preview = Json.read(body, Map.class);
    assertThat(preview).containsEntry("rows", 4).containsEntry("valid", 1).containsEntry("rejected", 3);
    List<Map<String, Object>> problems = (List<Map<String, Object>>) preview.get("problems");
    assertThat(problems.get(0)).containsEntry("column", "phone").containsEntry("count", 2)
        .containsEntry("code", "phoneNotMobile").containsEntry("lines", List.of(3, 4));
    assertThat(problems.get(1)).containsEntry("column", "date_of_birth").containsEntry("count", 1)
        .containsEntry("code", "notDate");
    List<Map<String, Object>> sample = (List<Map<String, Object>>) preview.get("sample");
    assertThat(sample).hasSize(2);
    assertThat((Map<String, Object>) sample.get(0).get("values")).containsEntry("family_name_latin",
        parisian(43).familyNameLatin()).containsEntry("date_of_birth", "1985-03-14");
    assertThat(sample.get(1)).containsKey("errors").doesNotContainKey("values");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration")).as("nothing written").isEqualTo(before);
    assertRefused(FIXTURE.call(OFFICER, "POST", "/api/v1/registrations/import/preview?sample=500", csv, "text/csv"),
        422, "sample", "between 0 and 50");

    // The refused rows as a workbook to fix in Excel: the file's own cells, then why and the line; nothing written.
    Response refused = FIXTURE.call(OFFICER, "POST", "/api/v1/registrations/import/refused", csv, "text/csv");
    assertThat(refused.getStatus()).isEqualTo(200);
    assertThat(refused.getMediaType().toString()).isEqualTo(crisis.core.registry.importing.Workbooks.MEDIA_TYPE);
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        refused.readEntity(java.io.InputStream.class))) {
      org.apache.poi.ss.usermodel.Sheet sheet = wb.getSheetAt(0);
      assertThat(sheet.getLastRowNum()).as("the header and the three refused rows").isEqualTo(3);
      org.apache.poi.ss.usermodel.Row head = sheet.getRow(0);
      int columns = CsvFormat.header().split(",").length;
      assertThat(head.getCell(columns).getStringCellValue()).isEqualTo("reasons");
      assertThat(head.getCell(columns + 1).getStringCellValue()).isEqualTo("line");
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(parisian(44).externalId());
      assertThat(sheet.getRow(1).getCell(columns).getStringCellValue()).startsWith("phone: must be a mobile number");
      assertThat(sheet.getRow(3).getCell(columns).getStringCellValue()).isEqualTo(
          "date_of_birth: '31/02/1985' is not a date (YYYY-MM-DD or DD/MM/YYYY)");
      assertThat(sheet.getRow(3).getCell(columns + 1).getStringCellValue()).isEqualTo("5");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration")).as("nothing written").isEqualTo(before);
  }

  /** A comma CSV written again as a French Excel saves it: semicolons, quotes where needed, CRLF. */
  private static String semicolons(String csv) {
    StringBuilder out = new StringBuilder();
    try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.builder()
            .setReader(new java.io.StringReader(csv)).setFormat(org.apache.commons.csv.CSVFormat.RFC4180).get();
         org.apache.commons.csv.CSVPrinter printer = new org.apache.commons.csv.CSVPrinter(out,
             org.apache.commons.csv.CSVFormat.RFC4180.builder().setDelimiter(';').get())) {
      for (org.apache.commons.csv.CSVRecord r : p) {
        printer.printRecord(r.toList());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString();
  }

  private static Response importCsv(byte[] body, String query) {
    return FIXTURE.call(OFFICER, "POST", "/api/v1/registrations/import" + query, body, "text/csv");
  }

  @SuppressWarnings("unchecked")
  private static void assertRefused(Response r, int status, String field, String reasonPart) {
    String body = r.readEntity(String.class);
    assertThat(r.getStatus()).as(body).isEqualTo(status);
    Map<String, Object> json = Json.read(body, Map.class);
    List<Map<String, String>> errors = (List<Map<String, String>>) json.get("errors");
    assertThat(errors).as(body).anySatisfy(e -> {
      assertThat(e.get("field")).isEqualTo(field);
      assertThat(e.get("reason")).contains(reasonPart);
    });
  }
}
