package crisis.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The security review's finding: with a case worker's console cookie, 60 wrong admin passwords over Basic were never
 * held, each request passing as the cookie's user and its "success" recorded for the Basic account. Wrong Basic
 * credentials are a failure of that account whatever else the request carries.
 */
class BasicBesideCookieTest {
  static final AppFixture FIXTURE = new AppFixture(ConfigOverride.config("loginThrottle.firstDelay", "10 minutes"));
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = FIXTURE.app;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private String base() {
    return "http://127.0.0.1:" + FIXTURE.app.getLocalPort();
  }

  @Test
  void wrongBasicCredentialsBesideAConsoleCookieAreHeld() throws Exception {
    HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/session"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"username\": \"worker\", \"password\": \"" + AppFixture.PASSWORD + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(200);
    String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    for (int i = 0; i < 12; i++) {
      HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/me")).header("Cookie", cookie)
          .header("Authorization", basic("admin", "guess number " + i)).build(), HttpResponse.BodyHandlers.ofString());
    }
    // The admin account (and this address) is now held, even with the right password.
    HttpResponse<String> admin = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/me"))
        .header("Authorization", basic("admin", AppFixture.PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(admin.statusCode()).isEqualTo(429);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
