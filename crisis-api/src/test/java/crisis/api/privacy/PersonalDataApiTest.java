package crisis.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import crisis.core.common.Json;
import crisis.core.testing.Samples;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A person's copy and erasure over HTTP: the officer of their consulate gets the JSON and the PDFs, another consulate's
 * officer a 404, a case worker a 403, bad requests a 422 naming the field, and erasure of a person no hold keeps
 * removes them; the person's number is never in an address.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PersonalDataApiTest {
  static final AppFixture FIXTURE = new AppFixture();
  static final DropwizardAppExtension<?> APP = FIXTURE.app;
  private static String id;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void register() {
    Response r = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
        Json.write(Samples.parisian(41)), "application/json");
    assertThat(r.getStatus()).isEqualTo(201);
    id = (String) Json.read(r.readEntity(String.class), Map.class).get("id");
  }

  private static Response post(String user, String path, String body) {
    return FIXTURE.call(user, "POST", "/api/v1/registrations/" + id + "/personal-data" + path, body,
        "application/json");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theOfficerOfTheirConsulateGetsTheCopyAsJsonAndAsPdfInFrenchAndArabic() throws Exception {
    Response json = post("officer.paris", "/copy", "{\"request\": \"DPO-2026-0100\"}");
    assertThat(json.getStatus()).isEqualTo(200);
    Map<String, Object> copy = Json.read(json.readEntity(String.class), Map.class);
    Map<String, List<Map<String, Object>>> tables = (Map<String, List<Map<String, Object>>>) copy.get("tables");
    assertThat(((Map<String, Object>) tables.get("registration").get(0).get("data")).get("nationalId"))
        .isEqualTo("AB000041");
    assertThat(tables).containsKeys("sms_send", "evacuation_request", "reintegration_member", "audit_event",
        "sms_simulated");

    for (String language : List.of("fr", "ar")) {
      Response pdf = post("officer.paris", "/copy.pdf", "{\"request\": \"DPO-2026-0100\", \"language\": \""
          + language + "\"}");
      assertThat(pdf.getStatus()).isEqualTo(200);
      assertThat(pdf.getMediaType().toString()).isEqualTo("application/pdf");
      try (var doc = Loader.loadPDF(pdf.readEntity(byte[].class))) {
        assertThat(new PDFTextStripper().getText(doc)).contains("AB000041");
      }
    }
  }

  @Test
  void othersAreRefusedAndBadRequestsNamed() {
    assertThat(AppFixture.status(post("officer.tripoli", "/copy", "{\"request\": \"R-1\"}"))).isEqualTo(404);
    assertThat(AppFixture.status(post("officer.tripoli", "/erasure", "{\"request\": \"R-1\"}"))).isEqualTo(404);
    assertThat(AppFixture.status(post("worker", "/copy", "{\"request\": \"R-1\"}"))).isEqualTo(403);
    assertThat(AppFixture.status(post("admin", "/copy", "{\"request\": \"R-1\"}"))).isEqualTo(403);
    assertThat(AppFixture.status(post(null, "/copy", "{\"request\": \"R-1\"}"))).isEqualTo(401);
    Response noReference = post("officer.paris", "/copy", "{}");
    assertThat(noReference.getStatus()).isEqualTo(422);
    assertThat(noReference.readEntity(String.class)).contains("request");
    Response aName = post("officer.paris", "/erasure", "{\"request\": \"فاطمة العمراني\"}");
    assertThat(aName.getStatus()).isEqualTo(422);
    assertThat(aName.readEntity(String.class)).contains("request").doesNotContain("فاطمة");
    Response english = post("officer.paris", "/copy.pdf", "{\"request\": \"R-1\", \"language\": \"en\"}");
    assertThat(english.getStatus()).isEqualTo(422);
    assertThat(english.readEntity(String.class)).contains("language");
    assertThat(AppFixture.status(post("officer.paris", "/copy", "{\"request\": "))).isEqualTo(400);
    assertThat(AppFixture.status(post("officer.paris", "/copy", "{\"request\": [\"R-1\"]}"))).isIn(400, 422);
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/not-a-uuid"
        + "/personal-data/copy", "{\"request\": \"R-1\"}", "application/json"))).isEqualTo(404);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration WHERE id = '" + id + "'")).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void erasureOfAPersonNoHoldKeepsRemovesThem() {
    Response r = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
        Json.write(Samples.parisian(42)), "application/json");
    String other = (String) Json.read(r.readEntity(String.class), Map.class).get("id");
    Response erased = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/" + other
        + "/personal-data/erasure", "{\"request\": \"DPO-2026-0101\"}", "application/json");
    assertThat(erased.getStatus()).isEqualTo(200);
    Map<String, Object> body = Json.read(erased.readEntity(String.class), Map.class);
    assertThat((Map<String, Object>) body.get("removed")).containsEntry("registration", 1);
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "GET", "/api/v1/registrations/" + other, null,
        null))).isEqualTo(404);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM audit_event WHERE action = 'SUBJECT_ERASURE' AND detail LIKE "
        + "'request DPO-2026-0101:%'")).isEqualTo(1);
  }
}
