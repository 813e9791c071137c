package crisis.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import crisis.core.common.Json;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web console's session on the application: sign-in sets an HttpOnly, SameSite=Strict cookie; the cookie
 * authenticates like HTTP Basic, with the same roles; a change sent with the cookie but without the session's CSRF
 * token (what a cross-site form does) is refused; sign-out ends the session. Idle expiry: {@code SessionsTest}.
 */
@Tag("app")
class ConsoleSessionTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = FIXTURE.app;

  static final String PLACE = """
      {"kind": "ASSEMBLY_POINT", "name": "Gare du Nord", "latitude": 48.8809, "longitude": 2.3553,
       "country": "FR"}""";

  private Invocation.Builder at(String path, String cookie) {
    Invocation.Builder b = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request();
    return cookie == null ? b : b.header(HttpHeaders.COOKIE, cookie);
  }

  private record SignedIn(String cookie, String csrf, String setCookie) {}

  @SuppressWarnings("unchecked")
  private SignedIn signIn(String user) {
    try (Response r = at("/api/v1/session", null).post(Entity.json(
        "{\"username\": \"" + user + "\", \"password\": \"" + AppFixture.PASSWORD + "\"}"))) {
      assertThat(r.getStatus()).isEqualTo(200);
      String setCookie = r.getHeaderString(HttpHeaders.SET_COOKIE);
      Map<String, Object> body = Json.read(r.readEntity(String.class), Map.class);
      return new SignedIn(setCookie.substring(0, setCookie.indexOf(';')), (String) body.get("csrfToken"), setCookie);
    }
  }

  @Test
  void aWrongPasswordSetsNoCookie() {
    try (Response r = at("/api/v1/session", null).post(Entity.json(
        "{\"username\": \"officer.paris\", \"password\": \"not the password at all\"}"))) {
      assertThat(r.getStatus()).isEqualTo(401);
      assertThat(r.getHeaderString(HttpHeaders.SET_COOKIE)).isNull();
      assertThat(r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).as("no browser dialog").isNull();
    }
    assertThat(AppFixture.status(at("/api/v1/session", null).post(Entity.json("{}")))).isEqualTo(401);
    assertThat(AppFixture.status(at("/api/v1/me", "crisis_session=forged0000000000000000000000000000000000000")
        .get())).isEqualTo(401);
  }

  @Test
  void theCookieAuthenticatesWithTheSameRolesAndChangesNeedTheCsrfToken() {
    SignedIn s = signIn("officer.paris");
    assertThat(s.setCookie()).startsWith("crisis_session=").contains("; Path=/", "; HttpOnly", "; SameSite=Strict")
        .doesNotContain("Secure");
    assertThat(s.csrf()).hasSize(43);
    try (Response me = at("/api/v1/me", s.cookie()).get()) {
      assertThat(me.getStatus()).isEqualTo(200);
      assertThat(me.readEntity(String.class)).contains("\"username\":\"officer.paris\"");
    }
    assertThat(AppFixture.status(at("/api/v1/reintegration/cases", s.cookie()).get())).as("the officer's role")
        .isEqualTo(403);

    // What a cross-site form sends: the cookie, a form or text/plain body, no CSRF header. No endpoint takes those
    // bodies (415, before authentication); one taking JSON refuses the cookie without the token (403).
    assertThat(AppFixture.status(at("/api/v1/places", s.cookie())
        .post(Entity.form(new jakarta.ws.rs.core.Form("name", "x"))))).isIn(403, 415);
    assertThat(AppFixture.status(at("/api/v1/places", s.cookie()).post(Entity.text(PLACE)))).isIn(403, 415);
    assertThat(AppFixture.status(at("/api/v1/places", s.cookie()).post(Entity.json(PLACE)))).isEqualTo(403);
    assertThat(AppFixture.status(at("/api/v1/places", s.cookie()).header("X-CSRF-Token", s.csrf() + "x")
        .post(Entity.json(PLACE)))).isEqualTo(403);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM place WHERE name = 'Gare du Nord'")).isZero();
    assertThat(AppFixture.status(at("/api/v1/places", s.cookie()).header("X-CSRF-Token", s.csrf())
        .post(Entity.json(PLACE)))).isEqualTo(201);

    // After a reload the console asks for its token again; another session has its own.
    try (Response r = at("/api/v1/session", s.cookie()).get()) {
      assertThat(r.readEntity(String.class)).contains("\"csrfToken\":\"" + s.csrf() + "\"");
    }
    SignedIn other = signIn("officer.paris");
    assertThat(other.csrf()).isNotEqualTo(s.csrf());
    assertThat(AppFixture.status(at("/api/v1/places", other.cookie()).header("X-CSRF-Token", s.csrf())
        .post(Entity.json(PLACE)))).as("one session's token with another's cookie").isEqualTo(403);
  }

  @Test
  void signingOutEndsTheSession() {
    SignedIn s = signIn("cell");
    assertThat(AppFixture.status(at("/api/v1/session", s.cookie()).delete())).as("without the token").isEqualTo(403);
    try (Response r = at("/api/v1/session", s.cookie()).header("X-CSRF-Token", s.csrf()).delete()) {
      assertThat(r.getStatus()).isEqualTo(204);
      assertThat(r.getHeaderString(HttpHeaders.SET_COOKIE)).contains("Max-Age=0");
    }
    assertThat(AppFixture.status(at("/api/v1/me", s.cookie()).get())).isEqualTo(401);
    // Scripts keep HTTP Basic.
    assertThat(AppFixture.status(FIXTURE.as("cell", "/api/v1/me").get())).isEqualTo(200);
  }
}
