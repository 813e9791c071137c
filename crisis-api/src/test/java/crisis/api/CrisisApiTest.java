package crisis.api;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.common.Json;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Declaring and running crises through the API: bad input, the lifecycle's rules, the preview and the history. */
@Tag("app")
class CrisisApiTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;

  static final String CIRCLE = "{\"circle\":{\"latitude\":32.8872,\"longitude\":13.1913,\"radiusKm\":10}}";

  @Test
  void badDeclarationsAreRefusedNamingTheFieldAndNothingIsWritten() {
    long before = FIXTURE.scalar("SELECT count(*) FROM crisis");
    assertError(post("/api/v1/crises", "{\"title\": \"x\","), 400, "body");
    assertError(post("/api/v1/crises", "{\"title\": 12, \"type\": [], \"zones\": {}}"), 400, "");
    assertError(post("/api/v1/crises", "{\"title\": \"\", \"type\": \"VOLCANO\", \"severity\": \"bad\", \"zones\": ["
        + CIRCLE + "]}"), 422, "title", "type", "severity");
    assertError(post("/api/v1/crises", "{\"title\": \"t\", \"type\": \"FLOOD\", \"severity\": \"WARNING\", "
        + "\"zones\": []}"), 422, "zones");
    assertError(post("/api/v1/crises", "{\"title\": \"t\", \"type\": \"FLOOD\", \"severity\": \"WARNING\", "
        + "\"zones\": [{\"country\": \"XX\"}]}"), 400, "zones[0].country");
    assertError(post("/api/v1/crises", "{\"title\": \"t\", \"type\": \"FLOOD\", \"severity\": \"WARNING\", "
        + "\"zones\": [{\"circle\": {\"latitude\": 95, \"longitude\": 13, \"radiusKm\": 0}}]}"), 400,
        "zones[0].circle.latitude", "zones[0].circle.radiusKm");
    assertError(post("/api/v1/crises", "{\"title\": \"t\", \"type\": \"FLOOD\", \"severity\": \"WARNING\", "
        + "\"zones\": [{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[13,32],[14,32],[13,33]]]}}]}"),
        400, "zones[0].geometry");
    assertError(post("/api/v1/crises", "{\"title\": \"t\", \"type\": \"FLOOD\", \"severity\": \"WARNING\", "
        + "\"zones\": [" + CIRCLE + "], \"fallback\": [\"fr\", \"xx\", \"fr\"], \"messages\": [{\"de\": \"Achtung\"},"
        + " {\"fr\": \"" + "x".repeat(1601) + "\"}, {\"es\": \"solo español\"}]}"), 422,
        "fallback[1]", "fallback[2]", "messages[0].de", "messages[1].fr", "messages[2]");
    assertError(post("/api/v1/crises", "{\"title\": \"bell\\u0007\", \"type\": \"FLOOD\", \"severity\": \"WARNING\", "
        + "\"zones\": [" + CIRCLE + "]}"), 422, "title");
    assertError(post("/api/v1/crises", "{\"title\": \"t\", \"type\": \"FLOOD\", \"severity\": \"WARNING\", "
        + "\"zones\": [" + CIRCLE + "], \"colour\": \"red\"}"), 400, "colour");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM crisis")).isEqualTo(before);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM outbox WHERE aggregate = 'crisis'")).isZero();
  }

  @Test
  void theLifecycleKeepsItsRulesAndRecordsEveryChange() {
    Map<String, Object> draft = body(post("/api/v1/crises", """
        {"title": "  Séisme au nord  ", "type": "earthquake", "severity": "extreme", "zones": [%s]}
        """.formatted(CIRCLE)), 201);
    String id = (String) draft.get("id");
    assertThat(draft.get("title")).isEqualTo("Séisme au nord");
    assertThat(draft.get("fallback")).isEqualTo(List.of("ar", "fr", "en"));

    assertError(post("/api/v1/crises/" + id + "/activate", ""), 409, "messages");
    body(post("/api/v1/crises/" + id + "/messages", "{\"texts\": {\"ar\": \"اخرجوا من المباني\", "
        + "\"fr\": \"Sortez des bâtiments.\"}}"), 201);
    Map<String, Object> active = body(post("/api/v1/crises/" + id + "/activate", ""), 200);
    assertThat(active.get("status")).isEqualTo("ACTIVE");
    assertThat(active.get("activatedBy")).isEqualTo("cell");
    assertError(post("/api/v1/crises/" + id + "/activate", ""), 409, "status");

    body(put("/api/v1/crises/" + id + "/zones", "{\"zones\": [{\"label\": \"Libya\", \"country\": \"ly\"}]}"), 200);
    Map<String, Object> closed = body(post("/api/v1/crises/" + id + "/close", "{\"reason\": \"aftershocks over\"}"),
        200);
    assertThat(closed.get("status")).isEqualTo("CLOSED");
    assertError(post("/api/v1/crises/" + id + "/close", ""), 409, "status");
    assertError(post("/api/v1/crises/" + id + "/messages", "{\"texts\": {\"fr\": \"encore\"}}"), 409, "status");
    assertError(put("/api/v1/crises/" + id + "/zones", "{\"zones\": [" + CIRCLE + "]}"), 409, "status");

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = Json.read(FIXTURE.as("cell", "/api/v1/crises/" + id + "/history")
        .get(String.class), List.class);
    assertThat(history).extracting(h -> h.get("action"))
        .containsExactly("DECLARED", "MESSAGE_ADDED", "ACTIVATED", "ZONES_CHANGED", "CLOSED");
    assertThat(history).extracting(h -> h.get("version")).containsExactly(1, 2, 3, 4, 5);
    assertThat(Json.write(history.get(4).get("detail"))).contains("aftershocks over");
    assertThat(Json.write(history.get(3).get("detail"))).contains("Libya");
    @SuppressWarnings("unchecked")
    Map<String, Object> listed = Json.read(FIXTURE.as("officer.tripoli", "/api/v1/crises?status=closed")
        .get(String.class), Map.class);
    assertThat(Json.write(listed)).contains(id);
    assertThat(AppFixture.status(FIXTURE.as("cell", "/api/v1/crises/" + java.util.UUID.randomUUID()).get()))
        .isEqualTo(404);
    assertThat(AppFixture.status(FIXTURE.as("cell", "/api/v1/crises/not-a-uuid").get())).isEqualTo(404);
    assertError(FIXTURE.call("cell", "GET", "/api/v1/crises?status=SLEEPING", null, null), 422, "status");
  }

  @Test
  void thePreviewCountsPeopleByLanguageAndSmsSegments() {
    String csv = crisis.core.registry.importing.CsvFormat.header() + "\n"
        + crisis.core.registry.importing.CsvFormat.write(crisis.core.testing.Samples.at(
            crisis.core.testing.Samples.tripolitan(1), 32.89, 13.19))
        + crisis.core.registry.importing.CsvFormat.write(crisis.core.testing.Samples.at(
            crisis.core.testing.Samples.tripolitan(2), 32.88, 13.20));
    assertThat(FIXTURE.call("cell", "POST", "/api/v1/registrations/import", csv, "text/csv")
        .readEntity(String.class)).contains("\"created\":2");
    String arabic = "ابقوا في منازلكم وابتعدوا عن النوافذ. اتصلوا بالقنصلية على الرقم المعتاد إذا احتجتم إلى مساعدة.";
    Map<String, Object> draft = body(post("/api/v1/crises", """
        {"title": "Clashes", "type": "ARMED_CONFLICT", "severity": "SEVERE", "zones": [%s],
         "fallback": ["fr", "ar"], "messages": [{"ar": "%s", "fr": "Restez chez vous."}]}
        """.formatted(CIRCLE, arabic)), 201);
    @SuppressWarnings("unchecked")
    Map<String, Object> preview = Json.read(FIXTURE.as("cell", "/api/v1/crises/" + draft.get("id") + "/preview")
        .get(String.class), Map.class);
    assertThat(preview.get("registrations")).isEqualTo(2);
    assertThat(preview.get("people")).isEqualTo(2);
    String costs = Json.write(preview.get("messages"));
    assertThat(costs).contains("\"language\":\"ar\",\"sentIn\":\"ar\",\"encoding\":\"UCS2\",\"characters\":"
        + arabic.length() + ",\"segmentsPerSms\":2,\"registrations\":2,\"segments\":4");
    assertThat(preview.get("byLanguage").toString()).contains("language=ar");
    // Who looked at how many people a zone holds is audited.
    assertThat(FIXTURE.scalar("SELECT count(*) FROM audit_event WHERE actor = 'cell' AND action = 'CRISIS_PREVIEW' "
        + "AND detail = 'crisis " + draft.get("id") + ": 2 registrations'")).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFollowUpMessageIsPreviewedWithoutBeingSavedAndRefusedAsAddingItWouldBe() {
    assertThat(FIXTURE.call("cell", "POST", "/api/v1/registrations/import", crisis.core.registry.importing.CsvFormat
        .header() + "\n" + crisis.core.registry.importing.CsvFormat.write(crisis.core.testing.Samples.at(
            crisis.core.testing.Samples.tripolitan(3), 32.89, 13.19)), "text/csv").readEntity(String.class))
        .contains("\"created\":1");
    Map<String, Object> crisis = body(post("/api/v1/crises", """
        {"title": "Floods", "type": "FLOOD", "severity": "WARNING", "zones": [%s], "fallback": ["fr", "ar"],
         "messages": [{"fr": "Montez aux étages."}]}""".formatted(CIRCLE)), 201);
    String id = (String) crisis.get("id");
    String path = "/api/v1/crises/" + id + "/messages/preview";
    // Written in French only: the Arabic speaker inside gets the French text, as the fallback says.
    Map<String, Object> preview = body(FIXTURE.call("cell", "POST", path,
        "{\"texts\": {\"fr\": \"Évacuez vers l’école Ibn Khaldoun avant 18 h.\"}}", "application/json"), 200);
    // The crisis's reach, as its own preview counts it (other tests register people in the same circle).
    Map<String, Object> whole = Json.read(FIXTURE.as("cell", "/api/v1/crises/" + id + "/preview").get(String.class),
        Map.class);
    Object reached = whole.get("registrations");
    assertThat((Integer) reached).isPositive();
    assertThat(preview.get("registrations")).isEqualTo(reached);
    List<Map<String, Object>> messages = (List<Map<String, Object>>) preview.get("messages");
    assertThat(messages).singleElement().satisfies(m -> {
      assertThat(m.get("seq")).isEqualTo(2);
      assertThat(Json.write(m.get("byLanguage"))).contains("\"language\":\"ar\",\"sentIn\":\"fr\",\"encoding\":\"UCS2\"");
    });
    // Nothing saved: the crisis still has its one message, and the history no new change.
    Map<String, Object> after = Json.read(FIXTURE.as("cell", "/api/v1/crises/" + id).get(String.class), Map.class);
    assertThat((List<?>) after.get("messages")).hasSize(1);
    assertThat(after.get("version")).isEqualTo(crisis.get("version"));
    assertThat(FIXTURE.scalar("SELECT count(*) FROM audit_event WHERE actor = 'cell' AND action = 'CRISIS_PREVIEW' "
        + "AND detail = 'crisis " + id + ", message 2 before it is sent: " + reached + " registrations'"))
        .isEqualTo(1);
    // Refused as adding it would be: no text, a language that is no code, then a closed crisis.
    assertError(FIXTURE.call("cell", "POST", path, "{\"texts\": {}}", "application/json"), 422, "texts");
    assertError(FIXTURE.call("cell", "POST", path, "{}", "application/json"), 422, "texts");
    assertError(FIXTURE.call("cell", "POST", path, "{\"texts\": {\"xx-<b>\": \"a\"}}", "application/json"), 422,
        "texts");
    body(post("/api/v1/crises/" + id + "/close", "{}"), 200);
    assertError(FIXTURE.call("cell", "POST", path, "{\"texts\": {\"fr\": \"Rentrez.\"}}", "application/json"), 409,
        "status");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aZoneChangeIsPreviewedWithWhoComesInAndWhoLeavesNothingSaved() {
    // One national in Ghadames, one in Ghat (far from the other tests' people), the second writing in French.
    String csv = crisis.core.registry.importing.CsvFormat.header() + "\n"
        + crisis.core.registry.importing.CsvFormat.write(crisis.core.testing.Samples.at(
            crisis.core.testing.Samples.tripolitan(731), 30.1333, 9.5000)) + "\n"
        + crisis.core.registry.importing.CsvFormat.write(crisis.core.testing.Samples.withLanguage(
            crisis.core.testing.Samples.at(crisis.core.testing.Samples.tripolitan(732), 24.9647, 10.1728),
            crisis.core.registry.Language.FR));
    assertThat(FIXTURE.call("cell", "POST", "/api/v1/registrations/import", csv, "text/csv")
        .readEntity(String.class)).contains("\"created\":2");
    String ghadames = "{\"label\":\"Ghadames\",\"circle\":{\"latitude\":30.1333,\"longitude\":9.5,\"radiusKm\":5}}";
    String ghat = "{\"label\":\"Ghat\",\"circle\":{\"latitude\":24.9647,\"longitude\":10.1728,\"radiusKm\":5}}";
    Map<String, Object> crisis = body(post("/api/v1/crises", """
        {"title": "Sandstorm", "type": "STORM", "severity": "WARNING", "zones": [%s], "fallback": ["fr", "ar"],
         "messages": [{"fr": "Restez à l'abri.", "ar": "ابقوا في الداخل."}, {"fr": "Fermez les fenêtres."}]}
        """.formatted(ghadames)), 201);
    String id = (String) crisis.get("id");
    String path = "/api/v1/crises/" + id + "/zones/preview";
    // A draft: nothing was sent, so the preview is that of everyone the new zones hold.
    Map<String, Object> draft = body(FIXTURE.call("cell", "POST", path, "{\"zones\": [" + ghadames + ", " + ghat
        + "]}", "application/json"), 200);
    assertThat(draft).containsEntry("status", "DRAFT").containsEntry("inside", 2).containsEntry("newlyInside", 1)
        .containsEntry("noLongerInside", 0);
    assertThat(((Map<String, Object>) draft.get("sent")).get("registrations")).isEqualTo(2);
    body(post("/api/v1/crises/" + id + "/activate", ""), 200);
    // Active: moving the zone from Ghadames to Ghat sends both messages to the one in Ghat, in French, and
    // nothing more to the one in Ghadames.
    Map<String, Object> moved = body(FIXTURE.call("cell", "POST", path, "{\"zones\": [" + ghat + "]}",
        "application/json"), 200);
    assertThat(moved).containsEntry("status", "ACTIVE").containsEntry("inside", 1).containsEntry("newlyInside", 1)
        .containsEntry("noLongerInside", 1);
    Map<String, Object> sent = (Map<String, Object>) moved.get("sent");
    assertThat(sent.get("registrations")).isEqualTo(1);
    List<Map<String, Object>> messages = (List<Map<String, Object>>) sent.get("messages");
    assertThat(messages).extracting(m -> m.get("seq")).containsExactly(1, 2);
    assertThat(Json.write(messages.get(0).get("byLanguage"))).contains("\"language\":\"fr\",\"sentIn\":\"fr\"")
        .doesNotContain("\"language\":\"ar\"");
    // Widened to both: the one in Ghat is new, the one in Ghadames got everything already.
    Map<String, Object> widened = body(FIXTURE.call("cell", "POST", path, "{\"zones\": [" + ghadames + ", " + ghat
        + "]}", "application/json"), 200);
    assertThat(widened).containsEntry("inside", 2).containsEntry("newlyInside", 1).containsEntry("noLongerInside", 0);
    assertThat(((Map<String, Object>) widened.get("sent")).get("registrations")).isEqualTo(1);
    // Nothing saved, and the look audited.
    Map<String, Object> after = body(FIXTURE.call("cell", "GET", "/api/v1/crises/" + id, null, null), 200);
    assertThat(after.get("version")).isEqualTo(2);
    assertThat((List<?>) after.get("zones")).hasSize(1);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM audit_event WHERE actor = 'cell' AND action = 'CRISIS_PREVIEW' "
        + "AND detail = 'crisis " + id + ", zones as they would be changed (1 inside, 1 newly): 1 registrations'"))
        .isEqualTo(1);
    // Refused as the change would be: no zone, a zone that is none, a closed crisis.
    // Each reason with its code and parameters, for a client that says it in its user's language.
    Response none = FIXTURE.call("cell", "POST", path, "{\"zones\": []}", "application/json");
    assertThat(none.getStatus()).isEqualTo(422);
    assertThat(none.readEntity(String.class)).contains("{\"field\":\"zones\",\"reason\":\"give at least one zone\","
        + "\"code\":\"zoneMissing\"}");
    assertError(FIXTURE.call("cell", "POST", path, "{\"zones\": [{\"circle\":{\"latitude\":91,"
        + "\"longitude\":9.5,\"radiusKm\":5}}]}", "application/json"), 400, "zones[0].circle.latitude");
    body(post("/api/v1/crises/" + id + "/close", "{}"), 200);
    assertError(FIXTURE.call("cell", "POST", path, "{\"zones\": [" + ghat + "]}", "application/json"), 409,
        "status");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aZoneRepairedOnDeclarationSaysWhatWasRepairedThenAndLater() {
    // A hand-drawn bow-tie and a part without area (all its points on one meridian), as published outlines carry.
    String bowTie = "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[13.1,32.8],[13.3,33.0],[13.3,32.8],[13.1,33.0],"
        + "[13.1,32.8]]],[[[13.5,32.8],[13.5,32.9],[13.5,33.0],[13.5,32.8]]]]}";
    String declaration = "{\"title\": \"Flood\", \"type\": \"FLOOD\", \"severity\": \"WARNING\", \"zones\": "
        + "[{\"label\": \"basin\", \"geometry\": " + bowTie + "%s}, " + CIRCLE + "]}";
    long before = FIXTURE.scalar("SELECT count(*) FROM crisis");
    assertError(post("/api/v1/crises", declaration.formatted(", \"strict\": true")), 400,
        "zones[0].geometry.coordinates[0]");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM crisis")).isEqualTo(before);
    Map<String, Object> draft = body(post("/api/v1/crises", declaration.formatted("")), 201);
    List<Map<String, Object>> zones = (List<Map<String, Object>>) draft.get("zones");
    assertThat((List<String>) zones.get(0).get("warnings")).containsExactly(
        "zones[0].geometry.coordinates[0]: self-intersection near longitude 13.2, latitude 32.9; repaired into 2 "
            + "areas (check the zone before sending)",
        "zones[0].geometry.coordinates[1]: has no area (all its points are on one line); left out");
    assertThat(zones.get(1)).doesNotContainKey("warnings");
    Map<String, Object> read = body(FIXTURE.call("cell", "GET", "/api/v1/crises/" + draft.get("id"), null, null), 200);
    assertThat(((List<Map<String, Object>>) read.get("zones")).get(0).get("warnings"))
        .isEqualTo(zones.get(0).get("warnings"));
    // Replacing the zones reports in the same way.
    Map<String, Object> replaced = body(put("/api/v1/crises/" + draft.get("id") + "/zones",
        "{\"zones\": [{\"geometry\": " + bowTie + "}]}"), 200);
    assertThat(((List<Map<String, Object>>) replaced.get("zones")).get(0).get("warnings").toString())
        .contains("zones[0].geometry.coordinates[0]: self-intersection");
  }

  private static Response post(String path, String json) {
    return FIXTURE.call("cell", "POST", path, json, "application/json");
  }

  private static Response put(String path, String json) {
    return FIXTURE.call("cell", "PUT", path, json, "application/json");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Response r, int status) {
    try (r) {
      String b = r.readEntity(String.class);
      assertThat(r.getStatus()).as(b).isEqualTo(status);
      return Json.read(b, Map.class);
    }
  }

  private static void assertError(Response r, int status, String... fields) {
    try (r) {
      String b = r.readEntity(String.class);
      assertThat(r.getStatus()).as(b).isEqualTo(status);
      for (String f : fields) {
        assertThat(b).contains("\"field\":\"" + f);
      }
    }
  }
}
