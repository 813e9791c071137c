package crisis.api;

import static crisis.core.testing.Samples.parisian;
import static crisis.core.testing.Samples.tripolitan;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.resources.AuditResource;
import crisis.api.resources.ConsulateResource;
import crisis.api.resources.CountryResource;
import crisis.api.resources.ImportResource;
import crisis.api.resources.MeResource;
import crisis.api.resources.OpenApiResource;
import crisis.api.resources.RegistrationResource;
import crisis.api.resources.SearchResource;
import crisis.core.common.Json;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.importing.CsvFormat;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint against every role, and consular officers against another consulate's nationals. Each row of the
 * matrix is one HTTP call on the running application.
 */
@Tag("app")
class AuthorizationMatrixTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;

  static final String[] USERS = {null, "admin", "cell", "officer.paris", "worker"};
  static final AtomicInteger SEQ = new AtomicInteger(1000);
  static String parisId;
  static String tripoliId;
  static String crisisId;
  static final String NO_LEG = "0190f1a8-0000-7000-8000-000000000001";
  static final String CRISIS = "{\"title\":\"Storm\",\"type\":\"STORM\",\"severity\":\"WARNING\",\"zones\":"
      + "[{\"circle\":{\"latitude\":48.85,\"longitude\":2.35,\"radiusKm\":5}}],"
      + "\"messages\":[{\"fr\":\"Restez chez vous.\"}]}";

  @BeforeAll
  static void seed() {
    parisId = create("officer.paris", parisian(1));
    tripoliId = create("officer.tripoli", tripolitan(2));
    crisisId = crisis();
  }

  static String crisis() {
    Response r = FIXTURE.call("cell", "POST", "/api/v1/crises", CRISIS, "application/json");
    assertThat(r.getStatus()).isEqualTo(201);
    @SuppressWarnings("unchecked")
    Map<String, Object> body = Json.read(r.readEntity(String.class), Map.class);
    return (String) body.get("id");
  }

  /** Endpoint, then the expected status for: anonymous, admin, crisis cell, Paris officer, case worker. */
  static Stream<Arguments> matrix() {
    return Stream.of(
        row("GET", "/api/v1/registrations", null, 401, 403, 200, 200, 403),
        row("POST", "/api/v1/registrations", "NEW_REGISTRATION", 401, 403, 201, 201, 403),
        row("GET", "/api/v1/registrations/{paris}", null, 401, 403, 200, 200, 403),
        row("PUT", "/api/v1/registrations/{fresh}", "SAME_REGISTRATION", 401, 403, 200, 200, 403),
        row("GET", "/api/v1/registrations/{paris}/history", null, 401, 403, 200, 200, 403),
        row("POST", "/api/v1/registrations/{fresh}/archive", "{\"reason\":\"moved home\"}", 401, 403, 200, 200, 403),
        row("POST", "/api/v1/registrations/{fresh}/merge", "MERGE", 401, 403, 200, 200, 403),
        row("POST", "/api/v1/registrations/import", "CSV", 401, 403, 200, 200, 403),
        row("POST", "/api/v1/registrations/import/preview", "CSV", 401, 403, 200, 200, 403),
        row("POST", "/api/v1/registrations/import/refused", "CSV", 401, 403, 200, 200, 403),
        row("GET", "/api/v1/registrations/import/mappings?consulate=fr-paris", null, 401, 403, 200, 200, 403),
        row("PUT", "/api/v1/registrations/import/mappings", "{\"consulate\":\"fr-paris\",\"name\":\"Registre\","
            + "\"columns\":{\"Observations\":\"ignore\"}}", 401, 403, 200, 200, 403),
        row("POST", "/api/v1/registrations/search", "{\"circle\":{\"latitude\":48.85,\"longitude\":2.35,"
            + "\"radiusKm\":10}}", 401, 403, 200, 200, 403),
        row("GET", "/api/v1/geo/density?bbox=2,48,3,49&resolution=6", null, 401, 403, 200, 200, 403),
        row("GET", "/api/v1/geo/countries", null, 401, 403, 200, 200, 403),
        row("GET", "/api/v1/geo/places?bbox=9,19,26,34&zoom=5", null, 401, 403, 200, 200, 403),
        row("POST", "/api/v1/registrations/lookup", "{\"q\":\"el amrani\"}", 401, 403, 200, 200, 403),
        row("POST", "/api/v1/crises/segments", "{\"texts\":{\"ar\":\"ابتعدوا\"}}", 401, 403, 200, 403, 403),
        row("POST", "/api/v1/places", "{\"kind\":\"SHELTER\",\"name\":\"Gymnase\",\"latitude\":48.85,"
            + "\"longitude\":2.35,\"country\":\"FR\"}", 401, 403, 201, 201, 403),
        row("GET", "/api/v1/places/nearest?latitude=48.85&longitude=2.35&kind=SHELTER", null, 401, 200, 200, 200, 200),
        row("GET", "/api/v1/countries", null, 401, 200, 200, 200, 200),
        row("GET", "/api/v1/countries/FR", null, 401, 200, 200, 200, 200),
        row("GET", "/api/v1/countries/FR/risk", null, 401, 200, 200, 200, 200),
        row("PUT", "/api/v1/countries/FR/risk", "{\"level\":2,\"reason\":\"strikes\"}", 401, 403, 200, 403, 403),
        row("GET", "/api/v1/consulates", null, 401, 200, 200, 200, 200),
        row("GET", "/api/v1/consulates/fr-paris", null, 401, 200, 200, 200, 200),
        row("POST", "/api/v1/consulates", "CONSULATE", 401, 201, 403, 403, 403),
        row("PUT", "/api/v1/consulates/fr-paris", "{\"name\":\"Consulate General in Paris\",\"city\":\"Paris\","
            + "\"country\":\"FR\",\"jurisdiction\":[\"FR\",\"MC\"]}", 401, 200, 403, 403, 403),
        row("GET", "/api/v1/audit", null, 401, 200, 403, 403, 403),
        row("GET", "/api/v1/me", null, 401, 200, 200, 200, 200),
        row("GET", "/api/v1/session", null, 401, 200, 200, 200, 200),
        row("POST", "/api/v1/session", "{}", 401, 401, 401, 401, 401),
        row("POST", "/api/v1/crises", CRISIS, 401, 403, 201, 403, 403),
        row("GET", "/api/v1/crises", null, 401, 403, 200, 200, 403),
        row("GET", "/api/v1/crises/{crisis}", null, 401, 403, 200, 200, 403),
        row("GET", "/api/v1/crises/{crisis}/history", null, 401, 403, 200, 200, 403),
        row("GET", "/api/v1/crises/{crisis}/status", null, 401, 403, 200, 200, 403),
        row("GET", "/api/v1/crises/{crisis}/preview", null, 401, 403, 200, 403, 403),
        row("POST", "/api/v1/crises/{newcrisis}/activate", "", 401, 403, 200, 403, 403),
        row("POST", "/api/v1/crises/{newcrisis}/messages", "{\"texts\":{\"ar\":\"ابقوا في منازلكم\"}}", 401, 403,
            201, 403, 403),
        row("POST", "/api/v1/crises/{crisis}/messages/preview", "{\"texts\":{\"fr\":\"Restez chez vous\"}}", 401,
            403, 200, 403, 403),
        row("POST", "/api/v1/crises/{crisis}/zones/preview", "{\"zones\":[{\"country\":\"LY\"}]}", 401, 403, 200,
            403, 403),
        row("PUT", "/api/v1/crises/{newcrisis}/zones", "{\"zones\":[{\"country\":\"LY\"}]}", 401, 403, 200,
            403, 403),
        row("POST", "/api/v1/crises/{newcrisis}/close", "{\"reason\":\"over\"}", 401, 403, 200, 403, 403),
        row("GET", "/api/v1/crises/{crisis}/outreach", null, 401, 403, 200, 200, 403),
        row("GET", "/api/v1/crises/{crisis}/replies", null, 401, 403, 200, 403, 403),
        row("GET", "/api/v1/assistance-requests", null, 401, 403, 200, 200, 403),
        // The crisis of the matrix is a draft: evacuation writes are refused with 409 after the role check.
        row("GET", "/api/v1/crises/{crisis}/evacuation/requests", null, 401, 403, 200, 200, 403),
        row("GET", "/api/v1/evacuation/queue", null, 401, 403, 200, 200, 403),
        row("POST", "/api/v1/crises/{crisis}/evacuation/requests", "{}", 401, 403, 409, 409, 403),
        row("POST", "/api/v1/crises/{crisis}/evacuation/order", "", 401, 403, 409, 403, 403),
        row("GET", "/api/v1/crises/{crisis}/evacuation/legs", null, 401, 403, 200, 200, 403),
        row("POST", "/api/v1/crises/{crisis}/evacuation/legs", "{}", 401, 403, 422, 403, 403),
        row("POST", "/api/v1/crises/{crisis}/evacuation/plan", "", 401, 403, 409, 403, 403),
        row("GET", "/api/v1/legs/" + NO_LEG, null, 401, 403, 404, 404, 403),
        row("POST", "/api/v1/legs/" + NO_LEG + "/cancel", "", 401, 403, 404, 403, 403),
        row("POST", "/api/v1/legs/" + NO_LEG + "/gate-officer", "{\"username\":null}", 401, 403, 404, 403, 403),
        row("POST", "/api/v1/legs/" + NO_LEG + "/gate", "{\"operations\":[]}", 401, 403, 422, 422, 403),
        row("GET", "/api/v1/legs/" + NO_LEG + "/passengers", null, 401, 403, 404, 404, 403),
        row("POST", "/api/v1/legs/" + NO_LEG + "/passengers/search", "{\"q\": \"El Amrani\"}", 401, 403, 404, 404, 403),
        row("GET", "/api/v1/legs/" + NO_LEG + "/manifest.csv", null, 401, 403, 404, 404, 403),
        row("GET", "/api/v1/legs/" + NO_LEG + "/manifest.pdf", null, 401, 403, 404, 404, 403),
        row("GET", "/api/v1/remains", null, 401, 403, 200, 200, 403),
        row("POST", "/api/v1/remains", "{}", 401, 403, 422, 422, 403),
        row("GET", "/api/v1/remains/" + NO_LEG, null, 401, 403, 404, 404, 403),
        row("POST", "/api/v1/remains/" + NO_LEG + "/status", "{\"status\":\"ARRIVED\"}", 401, 403, 428, 428, 403),
        row("GET", "/api/v1/crises/{crisis}/evacuation/requests/" + NO_LEG + "/reintegration", null, 401, 403, 404,
            404, 403),
        row("GET", "/api/v1/reintegration/regions", null, 401, 403, 200, 200, 200),
        row("GET", "/api/v1/reintegration/regions/resolve?city=Rabat", null, 401, 403, 200, 403, 200),
        row("GET", "/api/v1/reintegration/cases", null, 401, 403, 200, 403, 200),
        row("POST", "/api/v1/reintegration/cases", "{}", 401, 403, 422, 403, 422),
        row("GET", "/api/v1/reintegration/cases/mine", null, 401, 403, 403, 403, 200),
        row("GET", "/api/v1/reintegration/cases/" + NO_LEG, null, 401, 403, 403, 403, 404),
        row("POST", "/api/v1/reintegration/cases/" + NO_LEG + "/assignment", "{}", 401, 403, 404, 403, 404),
        row("POST", "/api/v1/reintegration/cases/" + NO_LEG + "/needs", "{\"kind\":\"HOUSING\"}", 401, 403, 403, 403,
            404),
        row("POST", "/api/v1/reintegration/cases/" + NO_LEG + "/needs/" + NO_LEG + "/status",
            "{\"status\":\"MET\",\"version\":1}", 401, 403, 403, 403, 404),
        row("POST", "/api/v1/reintegration/cases/" + NO_LEG + "/referrals", "{}", 401, 403, 403, 403, 422),
        row("GET", "/api/v1/reintegration/cases/" + NO_LEG + "/referrals/" + NO_LEG + "/for-partner", null, 401, 403,
            403, 403, 404),
        row("POST", "/api/v1/reintegration/cases/" + NO_LEG + "/referrals/" + NO_LEG + "/answer",
            "{\"answer\":\"yes\"}", 401, 403, 403, 403, 404),
        row("POST", "/api/v1/reintegration/cases/" + NO_LEG + "/check-ins/" + NO_LEG + "/done", "{}", 401, 403, 403,
            403, 404),
        row("POST", "/api/v1/reintegration/cases/" + NO_LEG + "/assessments", "{}", 401, 403, 403, 403, 422),
        row("POST", "/api/v1/reintegration/cases/" + NO_LEG + "/close", "{}", 401, 403, 403, 403, 428),
        row("POST", "/api/v1/reintegration/cases/" + NO_LEG + "/reopen", "{}", 401, 403, 403, 403, 428),
        row("GET", "/api/v1/reintegration/partners", null, 401, 403, 200, 403, 200),
        row("POST", "/api/v1/reintegration/partners", "{}", 401, 403, 422, 403, 403),
        row("GET", "/api/v1/reintegration/reports", null, 401, 403, 200, 403, 200),
        row("GET", "/api/v1/reintegration/reports.csv", null, 401, 403, 200, 403, 200),
        row("GET", "/api/v1/simulator/messages", null, 401, 403, 200, 403, 403),
        row("POST", "/api/v1/simulator/messages", "{\"phone\":\"+33612345678\"}", 401, 403, 200, 403, 403),
        row("POST", "/api/v1/simulator/replies", "{\"from\":\"+33698700000\",\"body\":\"1\"}", 401, 403, 200, 403,
            403),
        row("POST", "/api/v1/users/nobody.here/disable", null, 401, 404, 403, 403, 403),
        row("POST", "/api/v1/users/nobody.here/password", "{\"password\":\"a long enough password\"}", 401, 404,
            403, 403, 403),
        row("DELETE", "/api/v1/users/nobody.here/sessions", null, 401, 404, 403, 403, 403),
        row("GET", "/api/v1/openapi.json", null, 401, 200, 200, 200, 200));
  }

  static Arguments row(String method, String path, String body, int... expected) {
    return Arguments.of(method, path, body, expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("matrix")
  void everyEndpointAgainstEveryRole(String method, String path, String body, int[] expected) {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < USERS.length; i++) {
      String user = USERS[i];
      String p = path.replace("{paris}", parisId).replace("{crisis}", crisisId);
      if (p.contains("{newcrisis}")) {
        p = p.replace("{newcrisis}", crisis());
      }
      if (p.contains("{fresh}")) {
        p = p.replace("{fresh}", create("cell", parisian(SEQ.incrementAndGet())));
      }
      Response r = call(user, method, p, body);
      if (r.getStatus() != expected[i]) {
        failures.add((user == null ? "anonymous" : user) + ": expected " + expected[i] + " got " + r.getStatus()
            + " " + r.readEntity(String.class));
      } else if (r.getStatus() == 403) {
        // Refused by @RolesAllowed itself, before any service code runs.
        String refused = r.readEntity(String.class);
        if (!refused.contains("your role may not do this")) {
          failures.add(user + ": 403 not from the role check: " + refused);
        }
      } else {
        r.close();
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void officersGetNotFoundForNationalsOutsideTheirJurisdiction() {
    for (String[] call : new String[][] {{"GET", "/" + tripoliId, null}, {"GET", "/" + tripoliId + "/history", null},
        {"PUT", "/" + tripoliId, "NEW_REGISTRATION"}, {"POST", "/" + tripoliId + "/archive", "{\"reason\":\"x\"}"},
        {"POST", "/" + parisId + "/merge", "{\"duplicateId\":\"" + tripoliId + "\"}"}}) {
      Response r = call("officer.paris", call[0], "/api/v1/registrations" + call[1], call[2]);
      assertThat(r.getStatus()).as(String.join(" ", call[0], call[1])).isEqualTo(404);
      assertThat(r.readEntity(String.class)).doesNotContain("Benali");
    }
    // Each refusal is in the audit trail, kept although the request's own transaction was rolled back.
    assertThat(FIXTURE.scalar("SELECT count(*) FROM audit_event WHERE actor = 'officer.paris' AND action = 'DENIED' "
        + "AND '" + tripoliId + "' = ANY(registration_ids) AND detail LIKE '%outside the jurisdiction'"))
        .isGreaterThanOrEqualTo(5);
    String list = FIXTURE.as("officer.paris", "/api/v1/registrations?limit=500").get(String.class);
    assertThat(list).doesNotContain(tripoliId).contains(parisId);
    String filtered = FIXTURE.as("officer.paris", "/api/v1/registrations?country=LY").get(String.class);
    assertThat(filtered).contains("\"total\":0");
    assertThat(AppFixture.status(FIXTURE.as("officer.tripoli", "/api/v1/registrations/" + tripoliId).get())).isEqualTo(200);
    assertThat(AppFixture.status(FIXTURE.as("cell", "/api/v1/registrations/" + tripoliId).get())).isEqualTo(200);
  }

  @Test
  void aLookupNeedsWhatToLookFor() {
    Response r = call("cell", "POST", "/api/v1/registrations/lookup", "{\"q\": \"  \"}");
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.readEntity(String.class)).contains("\"field\":\"q\"");
  }

  @Test
  void officersCannotRegisterOrImportIntoAnotherJurisdiction() {
    Response r = call("officer.paris", "POST", "/api/v1/registrations", Json.write(tripolitan(SEQ.incrementAndGet())));
    assertThat(r.getStatus()).isEqualTo(422);
    String csv = CsvFormat.header() + "\n" + CsvFormat.write(tripolitan(SEQ.incrementAndGet()));
    String report = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/import", csv, "text/csv")
        .readEntity(String.class);
    assertThat(report).contains("\"status\":\"REJECTED\"").contains("\"rejected\":1").contains("\"created\":0");
  }

  @Test
  void everyResourceMethodDeclaresWhoMayCallIt() {
    // Found in what the running application serves, not in a list kept by hand.
    var config = FIXTURE.app.getEnvironment().jersey().getResourceConfig();
    List<Class<?>> resources = new ArrayList<>();
    config.getInstances().forEach(o -> resources.add(o.getClass()));
    resources.addAll(config.getClasses());
    resources.removeIf(c -> !c.isAnnotationPresent(jakarta.ws.rs.Path.class));
    assertThat(resources).as("resources served").hasSizeGreaterThanOrEqualTo(13)
        .contains(RegistrationResource.class, crisis.api.resources.SimulatorResource.class)
        .doesNotContain(crisis.api.resources.TwilioWebhookResource.class);
    // Served instead of the simulator's with sms.type twilio.
    resources.add(crisis.api.resources.TwilioWebhookResource.class);
    List<String> open = new ArrayList<>();
    for (Class<?> c : resources) {
      for (Method m : c.getDeclaredMethods()) {
        boolean endpoint = Arrays.stream(m.getAnnotations())
            .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
        if (endpoint && !m.isAnnotationPresent(RolesAllowed.class) && !m.isAnnotationPresent(PermitAll.class)) {
          open.add(c.getSimpleName() + "." + m.getName());
        }
      }
    }
    // Twilio's webhooks have no user: each request's signature is checked instead (TwilioWebhookTest). The console's
    // sign-in checks the password it is given, throttled like Basic (ConsoleSessionTest).
    // The citizen's own side is for anyone: a phone proven by SMS, within its limits, is what it trusts (CitizenApiTest);
    // their own records take the access a link sent to the phone opened, with that phone (DeclarationApiTest).
    assertThat(open).containsExactlyInAnyOrder("TwilioWebhookResource.status", "TwilioWebhookResource.inbound",
        "SessionResource.signIn", "CitizenResource.sendCode", "CitizenResource.checkCode",
        "CitizenResource.declare", "CitizenResource.countries", "CitizenResource.sendLink", "CitizenResource.open",
        "CitizenResource.close", "CitizenResource.records", "CitizenResource.endTrip", "CitizenResource.withdraw",
        "CitizenResource.correct", "CitizenResource.declareAnother");
  }

  static String create(String user, RegistrationData d) {
    Response r = call(user, "POST", "/api/v1/registrations", Json.write(d));
    assertThat(r.getStatus()).as(r.toString()).isEqualTo(201);
    @SuppressWarnings("unchecked")
    Map<String, Object> body = Json.read(r.readEntity(String.class), Map.class);
    return (String) body.get("id");
  }

  static Response call(String user, String method, String path, String body) {
    if ("CSV".equals(body)) {
      return FIXTURE.call(user, method, path,
          CsvFormat.header() + "\n" + CsvFormat.write(parisian(SEQ.incrementAndGet())), "text/csv");
    }
    String json = switch (body == null ? "" : body) {
      case "NEW_REGISTRATION" -> Json.write(parisian(SEQ.incrementAndGet()));
      case "SAME_REGISTRATION" -> Json.write(crisis.core.testing.Samples.withPhone(parisian(SEQ.incrementAndGet()),
          "+33612000" + String.format("%03d", SEQ.incrementAndGet() % 1000)));
      case "MERGE" -> "{\"duplicateId\":\"" + create("cell", parisian(SEQ.incrementAndGet())) + "\"}";
      case "CONSULATE" -> "{\"id\":\"c-" + SEQ.incrementAndGet() + "\",\"name\":\"Consulate\",\"city\":\"Oran\","
          + "\"country\":\"DZ\",\"jurisdiction\":[\"DZ\"]}";
      default -> body;
    };
    if (path.endsWith(".csv") || path.endsWith(".pdf")) {
      // A download, as a browser or curl asks for it (not as JSON).
      return FIXTURE.as(user, path).accept("*/*").method(method);
    }
    if (method.equals("PUT") && path.startsWith("/api/v1/registrations/")) {
      return FIXTURE.as(user, path).header("If-Match", "\"1\"")
          .method(method, jakarta.ws.rs.client.Entity.json(json));
    }
    return FIXTURE.call(user, method, path, json, "application/json");
  }
}
