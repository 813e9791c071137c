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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The security review activated a crisis with a form posted from another origin by a browser holding the cell's
 * Basic credentials. No change comes from another site, Basic included; and the browser is never offered its
 * password dialog on a navigation.
 */
class CrossSiteTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = FIXTURE.app;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private String base() {
    return "http://127.0.0.1:" + FIXTURE.app.getLocalPort();
  }

  private HttpResponse<String> post(String path, Map<String, String> headers, String type, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString(("cell:" + AppFixture.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    headers.forEach(b::header);
    if (type != null) {
      b.header("Content-Type", type);
    }
    return HTTP.send(b.POST(body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aChangeFromAnotherSiteIsRefusedWhateverTheCredentials() throws Exception {
    String draft = """
        {"title": "Séisme", "type": "EARTHQUAKE", "severity": "SEVERE",
         "zones": [{"label": "Tripoli", "circle": {"latitude": 32.89, "longitude": 13.19, "radiusKm": 10}}],
         "messages": [{"ar": "زلزال: اخرجوا من المباني."}]}""";
    HttpResponse<String> created = post("/api/v1/crises", Map.of(), "application/json", draft);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = (String) crisis.core.common.Json.read(created.body(), Map.class).get("id");
    // A bodyless form post from another page: refused, whether the browser says so or only its origin does.
    for (Map<String, String> h : java.util.List.of(Map.of("Origin", "http://evil.example"),
        Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Sec-Fetch-Site", "same-site", "Origin",
        "http://127.0.0.1:1"), Map.of("Origin", "null"))) {
      HttpResponse<String> r = post("/api/v1/crises/" + id + "/activate", h, "application/x-www-form-urlencoded",
          null);
      assertThat(r.statusCode()).as(h.toString()).isEqualTo(403);
      assertThat(r.body()).contains("cross_site");
    }
    HttpResponse<String> plain = post("/api/v1/crises", Map.of("Origin", "http://evil.example"), "text/plain", draft);
    assertThat(plain.statusCode()).isEqualTo(403);
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/crises/" + id)).header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(("cell:" + AppFixture.PASSWORD).getBytes(
        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString()).body()).contains("\"DRAFT\"");
    // Behind a proxy that rewrites Host, the console's own page still says same-origin: believed.
    assertThat(post("/api/v1/crises/" + id + "/activate", Map.of("Origin", "https://crisis.example.org",
        "Sec-Fetch-Site", "same-origin"), null, null).statusCode()).isEqualTo(200);
    // The same from this application's own page, or from a script, passes too.
    // (Active already: answered by the crisis, not refused as coming from another site.)
    for (Map<String, String> h : java.util.List.of(Map.of("Origin", base(), "Sec-Fetch-Site", "same-origin"),
        Map.<String, String>of())) {
      HttpResponse<String> r = post("/api/v1/crises/" + id + "/activate", h, null, null);
      assertThat(r.statusCode()).as(h.toString()).isEqualTo(409);
      assertThat(r.body()).doesNotContain("cross_site");
    }
  }

  @Test
  void aNavigationIsNeverOfferedTheBrowsersPasswordDialog() throws Exception {
    HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/me"))
        .header("Sec-Fetch-Mode", "navigate").header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
    // A script still gets the challenge.
    HttpResponse<String> script = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/me")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(script.headers().firstValue("WWW-Authenticate")).isPresent();
  }
}
