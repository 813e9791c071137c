package crisis.api.outreach;

import static crisis.core.testing.Samples.at;
import static crisis.core.testing.Samples.parisian;
import static crisis.core.testing.Samples.tripolitan;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import crisis.core.common.Json;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.testing.Poll;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded default's path end to end: a crisis declared and activated through the API, its alerts sent as SMS to
 * the simulated phones in each person's language, a citizen answering HELP through the simulator, and what the
 * crisis cell and the consulate then see.
 */
@Tag("kafka")
class SmsOutreachTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;

  static final String PARIS = "{\"type\":\"Polygon\",\"coordinates\":[[[2.30,48.84],[2.38,48.84],[2.38,48.88],"
      + "[2.30,48.88],[2.30,48.84]]]}";
  static final String AR = "ابقوا في منازلكم";
  static final String FR = "Restez chez vous.";
  static final String PHONE_1 = parisian(1).phone();
  static final String PHONE_2 = parisian(2).phone();

  @BeforeAll
  static void people() {
    String csv = CsvFormat.header() + "\n"
        + CsvFormat.write(at(parisian(1), 48.8600, 2.3200))
        + CsvFormat.write(at(parisian(2), 48.8700, 2.3700))
        + CsvFormat.write(at(parisian(5), 48.8049, 2.1204))   // Versailles: outside
        + CsvFormat.write(at(tripolitan(6), 32.8872, 13.1913));
    String report = FIXTURE.call("cell", "POST", "/api/v1/registrations/import", csv, "text/csv")
        .readEntity(String.class);
    assertThat(report).contains("\"created\":4");
  }

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

  @Test
  @SuppressWarnings("unchecked")
  void alertsLeaveAsSmsAndAHelpReplyReachesTheConsulate() throws Exception {
    Map<String, Object> crisis = json("cell", "POST", "/api/v1/crises", """
        {"title": "Unrest in central Paris", "type": "CIVIL_UNREST", "severity": "SEVERE",
         "zones": [{"label": "Paris centre", "geometry": %s}],
         "messages": [{"ar": "%s", "fr": "%s"}]}""".formatted(PARIS, AR, FR), 201, Map.class);
    String id = (String) crisis.get("id");
    Map<String, Object> preview = json("cell", "GET", "/api/v1/crises/" + id + "/preview", null, 200, Map.class);
    Map<String, Object> cost = ((List<Map<String, Object>>) preview.get("messages")).get(0);
    assertThat(cost.get("phones")).isEqualTo(2);
    assertThat(((Number) cost.get("expectedSeconds")).doubleValue()).isEqualTo(1.0); // 2 SMS at 100/s, rounded up
    json("cell", "POST", "/api/v1/crises/" + id + "/activate", null, 200, Map.class);

    Poll.until(Duration.ofSeconds(60), () -> !received(PHONE_1).isEmpty() && !received(PHONE_2).isEmpty(), "the SMS");
    assertThat(received(PHONE_1)).singleElement().satisfies(m -> assertThat(m.get("body")).isEqualTo(AR));
    assertThat(received(parisian(5).phone())).isEmpty();
    Poll.until(Duration.ofSeconds(60), () -> {
      Map<String, Object> o = json("officer.paris", "GET", "/api/v1/crises/" + id + "/outreach", null, 200,
          Map.class);
      return Map.of("delivered", 2).equals(o.get("smsByStatus"));
    }, "the delivery reports");

    // The citizen answers "need help" in Arabic.
    Map<String, Object> reply = json("cell", "POST", "/api/v1/simulator/replies",
        "{\"from\": \"" + PHONE_1 + "\", \"body\": \"مساعدة\"}", 200, Map.class);
    assertThat(reply.get("keyword")).isEqualTo("HELP");
    assertThat(reply.get("crisisId")).isEqualTo(id);
    Poll.until(Duration.ofSeconds(60), () -> received(PHONE_1).size() == 2, "the acknowledgement");
    assertThat((String) received(PHONE_1).get(0).get("body")).startsWith("تلقينا طلب المساعدة");

    Map<String, Object> outreach = json("cell", "GET", "/api/v1/crises/" + id + "/outreach", null, 200, Map.class);
    assertThat(outreach.get("needsHelp")).isEqualTo(1);
    assertThat(outreach.get("openAssistanceRequests")).isEqualTo(1);
    Map<String, Object> paris = json("officer.paris", "GET", "/api/v1/assistance-requests?crisis=" + id, null, 200,
        Map.class);
    assertThat(paris.get("total")).isEqualTo(1);
    assertThat(((List<Map<String, Object>>) paris.get("items")).get(0).get("replyBody")).isEqualTo("مساعدة");
    Map<String, Object> tripoli = json("officer.tripoli", "GET", "/api/v1/assistance-requests", null, 200,
        Map.class);
    assertThat(tripoli.get("total")).isEqualTo(0);

    // The consulate's queue: taken by one officer at a time, closed with what was done.
    Map<String, Object> help = ((List<Map<String, Object>>) paris.get("items")).get(0);
    assertThat(help.get("vulnerabilities")).isEqualTo(List.of("MEDICAL_CONDITION"));
    assertThat(help.get("people")).isEqualTo(3);
    String path = "/api/v1/assistance-requests/" + help.get("id");
    assertThat(json("officer.tripoli", "POST", path + "/take", "", 404, Map.class)).isNotNull();
    // The crisis cell and the officer take it at the same moment: one has it, the other is told who.
    java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
    var first = two.submit(() -> FIXTURE.call("officer.paris", "POST", path + "/take", "", "application/json"));
    var second = two.submit(() -> FIXTURE.call("cell", "POST", path + "/take", "", "application/json"));
    List<jakarta.ws.rs.core.Response> both = List.of(first.get(), second.get());
    two.shutdown();
    assertThat(both).extracting(jakarta.ws.rs.core.Response::getStatus).containsExactlyInAnyOrder(200, 409);
    String holder = both.get(0).getStatus() == 200 ? "officer.paris" : "cell";
    both.forEach(jakarta.ws.rs.core.Response::close);
    assertThat(json(holder, "POST", path + "/take", "", 200, Map.class)).containsEntry("takenBy", holder);
    assertThat(json(holder.equals("cell") ? "officer.paris" : "cell", "POST", path + "/take", "", 409, Map.class)
        .toString()).contains("taken by " + holder);
    assertThat(json("officer.paris", "POST", path + "/close", "{\"outcome\": \"  \"}", 422, Map.class).toString())
        .contains("outcome");
    Map<String, Object> closed = json("officer.paris", "POST", path + "/close",
        "{\"outcome\": \"Appelée : hébergée chez sa sœur, médicaments apportés.\"}", 200, Map.class);
    assertThat(closed).containsEntry("state", "CLOSED").containsEntry("closedBy", "officer.paris")
        .containsEntry("takenBy", holder);
    assertThat(json("officer.paris", "POST", path + "/close", "{\"outcome\": \"again\"}", 409, Map.class))
        .isNotNull();
    assertThat(json("officer.paris", "GET", "/api/v1/assistance-requests?crisis=" + id, null, 200, Map.class)
        .get("total")).isEqualTo(0);
    assertThat(json("officer.paris", "GET", "/api/v1/assistance-requests?state=all&order=urgent&crisis=" + id, null,
        200, Map.class).get("total")).isEqualTo(1);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM audit_event WHERE action IN ('TAKE_ASSISTANCE', "
        + "'CLOSE_ASSISTANCE') AND detail = 'assistance request " + help.get("id") + "'")).isEqualTo(3);
    Map<String, Object> replies = json("cell", "GET", "/api/v1/crises/" + id + "/replies?keyword=help", null, 200,
        Map.class);
    assertThat(replies.get("total")).isEqualTo(1);
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "GET", "/api/v1/crises/" + id + "/replies", null,
        null))).isEqualTo(403);

    // Who read or answered for this citizen is in the audit trail, with the citizen's registration.
    String citizen = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT id::text FROM registration WHERE phone = :p")
        .bind("p", PHONE_1).mapTo(String.class).one());
    for (String[] expected : new String[][] {{"cell", "SIMULATOR_READ"}, {"cell", "SIMULATOR_REPLY"},
        {"officer.paris", "READ_ASSISTANCE"}, {"cell", "READ_REPLIES"}}) {
      assertThat(FIXTURE.scalar("SELECT count(*) FROM audit_event WHERE actor = '" + expected[0] + "' AND action = '"
          + expected[1] + "' AND '" + citizen + "' = ANY(registration_ids)")).as(String.join(" ", expected))
          .isPositive();
    }
    assertThat(FIXTURE.scalar("SELECT count(*) FROM audit_event WHERE actor = 'officer.tripoli' AND action = "
        + "'READ_ASSISTANCE' AND '" + citizen + "' = ANY(registration_ids)")).isZero();
  }

  @Test
  void badInputToTheSimulatorNamesTheField() {
    assertThat(json("cell", "POST", "/api/v1/simulator/replies", "{\"from\": \"not a phone\", \"body\": \"1\"}", 422,
        Map.class).toString()).contains("from");
    assertThat(json("cell", "POST", "/api/v1/simulator/replies", "{\"from\": \"+33612345678\"}", 422, Map.class)
        .toString()).contains("body");
    assertThat(json("cell", "POST", "/api/v1/simulator/replies", "{\"from\": \"+33612345678\", \"body\": \""
        + "x".repeat(1601) + "\"}", 422, Map.class).toString()).contains("body");
    assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/simulator/replies", "{\"from\": ", 
        "application/json"))).isEqualTo(400);
    assertThat(AppFixture.status(FIXTURE.call("worker", "GET", "/api/v1/simulator/messages", null, null)))
        .isEqualTo(403);
    assertThat(AppFixture.status(FIXTURE.call(null, "GET", "/api/v1/simulator/messages", null, null)))
        .isEqualTo(401);
    assertThat(json("cell", "GET", "/api/v1/assistance-requests?state=maybe", null, 422, Map.class).toString())
        .contains("state");
  }
}
