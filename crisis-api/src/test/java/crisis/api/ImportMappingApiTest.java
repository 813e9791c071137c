package crisis.api;

import static crisis.core.testing.Samples.parisian;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.common.Json;
import crisis.core.registry.importing.CsvFormat;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A consulate's own register, with columns the import does not know ("Tél. portable (WhatsApp)", "Observations",
 * "ملاحظات"): the preview says which and checks nothing, the officer maps them once and names the mapping, the
 * consulate's next preview proposes it, and the file is then imported with it. Mappings are the consulate's own.
 */
@Tag("app")
class ImportMappingApiTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;

  /** The format's file with the phone under the consulate's own header and two columns of remarks added. */
  private static String register(int... people) {
    StringBuilder csv = new StringBuilder(CsvFormat.header().replace(",phone,", ",Tél. portable (WhatsApp),"))
        .append(",Observations,ملاحظات\r\n");
    for (int n : people) {
      csv.append(CsvFormat.write(parisian(n)).strip()).append(",\"à rappeler, cousin à Lyon\",يرجى الاتصال\r\n");
    }
    return csv.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(Response r, int status) {
    try (r) {
      String body = r.readEntity(String.class);
      assertThat(r.getStatus()).as(body).isEqualTo(status);
      return Json.read(body, Map.class);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void unknownColumnsAreMappedOnceAndTheMappingIsKeptForTheConsulatesNextFiles() {
    String file = register(901, 902);
    Map<String, Object> first = json(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/import/preview",
        file, "text/csv"), 200);
    assertThat(first.get("unmapped")).isEqualTo(List.of("Tél. portable (WhatsApp)", "Observations", "ملاحظات"));
    assertThat(first.get("missing")).isEqualTo(List.of("phone"));
    assertThat(first.get("mappings")).isEqualTo(List.of());
    assertThat(first.get("rows")).isEqualTo(0);
    // The import itself still refuses the file whole, naming the columns.
    Map<String, Object> refused = json(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/import", file,
        "text/csv"), 422);
    assertThat(Json.write(refused)).contains("unknown columns 'Tél. portable (WhatsApp)'");

    Map<String, Object> saved = json(FIXTURE.call("officer.paris", "PUT", "/api/v1/registrations/import/mappings",
        Json.write(Map.of("name", " Registre consulaire 2019 ", "columns", Map.of("TEL. PORTABLE (whatsapp)", "phone",
            "Observations", "ignore", "ملاحظات", "ignore"))), "application/json"), 200);
    assertThat(saved).containsEntry("consulateId", "fr-paris").containsEntry("name", "Registre consulaire 2019")
        .containsEntry("updatedBy", "officer.paris");

    // The next preview of the consulate proposes the mapping that names every unknown header.
    Map<String, Object> again = json(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/import/preview",
        file, "text/csv"), 200);
    assertThat(again.get("mappings")).isEqualTo(List.of("Registre consulaire 2019"));

    // A file where the mapping would give the phone twice (it has the format's own phone column too): not proposed.
    String both = CsvFormat.header() + ",Tél. portable (WhatsApp),Observations\r\n";
    Map<String, Object> twice = json(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/import/preview",
        both, "text/csv"), 200);
    assertThat(twice.get("unmapped")).isEqualTo(List.of("Tél. portable (WhatsApp)", "Observations"));
    assertThat(twice.get("mappings")).isEqualTo(List.of());

    String with = "?mapping=" + java.net.URLEncoder.encode("Registre consulaire 2019",
        java.nio.charset.StandardCharsets.UTF_8);
    Map<String, Object> mapped = json(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/import/preview"
        + with, file, "text/csv"), 200);
    assertThat(mapped).doesNotContainKeys("unmapped", "missing").containsEntry("rows", 2).containsEntry("valid", 2);
    Map<String, Object> format = (Map<String, Object>) mapped.get("format");
    assertThat(format).containsEntry("mapping", "Registre consulaire 2019")
        .containsEntry("ignored", List.of("Observations", "ملاحظات"));
    assertThat((Map<String, Object>) format.get("columns")).containsEntry("Tél. portable (WhatsApp)", "phone");

    String report = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/import" + with, file, "text/csv")
        .readEntity(String.class);
    assertThat(report).contains("\"created\":2").contains("\"mapping\":\"Registre consulaire 2019\"");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration WHERE phone IN ('+33612340901', '+33612340902')")).isEqualTo(2);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM audit_event WHERE action = 'IMPORT_MAPPING_SAVED'"
        + " AND actor = 'officer.paris'")).isEqualTo(1);

    List<Map<String, Object>> listed = Json.read(FIXTURE.as("cell",
        "/api/v1/registrations/import/mappings?consulate=fr-paris").get(String.class), List.class);
    assertThat(listed).extracting(m -> m.get("name")).containsExactly("Registre consulaire 2019");

    // Another consulate's officer neither sees nor uses it.
    assertThat(AppFixture.status(FIXTURE.call("officer.tripoli", "GET",
        "/api/v1/registrations/import/mappings?consulate=fr-paris", null, null))).isEqualTo(404);
    assertThat(AppFixture.status(FIXTURE.call("officer.tripoli", "POST", "/api/v1/registrations/import/preview"
        + with + "&consulate=fr-paris", file, "text/csv"))).isEqualTo(404);
    assertThat(AppFixture.status(FIXTURE.call("officer.tripoli", "POST", "/api/v1/registrations/import" + with,
        file, "text/csv"))).isEqualTo(404);
    assertThat(Json.read(FIXTURE.as("officer.tripoli", "/api/v1/registrations/import/mappings").get(String.class),
        List.class)).isEmpty();

    String named = with.replace("?mapping=", "?name=");
    assertThat(AppFixture.status(FIXTURE.call("officer.tripoli", "DELETE", "/api/v1/registrations/import/mappings"
        + named + "&consulate=fr-paris", null, null))).isEqualTo(404);
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "DELETE", "/api/v1/registrations/import/mappings"
        + named, null, null))).isEqualTo(204);
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "DELETE", "/api/v1/registrations/import/mappings"
        + named, null, null))).isEqualTo(404);
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/import/preview" + with,
        file, "text/csv"))).isEqualTo(404);
  }

  @Test
  void aMappingThatCannotBeReadIsRefusedNamingTheHeaderAndNothingIsKept() {
    long before = FIXTURE.scalar("SELECT count(*) FROM import_mapping");
    String twice = Json.write(Map.of("name", "Deux fois", "columns", Map.of("Tél", "phone", "Portable", "phone")));
    assertThat(Json.write(json(FIXTURE.call("officer.paris", "PUT", "/api/v1/registrations/import/mappings", twice,
        "application/json"), 422))).contains("goes to column 'phone' as");
    String unknown = Json.write(Map.of("name", "Mauvais", "columns", Map.of("Observations", "remarks")));
    assertThat(Json.write(json(FIXTURE.call("officer.paris", "PUT", "/api/v1/registrations/import/mappings",
        unknown, "application/json"), 422))).contains("columns[Observations]")
        .contains("must be a column of the format or 'ignore', not 'remarks'");
    String sameHeader = Json.write(Map.of("name", "Mêmes", "columns", Map.of("N° CIN", "national_id",
        "n cin", "ignore")));
    assertThat(Json.write(json(FIXTURE.call("officer.paris", "PUT", "/api/v1/registrations/import/mappings",
        sameHeader, "application/json"), 422))).contains("is the same header as");
    String noName = Json.write(Map.of("name", "  ", "columns", Map.of("Observations", "ignore")));
    assertThat(Json.write(json(FIXTURE.call("officer.paris", "PUT", "/api/v1/registrations/import/mappings", noName,
        "application/json"), 422))).contains("\"field\":\"name\"");
    String hostile = "{\"name\":\"x\u202Ey\",\"columns\":{\"a\\u0000b\":\"ignore\"}}";
    assertThat(Json.write(json(FIXTURE.call("officer.paris", "PUT", "/api/v1/registrations/import/mappings", hostile,
        "application/json"), 422))).contains("\"field\":\"name\"");
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "PUT", "/api/v1/registrations/import/mappings",
        "{\"name\":\"x\",\"columns\":[\"phone\"]}", "application/json"))).isEqualTo(400);
    assertThat(Json.write(json(FIXTURE.call("cell", "PUT", "/api/v1/registrations/import/mappings",
        "{\"name\":\"x\",\"columns\":{\"Observations\":\"ignore\"}}", "application/json"), 422)))
        .contains("\"field\":\"consulate\"");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM import_mapping")).isEqualTo(before);
  }
}
