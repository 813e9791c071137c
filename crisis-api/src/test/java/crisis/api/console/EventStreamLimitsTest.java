package crisis.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import crisis.core.common.Json;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The security review opened every live-event slot as one officer and locked the crisis cell out of its crisis page,
 * the refusal a 500. Each user holds a few streams at most, the last slots are the crisis cell's, and a refusal is a
 * 503 with Retry-After.
 */
@Tag("app")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class EventStreamLimitsTest {
  static final AppFixture FIXTURE = new AppFixture(ConfigOverride.config("console.maxEventStreams", "5"));
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = FIXTURE.app;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<Stream<String>> open(String user, String crisisId) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/crises/"
        + crisisId + "/events")).header("Accept", "text/event-stream").header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + AppFixture.PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofLines());
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void oneOfficerCannotTakeEveryStreamNorTheCellsOwn() throws Exception {
    String id;
    try (jakarta.ws.rs.core.Response r = FIXTURE.call("cell", "POST", "/api/v1/crises", """
        {"title": "Crue", "type": "FLOOD", "severity": "SEVERE",
         "zones": [{"circle": {"latitude": 48.85, "longitude": 2.35, "radiusKm": 1}}],
         "messages": [{"fr": "Crue : éloignez-vous du fleuve."}]}""", "application/json")) {
      id = (String) Json.read(r.readEntity(String.class), Map.class).get("id");
    }
    List<HttpResponse<Stream<String>>> held = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        held.add(open("officer.paris", id));
        assertThat(held.get(i).statusCode()).isEqualTo(200);
      }
      // A fifth for the same officer: refused, said so, with when to come back.
      HttpResponse<Stream<String>> fifth = open("officer.paris", id);
      assertThat(fifth.statusCode()).isEqualTo(503);
      assertThat(fifth.headers().firstValue("Retry-After")).contains("30");
      assertThat(String.join("", fifth.body().toList())).contains("\"error\":\"unavailable\"")
          .contains("live crisis pages open already");
      // Another officer: the slots left are the crisis cell's.
      HttpResponse<Stream<String>> other = open("officer.tripoli", id);
      assertThat(other.statusCode()).isEqualTo(503);
      other.body().close();
      HttpResponse<Stream<String>> cell = open("cell", id);
      assertThat(cell.statusCode()).isEqualTo(200);
      held.add(cell);
    } finally {
      held.forEach(h -> h.body().close());
    }
  }

  @Test
  @org.junit.jupiter.api.Order(2) // last: its streams may still hold slots for a round or two when it ends
  void aPageThatLeftFreesItsSlotWithinAFewRoundsForTheNextOne() throws Exception {
    String id;
    try (jakarta.ws.rs.core.Response r = FIXTURE.call("cell", "POST", "/api/v1/crises", """
        {"title": "Séisme", "type": "EARTHQUAKE", "severity": "SEVERE",
         "zones": [{"circle": {"latitude": 43.70, "longitude": 7.26, "radiusKm": 1}}],
         "messages": [{"fr": "Séisme : sortez des bâtiments."}]}""", "application/json")) {
      id = (String) Json.read(r.readEntity(String.class), Map.class).get("id");
    }
    // Four pages of one user, each reloaded: the browser drops the four connections on a quiet crisis.
    // (The test before left its streams too: their slots come back the same way, and are waited for here.)
    List<HttpResponse<Stream<String>>> held = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      held.add(openWithin("officer.tripoli", id, 20));
      assertThat(held.get(i).statusCode()).isEqualTo(200);
    }
    held.forEach(h -> h.body().close());
    // The page opened next gets its stream within a few rounds (eventsEvery: 2 s), not after a quarter of a minute.
    HttpResponse<Stream<String>> next = openWithin("officer.tripoli", id, 10);
    try {
      assertThat(next.statusCode()).as("a stream within 10 s of the pages leaving").isEqualTo(200);
    } finally {
      next.body().close();
    }
  }

  /** A stream, asked again every quarter of a second while refused (503), for at most {@code seconds}. */
  private static HttpResponse<Stream<String>> openWithin(String user, String crisisId, int seconds) throws Exception {
    long start = System.nanoTime();
    HttpResponse<Stream<String>> r = open(user, crisisId);
    while (r.statusCode() == 503 && System.nanoTime() - start < seconds * 1_000_000_000L) {
      r.body().close();
      Thread.sleep(250);
      r = open(user, crisisId);
    }
    return r;
  }
}
