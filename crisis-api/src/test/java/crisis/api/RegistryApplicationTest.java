package crisis.api;

import static crisis.core.testing.Samples.parisian;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.common.Json;
import crisis.core.registry.importing.CsvFormat;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry's life through the API: create, read, update, archive, merge, history, audit, risk, OpenAPI. */
@Tag("app")
class RegistryApplicationTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;

  @Test
  @SuppressWarnings("unchecked")
  void aRegistrationsLifeIsRecordedAndAudited() {
    Response created = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations", Json.write(parisian(1)),
        "application/json");
    assertThat(created.getStatus()).isEqualTo(201);
    assertThat(created.getHeaderString("ETag")).isEqualTo("\"1\"");
    String location = created.getLocation().getPath();
    Map<String, Object> body = Json.read(created.readEntity(String.class), Map.class);
    String id = (String) body.get("id");
    assertThat(location).isEqualTo("/api/v1/registrations/" + id);
    assertThat(body).containsEntry("dateOfBirth", "1985-03-14").containsEntry("givenNameArabic", "فاطمة");

    Response updated = FIXTURE.as("officer.paris", location).header("If-Match", "\"1\"")
        .put(Entity.json(Json.write(crisis.core.testing.Samples.withPhone(parisian(1), "+33655554444"))));
    assertThat(updated.getStatus()).isEqualTo(200);
    assertThat(updated.getHeaderString("ETag")).isEqualTo("\"2\"");
    updated.close();

    Response other = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations", Json.write(parisian(2)),
        "application/json");
    String otherId = (String) Json.read(other.readEntity(String.class), Map.class).get("id");
    String merged = FIXTURE.call("officer.paris", "POST", location + "/merge", "{\"duplicateId\":\"" + otherId + "\"}",
        "application/json").readEntity(String.class);
    assertThat(merged).contains("\"status\":\"ACTIVE\"");
    String history = FIXTURE.as("cell", location + "/history").get(String.class);
    assertThat(history).contains("CREATED", "UPDATED", "MERGED_FROM", "MERGED_INTO", otherId, "\"phone\"");

    String archived = FIXTURE.call("cell", "POST", location + "/archive", "{\"reason\":\"returned home\"}",
        "application/json").readEntity(String.class);
    assertThat(archived).contains("\"status\":\"ARCHIVED\"");
    assertThat(FIXTURE.as("cell", "/api/v1/registrations?status=ARCHIVED").get(String.class)).contains(id);
    assertThat(FIXTURE.as("cell", "/api/v1/registrations").get(String.class)).doesNotContain(id);

    List<Map<String, Object>> audit = Json.read(FIXTURE.as("admin", "/api/v1/audit?registrationId=" + id)
        .get(String.class), List.class);
    assertThat(audit).extracting(e -> e.get("action")).contains("CREATE", "UPDATE", "MERGE", "READ_HISTORY",
        "ARCHIVE", "LIST");
    assertThat(audit).extracting(e -> e.get("actor")).contains("officer.paris", "cell");
    assertThat(audit).extracting(e -> e.get("remoteAddress")).contains("127.0.0.1");
    assertThat(FIXTURE.as("admin", "/api/v1/audit?actor=cell&from=2020-01-01T00:00:00Z").get(String.class))
        .contains("ARCHIVE").doesNotContain("\"actor\":\"officer.paris\"");
    assertThat(AppFixture.status(FIXTURE.as("admin", "/api/v1/audit?from=yesterday").get())).isEqualTo(422);
  }

  @Test
  void importedRowsAreAuditedAndReportedPerRow() {
    String csv = CsvFormat.header() + "\n" + CsvFormat.write(parisian(10)) + CsvFormat.write(parisian(11));
    String report = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/import", csv, "text/csv")
        .readEntity(String.class);
    assertThat(report).startsWith("{\"rows\":[{\"line\":2,\"status\":\"CREATED\"").contains("\"created\":2");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM audit_event WHERE action = 'IMPORT' AND actor = 'officer.paris'"
        + " AND import_run IS NOT NULL")).isEqualTo(1);
    String id = jdbiScalar("SELECT CAST(id AS text) FROM registration WHERE external_id = 'PAR-11'");
    assertThat(FIXTURE.as("admin", "/api/v1/audit?registrationId=" + id).get(String.class))
        .contains("\"action\":\"IMPORT\"").contains("\"actor\":\"officer.paris\"");
    assertThat(FIXTURE.as("admin", "/api/v1/audit?registrationId=" + java.util.UUID.randomUUID()).get(String.class))
        .isEqualTo("[]");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM import_run WHERE created = 2 AND finished_at IS NOT NULL"))
        .isEqualTo(1);
  }

  @Test
  void anImportReportSaysWhereARowWithoutAPointWasLocated() {
    String csv = CsvFormat.header() + "\n"
        + CsvFormat.write(crisis.core.testing.Samples.withAddress(crisis.core.testing.Samples.withoutLocation(
            parisian(20)), "Appt 4, 33 boulevard Voltaire, 75011 PARIS"));
    String report = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/import?report=all", csv, "text/csv")
        .readEntity(String.class);
    assertThat(report).contains("\"status\":\"CREATED\"")
        .contains("\"location\":\"located at Paris (FR) from the address (GEOCODED)\"");
    assertThat(jdbiScalar("SELECT location_source FROM registration WHERE external_id = 'PAR-20'"))
        .isEqualTo("GEOCODED");
  }

  private static String jdbiScalar(String sql) {
    return FIXTURE.jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
  }

  @Test
  void theCrisisCellSetsRiskLevelsWithHistory() {
    String ly = FIXTURE.call("cell", "PUT", "/api/v1/countries/ly/risk",
        "{\"level\":4,\"reason\":\"fighting in Tripoli\"}", "application/json").readEntity(String.class);
    assertThat(ly).contains("\"riskLevel\":4").contains("\"riskChangedBy\":\"cell\"").contains("\"nameAr\":\"ليبيا\"");
    String history = FIXTURE.as("officer.paris", "/api/v1/countries/LY/risk").get(String.class);
    assertThat(history).contains("\"previousLevel\":1").contains("\"newLevel\":4").contains("fighting in Tripoli");
    assertThat(AppFixture.status(FIXTURE.call("cell", "PUT", "/api/v1/countries/LY/risk", "{\"level\":3}",
        "application/json"))).isEqualTo(422);
  }

  @Test
  void consulatesAreManagedByAdministrators() {
    String created = FIXTURE.call("admin", "POST", "/api/v1/consulates",
        "{\"id\":\"tn-tunis\",\"name\":\"Consulate General in Tunis\",\"city\":\"Tunis\",\"country\":\"tn\","
            + "\"jurisdiction\":[\"tn\",\"DZ\"]}", "application/json").readEntity(String.class);
    assertThat(created).contains("\"jurisdiction\":[\"DZ\",\"TN\"]");
    String bad = FIXTURE.call("admin", "POST", "/api/v1/consulates",
        "{\"id\":\"Bad Id\",\"name\":\"\",\"city\":\"X\",\"country\":\"ZZ\",\"jurisdiction\":[]}",
        "application/json").readEntity(String.class);
    assertThat(bad).contains("\"field\":\"id\"").contains("\"field\":\"name\"").contains("\"field\":\"country\"")
        .contains("\"field\":\"jurisdiction\"");
  }

  @Test
  void servesAnOpenApiDocumentGeneratedFromTheResources() {
    String doc = FIXTURE.as("worker", "/api/v1/openapi.json").get(String.class);
    assertThat(doc).contains("\"openapi\" : \"3.")
        .contains("/api/v1/registrations/{id}/merge").contains("/api/v1/registrations/import")
        .contains("/api/v1/countries/{iso2}/risk").contains("/api/v1/audit").contains("\"basic\"");
    // The signed-in user is not part of any request: no body or parameter is described as one.
    assertThat(doc).doesNotContain("UserPrincipal");
    @SuppressWarnings("unchecked")
    Map<String, Object> api = crisis.core.common.Json.read(doc, Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> create = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) api.get("paths"))
        .get("/api/v1/consulates")).get("post");
    assertThat(crisis.core.common.Json.write(create.get("requestBody"))).contains("#/components/schemas/Consulate");
    String me = FIXTURE.as("officer.paris", "/api/v1/me").get(String.class);
    assertThat(me).contains("\"role\":\"CONSULAR_OFFICER\"").contains("\"consulateId\":\"fr-paris\"");
  }
}
