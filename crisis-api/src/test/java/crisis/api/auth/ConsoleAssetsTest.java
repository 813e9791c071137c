package crisis.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's pages and libraries, served by the application with a strict content security policy. */
@Tag("app")
class ConsoleAssetsTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = FIXTURE.app;

  private Response get(String path, String header, String value) {
    var b = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request();
    return header == null ? b.get() : b.header(header, value).get();
  }

  @Test
  void thePagesAndLibrariesAreServedFromTheApplicationWithAStrictPolicy() {
    try (Response r = get("/console/", null, null)) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.getMediaType().toString()).startsWith("text/html");
      assertThat(r.getHeaderString("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'")
          .doesNotContain("unsafe-inline");
      assertThat(r.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.readEntity(String.class)).contains("id=\"sign-in-form\"", "src=\"js/app.js\"")
          .doesNotContain("http://", "https://");
    }
    try (Response r = get("/console/js/api.js", null, null)) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.readEntity(String.class)).contains("X-CSRF-Token");
    }
    for (String lib : new String[] {"/console/vendor/leaflet/leaflet.js", "/console/vendor/leaflet/leaflet.css",
        "/console/vendor/h3-js/h3-js.umd.js"}) {
      try (Response r = get(lib, null, null)) {
        assertThat(r.getStatus()).as(lib).isEqualTo(200);
      }
    }
  }

  @Test
  void theConsoleGetsNoBasicChallengeScriptsDo() {
    try (Response r = get("/api/v1/me", "X-Requested-With", "console")) {
      assertThat(r.getStatus()).isEqualTo(401);
      assertThat(r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).isNull();
    }
    try (Response r = get("/api/v1/me", null, null)) {
      assertThat(r.getStatus()).isEqualTo(401);
      assertThat(r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    }
  }
}
