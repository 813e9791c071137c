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
 * Wrong passwords from one address: after the fifth, the address waits (429 with Retry-After) whatever account and
 * password it tries, before any password is checked; other callers are untouched. The first wait is set to ten
 * minutes here so that the test cannot outrun it on a slow machine.
 */
class LoginThrottleApiTest {
  static final AppFixture FIXTURE = new AppFixture(
      ConfigOverride.config("loginThrottle.firstDelay", "10 minutes"));
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = FIXTURE.app;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** With the JDK's client: the test client of the fixture would itself wait out a 429's Retry-After and retry. */
  private HttpResponse<String> me(String user, String password) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + FIXTURE.app.getLocalPort() + "/api/v1/me"));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void fiveWrongPasswordsHoldTheAddress() throws Exception {
    assertThat(me("officer.paris", AppFixture.PASSWORD).statusCode()).isEqualTo(200);
    for (int i = 0; i < 5; i++) {
      assertThat(me("officer.tripoli", "wrong password " + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> held = me("officer.tripoli", AppFixture.PASSWORD);
    assertThat(held.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(held.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 600L);
    assertThat(held.body()).contains("\"error\":\"too_many_attempts\"");
    // The hold is on the address, which has failed, whatever account it tries.
    assertThat(me("cell", AppFixture.PASSWORD).statusCode()).isEqualTo(429);
    // A request without credentials is not a sign-in attempt.
    assertThat(me(null, null).statusCode()).isEqualTo(401);
  }
}
