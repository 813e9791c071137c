package crisis.api.repatriation;

import static crisis.core.testing.Samples.parisian;
import static crisis.core.testing.Samples.tripolitan;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import crisis.core.common.Json;
import crisis.core.registry.RegistrationData;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/evacuation/queue}: the requests of the active crises in the order the core gives them, each with
 * its crisis's title; an officer sees its own consulate's households only.
 */
@Tag("app")
class EvacuationQueueApiTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;

  static String floods;
  static String storm;
  static String oldest;
  static String withNeed;
  static String newest;
  static String cancelled;
  static String tripoli;

  @BeforeAll
  static void seed() {
    floods = crisis("Floods in Paris");
    storm = crisis("Storm over Paris");
    String closed = crisis("Heat wave");
    // Opened in this order: each newer than the one before.
    oldest = request("officer.paris", floods, parisian(1), "[]");
    withNeed = request("officer.paris", floods, parisian(2), "[\"OXYGEN\"]");
    newest = request("officer.paris", storm, parisian(3), "[]");
    cancelled = request("officer.paris", floods, parisian(4), "[\"STRETCHER\"]");
    assertThat(AppFixture.status(call("officer.paris", "POST", "/api/v1/crises/" + floods
        + "/evacuation/requests/" + cancelled + "/cancel", "{\"reason\":\"staying\"}"))).isEqualTo(200);
    tripoli = request("officer.tripoli", storm, tripolitan(5), "[]");
    request("officer.paris", closed, parisian(6), "[]");
    assertThat(AppFixture.status(call("cell", "POST", "/api/v1/crises/" + closed + "/close",
        "{\"reason\":\"over\"}"))).isEqualTo(200);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theQueueComesOrderedWithWhatTheConsoleShows() {
    Map<String, Object> page = json("officer.paris", "/api/v1/evacuation/queue");
    List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
    // Waiting first (OPEN): the household with a need, then the newest; the cancelled last, though newest.
    assertThat(items).extracting(i -> i.get("id")).containsExactly(withNeed, newest, oldest, cancelled);
    assertThat(page).containsEntry("total", 4).containsEntry("offset", 0).containsEntry("limit", 50);
    assertThat(items).extracting(i -> i.get("state")).containsExactly("OPEN", "OPEN", "OPEN", "CANCELLED");
    assertThat(items).extracting(i -> i.get("crisisTitle"))
        .containsExactly("Floods in Paris", "Storm over Paris", "Floods in Paris", "Floods in Paris");
    // Each item is the request as the crisis's own list gives it, its crisis's title beside.
    Map<String, Object> first = items.get(0);
    Map<String, Object> listed = ((List<Map<String, Object>>) (List<?>) Json.read(
        FIXTURE.as("officer.paris", "/api/v1/crises/" + floods + "/evacuation/requests").get(String.class), List.class))
        .stream().filter(r -> withNeed.equals(r.get("id"))).findFirst().orElseThrow();
    Map<String, Object> withoutTitle = new java.util.HashMap<>(first);
    assertThat(withoutTitle.remove("crisisTitle")).isEqualTo("Floods in Paris");
    assertThat(withoutTitle).isEqualTo(listed);
    assertThat(first).containsKeys("requestedAt", "assignment", "travellers");
    List<Map<String, Object>> travellers = (List<Map<String, Object>>) first.get("travellers");
    assertThat(travellers).extracting(t -> t.get("fullName"))
        .containsExactly("Fatima El Amrani", "Youssef El Amrani", "Jean Dupont");
    assertThat(travellers.get(0).get("needs")).isEqualTo(List.of("OXYGEN"));
    assertThat(travellers).extracting(t -> t.get("laissezPasser")).containsExactly("NOT_NEEDED", "REQUIRED",
        "REQUIRED");

    // Pages follow the same order.
    Map<String, Object> second = json("officer.paris", "/api/v1/evacuation/queue?offset=1&limit=2");
    assertThat((List<Map<String, Object>>) second.get("items")).extracting(i -> i.get("id"))
        .containsExactly(newest, oldest);
    assertThat(second).containsEntry("total", 4);
    Response tooMany = call("officer.paris", "GET", "/api/v1/evacuation/queue?limit=201", null);
    assertThat(tooMany.getStatus()).isEqualTo(422);
    assertThat(tooMany.readEntity(String.class)).contains("\"field\":\"limit\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anOfficerSeesOnlyItsConsulatesHouseholdsAndTheCellEveryOne() {
    String tripoliView = FIXTURE.as("officer.tripoli", "/api/v1/evacuation/queue").get(String.class);
    Map<String, Object> page = Json.read(tripoliView, Map.class);
    assertThat((List<Map<String, Object>>) page.get("items")).extracting(i -> i.get("id")).containsExactly(tripoli);
    assertThat(page).containsEntry("total", 1);
    // Nothing of Paris's households, not even their names.
    assertThat(tripoliView).doesNotContain(withNeed, newest, oldest, cancelled, "El Amrani");
    Map<String, Object> parisView = json("officer.paris", "/api/v1/evacuation/queue");
    assertThat((List<Map<String, Object>>) parisView.get("items")).extracting(i -> i.get("id"))
        .doesNotContain(tripoli);

    Map<String, Object> all = json("cell", "/api/v1/evacuation/queue");
    assertThat((List<Map<String, Object>>) all.get("items")).extracting(i -> i.get("id"))
        .containsExactly(withNeed, tripoli, newest, oldest, cancelled);
    // Neither a case worker nor anyone signed out.
    assertThat(AppFixture.status(FIXTURE.as("worker", "/api/v1/evacuation/queue").get())).isEqualTo(403);
    assertThat(AppFixture.status(FIXTURE.as(null, "/api/v1/evacuation/queue").get())).isEqualTo(401);
  }

  @Test
  void theOpenApiDescriptionHasIt() {
    assertThat(FIXTURE.as("cell", "/api/v1/openapi.json").get(String.class)).contains("/api/v1/evacuation/queue")
        .contains("crisisTitle");
  }

  static String crisis(String title) {
    String id = id(call("cell", "POST", "/api/v1/crises", """
        {"title": "%s", "type": "STORM", "severity": "SEVERE",
         "zones": [{"circle": {"latitude": 48.85, "longitude": 2.35, "radiusKm": 5}}],
         "messages": [{"fr": "Restez chez vous."}]}""".formatted(title)), 201);
    assertThat(AppFixture.status(call("cell", "POST", "/api/v1/crises/" + id + "/activate", ""))).isEqualTo(200);
    return id;
  }

  static String request(String officer, String crisisId, RegistrationData person, String needs) {
    String registration = id(call(officer, "POST", "/api/v1/registrations", Json.write(person)), 201);
    return id(call(officer, "POST", "/api/v1/crises/" + crisisId + "/evacuation/requests",
        "{\"registrationId\": \"" + registration + "\", \"needs\": " + needs + "}"), 201);
  }

  @SuppressWarnings("unchecked")
  static String id(Response r, int expected) {
    String body = r.readEntity(String.class);
    assertThat(r.getStatus()).as(body).isEqualTo(expected);
    return (String) Json.read(body, Map.class).get("id");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String user, String path) {
    return Json.read(FIXTURE.as(user, path).get(String.class), Map.class);
  }

  static Response call(String user, String method, String path, String body) {
    return FIXTURE.call(user, method, path, body, "application/json");
  }
}
