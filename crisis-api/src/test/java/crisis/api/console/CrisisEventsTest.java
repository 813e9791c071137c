package crisis.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import crisis.core.common.Json;
import crisis.core.registry.RegistrationData;
import crisis.core.testing.Samples;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The crisis page's live tally, {@code GET /api/v1/crises/{id}/events}, read as a browser's EventSource reads it:
 * the tally at once and on every change, each reply as it arrives for the crisis cell (never for an officer), the
 * same roles as the tally's endpoints, and a stream opened with a console session that ends when the session does.
 */
@Tag("app")
class CrisisEventsTest {
  static final AppFixture FIXTURE = new AppFixture(ConfigOverride.config("console.eventsEvery", "200ms"));
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = FIXTURE.app;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One server-sent event: its name and its data (JSON). */
  record Event(String name, Map<String, Object> data) {}

  /** An open stream: events as they arrive, and whether the server ended it. */
  static final class Events implements AutoCloseable {
    final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    final List<Event> seen = new ArrayList<>();
    static final Object END = new Object();
    final Thread reader;
    final Stream<String> lines;

    @SuppressWarnings("unchecked")
    Events(HttpResponse<Stream<String>> response) {
      lines = response.body();
      reader = new Thread(() -> {
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
          for (String line : (Iterable<String>) lines::iterator) {
            if (line.startsWith("event:")) {
              name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
              data.append(line.substring(5).trim());
            } else if (line.isEmpty() && name != null) {
              queue.add(new Event(name, Json.read(data.toString(), Map.class)));
              name = null;
              data.setLength(0);
            }
          }
        } catch (RuntimeException closed) {
          // the test closed the stream
        }
        queue.add(END);
      });
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits for the first event matching, keeping every event seen on the way. */
    Event await(String name, Predicate<Map<String, Object>> matching) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < end) {
        Object o = queue.poll(1, TimeUnit.SECONDS);
        if (o == END) {
          throw new AssertionError("the stream ended before a matching " + name + " event; saw " + seen);
        }
        if (o instanceof Event e) {
          seen.add(e);
          if (e.name().equals(name) && matching.test(e.data())) {
            return e;
          }
        }
      }
      throw new AssertionError("no matching " + name + " event within 60 s; saw " + seen);
    }

    /** Waits for the server to end the stream. */
    boolean ends() throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < end) {
        Object o = queue.poll(1, TimeUnit.SECONDS);
        if (o == END) {
          return true;
        }
        if (o instanceof Event e) {
          seen.add(e);
        }
      }
      return false;
    }

    @Override
    public void close() {
      lines.close();
    }
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
        .header("Accept", "text/event-stream");
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + AppFixture.PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
  }

  private static Events open(HttpRequest request) throws Exception {
    HttpResponse<Stream<String>> r = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    return new Events(r);
  }

  @SuppressWarnings("unchecked")
  private static String activeCrisisOver(RegistrationData person) {
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations", Json.write(person),
        "application/json"))).isEqualTo(201);
    try (jakarta.ws.rs.core.Response r = FIXTURE.call("cell", "POST", "/api/v1/crises", """
        {"title": "Crue", "type": "FLOOD", "severity": "SEVERE",
         "zones": [{"circle": {"latitude": %s, "longitude": %s, "radiusKm": 0.3}}],
         "messages": [{"fr": "Crue : éloignez-vous du fleuve. Répondez 1 si vous allez bien."}]}"""
        .formatted(person.location().latitude(), person.location().longitude()), "application/json")) {
      assertThat(r.getStatus()).isEqualTo(201);
      String id = (String) Json.read(r.readEntity(String.class), Map.class).get("id");
      assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/crises/" + id + "/activate", "",
          "application/json"))).isEqualTo(200);
      return id;
    }
  }

  @SuppressWarnings("unchecked")
  private static long figure(Map<String, Object> tally, String part, String name) {
    return ((Number) ((Map<String, Object>) tally.get(part)).get(name)).longValue();
  }

  @Test
  void theCellSeesTheTallyMoveAndEachReplyAsItArrivesAnOfficerTheTallyOnly() throws Exception {
    // Each test at its own place in Paris: a crisis reaches only its own person.
    RegistrationData person = Samples.at(Samples.parisian(7301), 48.8300, 2.2900);
    String crisis = activeCrisisOver(person);
    try (Events cell = open(request("/api/v1/crises/" + crisis + "/events")
        .header("Authorization", basic("cell")).build());
        Events officer = open(request("/api/v1/crises/" + crisis + "/events")
            .header("Authorization", basic("officer.paris")).build())) {
      // At once, then as the pipeline alerts the person.
      cell.await("tally", t -> true);
      cell.await("tally", t -> figure(t, "status", "alerted") == 1);
      // The SMS leaves the simulated gateway before the citizen can answer it.
      cell.await("tally", t -> figure(t, "outreach", "recipients") == 1);
      assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/simulator/replies",
          "{\"from\": \"" + person.phone() + "\", \"body\": \"1\"}", "application/json"))).isEqualTo(200);
      Event reply = cell.await("reply", r -> true);
      assertThat(reply.data()).containsEntry("keyword", "SAFE").containsEntry("body", "1");
      officer.await("tally", t -> figure(t, "outreach", "replies") == 1 && figure(t, "outreach", "safe") == 1);
      assertThat(officer.seen).extracting(Event::name).containsOnly("tally");
      // And the officer's stream goes on: the crisis closed, its tally says so.
      assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/crises/" + crisis + "/close",
          "{\"reason\": \"eau retirée\"}", "application/json"))).isEqualTo(200);
      officer.await("tally", t -> "CLOSED".equals(((Map<?, ?>) t.get("status")).get("status")));
      assertThat(officer.seen).extracting(Event::name).containsOnly("tally");
    }
    // The reply shown on the page was read like the replies API reads it: audited, with whose it was.
    assertThat(FIXTURE.scalar("SELECT count(*) FROM audit_event WHERE actor = 'cell' AND action = 'READ_REPLIES' "
        + "AND detail = 'crisis " + crisis + "'")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void theStreamHasTheRolesOfTheTallyAndKnowsNoOtherCrisis() throws Exception {
    String path = "/api/v1/crises/" + activeCrisisOver(Samples.at(Samples.parisian(7302), 48.8400, 2.4100)) + "/events";
    assertThat(HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    HttpResponse<String> worker = HTTP.send(request(path).header("Authorization", basic("worker")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(worker.statusCode()).isEqualTo(403);
    assertThat(HTTP.send(request("/api/v1/crises/0190f1a8-0000-7000-8000-000000000009/events")
        .header("Authorization", basic("cell")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(404);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStreamOpenedWithTheConsoleSessionEndsWhenTheSessionDoes() throws Exception {
    String path = "/api/v1/crises/" + activeCrisisOver(Samples.at(Samples.parisian(7303), 48.8900, 2.4000)) + "/events";
    HttpResponse<String> signIn = HTTP.send(request("/api/v1/session").setHeader("Accept", "application/json")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"cell\", \"password\": \"" + AppFixture.PASSWORD
            + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(signIn.statusCode()).isEqualTo(200);
    String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String csrf = (String) Json.read(signIn.body(), Map.class).get("csrfToken");
    try (Events events = open(request(path).header("Cookie", cookie).build())) {
      events.await("tally", t -> true);
      assertThat(HTTP.send(request("/api/v1/session").setHeader("Accept", "application/json").header("Cookie", cookie).header("X-CSRF-Token", csrf)
          .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
      assertThat(events.ends()).as("the stream ends with the session").isTrue();
    }
  }
}
