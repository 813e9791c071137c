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
 * The security review rotated X-Forwarded-For over 100 wrong passwords and was never held, and forged a victim's
 * address into a hold. Only the configured proxies' header is believed, and not its leftmost entries.
 */
class ForwardedForTest {
  static final AppFixture FIXTURE = new AppFixture(ConfigOverride.config("loginThrottle.firstDelay", "10 minutes"));
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = FIXTURE.app;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aRotatedForwardedForDoesNotEscapeTheThrottle() throws Exception {
    for (int i = 0; i < 8; i++) {
      me("officer.tripoli", "wrong " + i, "198.51.100." + i);
    }
    // Held on the connection's address (no proxy is trusted here), whatever the header says.
    assertThat(me("cell", AppFixture.PASSWORD, "203.0.113.77").statusCode()).isEqualTo(429);
  }

  @Test
  void productionBelievesNoForwardedHeaderButItsProxysAndListensOnlyWhereTheProxyIs() throws Exception {
    String production = java.nio.file.Files.readString(java.nio.file.Path.of("../config/production.yml"));
    // Jetty's X-Forwarded-For handling believes any caller: off. The application's own believes the proxies listed.
    assertThat(production).doesNotContain("useForwardedHeaders: true")
        .contains("bindHost: ${CRISIS_BIND_HOST:-127.0.0.1}").contains("trustedProxies: [\"127.0.0.1\", \"::1\"]");
  }

  private HttpResponse<String> me(String user, String password, String forwardedFor) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + FIXTURE.app.getLocalPort()
        + "/api/v1/me")).header("X-Forwarded-For", forwardedFor).header("Authorization", "Basic " + Base64
        .getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
