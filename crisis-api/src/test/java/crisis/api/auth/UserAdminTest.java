package crisis.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The security review disabled a user in SQL: Basic sign-ins kept working for five minutes (the authentication
 * cache) and its live stream kept streaming; and nothing but SQL could disable a user, change a password or end
 * sessions. The administrator does all three, and a disabled user is refused at once.
 */
class UserAdminTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = FIXTURE.app;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(String method, String path, String auth, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    b.header("Content-Type", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aDisabledUserIsRefusedAtOnceAndItsStreamEnds() throws Exception {
    String tripoli = basic("officer.tripoli", AppFixture.PASSWORD);
    assertThat(send("GET", "/api/v1/me", tripoli, null).statusCode()).isEqualTo(200);  // now in the cache
    String crisisId = (String) crisis.core.common.Json.read(send("POST", "/api/v1/crises", basic("cell",
        AppFixture.PASSWORD), """
        {"title": "Crue", "type": "FLOOD", "severity": "SEVERE",
         "zones": [{"circle": {"latitude": 32.89, "longitude": 13.19, "radiusKm": 1}}],
         "messages": [{"ar": "فيضان."}]}""").body(), java.util.Map.class).get("id");
    HttpResponse<Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + APP.getLocalPort() + "/api/v1/crises/" + crisisId + "/events")).header("Accept", "text/event-stream")
        .header("Authorization", tripoli).build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);

    // Only the administrator may.
    assertThat(send("POST", "/api/v1/users/officer.tripoli/disable", basic("cell", AppFixture.PASSWORD), null)
        .statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/v1/users/officer.tripoli/disable", basic("admin", AppFixture.PASSWORD), null)
        .statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/me", tripoli, null).statusCode()).isEqualTo(401);
    // The stream ends (read to its end; the test's limit only fails a stuck run).
    var ended = java.util.concurrent.CompletableFuture.supplyAsync(() -> stream.body().count());
    assertThat(ended.get(60, TimeUnit.SECONDS)).isNotNegative();
  }

  @Test
  void anAdministratorSetsAPasswordAndEndsSessions() throws Exception {
    HttpResponse<String> signedIn = send("POST", "/api/v1/session", null,
        "{\"username\": \"worker\", \"password\": \"" + AppFixture.PASSWORD + "\"}");
    String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/me"))
        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    String admin = basic("admin", AppFixture.PASSWORD);
    assertThat(send("POST", "/api/v1/users/worker/password", admin, "{\"password\": \"short\"}").statusCode())
        .isEqualTo(422);
    assertThat(send("POST", "/api/v1/users/worker/password", admin, "{\"password\": \"a new long passphrase\"}")
        .statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/me", basic("worker", "a new long passphrase"), null).statusCode()).isEqualTo(200);
    // The old session ended with the change.
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/me"))
        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    assertThat(send("DELETE", "/api/v1/users/worker/sessions", admin, null).body()).contains("\"ended\":0");
    assertThat(send("DELETE", "/api/v1/users/nobody.here/sessions", admin, null).statusCode()).isEqualTo(404);
  }
}
