package crisis.api.resources;

import crisis.api.auth.LoginThrottle;
import crisis.api.auth.SessionAuthFilter;
import crisis.api.auth.UserPrincipal;
import crisis.api.errors.ErrorBody;
import crisis.core.access.Actor;
import crisis.core.users.Sessions;
import crisis.core.users.UserService;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The web console's sign-in: a session cookie (HttpOnly, SameSite=Strict, Secure behind TLS) and a CSRF token to send
 * back in {@code X-CSRF-Token} with every change; the same users, passwords, throttling and roles as HTTP Basic,
 * which scripts keep using. A session ends after its idle timeout, at its maximum age or at sign-out.
 */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class SessionResource {
  private final UserService users;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final boolean secureCookie;
  private final Duration maxAge;

  public SessionResource(UserService users, Sessions sessions, LoginThrottle throttle, boolean secureCookie,
      Duration maxAge, String mapTiles) {
    this.mapTiles = mapTiles;
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
    this.secureCookie = secureCookie;
    this.maxAge = maxAge;
  }

  public record SignIn(String username, String password) {}

  /** Who signed in, and the token to send back with every change ({@code csrfToken}; null for HTTP Basic). */
  public record SessionView(String username, String role, String consulateId, String region,
      Set<String> jurisdiction, String csrfToken, long idleTimeoutSeconds, String mapTiles) {}

  /** The console's tile server ({@code console.mapTiles}), or null: the base map is the countries' outlines. */
  private final String mapTiles;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign in to the console: sets the session cookie, returns the CSRF token")
  public Response signIn(@Context HttpServletRequest http, SignIn body) {
    String address = crisis.api.auth.LoginThrottle.addressKey(crisis.api.auth.ClientAddress.of(http));
    String account = body == null ? null : body.username();
    Optional<Duration> wait = throttle.waitBeforeAttempt(account, address);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      return Response.status(Response.Status.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, seconds)
          .entity(ErrorBody.of("too_many_attempts", "too many failed sign-ins from this address or for this "
              + "account; try again in " + seconds + " s")).build();
    }
    Optional<Actor> actor = body == null ? Optional.empty()
        : users.authenticate(body.username(), body.password(), address);
    if (actor.isEmpty()) {
      throttle.failed(account, address);
      return Response.status(Response.Status.UNAUTHORIZED)
          .entity(ErrorBody.of("unauthorized", "wrong user name or password")).build();
    }
    throttle.succeeded(account, address);
    Sessions.Opened opened = sessions.open(actor.get().username());
    return Response.ok(view(actor.get(), opened.session().csrf()))
        .header(HttpHeaders.SET_COOKIE, cookie(opened.token(), maxAge.toSeconds())).build();
  }

  @GET
  @PermitAll
  @Operation(summary = "The signed-in user and the session's CSRF token (after a reload of the console)")
  public SessionView current(@Parameter(hidden = true) @Auth UserPrincipal user,
      @CookieParam(SessionAuthFilter.COOKIE) String token) {
    return view(user.actor(), token == null ? null : sessions.find(token).map(Sessions.Session::csrf).orElse(null));
  }

  @DELETE
  @PermitAll
  @Operation(summary = "Sign out: ends the session and clears the cookie")
  public Response signOut(@Parameter(hidden = true) @Auth UserPrincipal user,
      @CookieParam(SessionAuthFilter.COOKIE) String token) {
    sessions.close(token);
    return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", 0)).build();
  }

  private SessionView view(Actor a, String csrf) {
    return new SessionView(a.username(), a.role().name(), a.consulateId(), a.region(), a.jurisdiction(), csrf,
        sessions.idleTimeout().toSeconds(), mapTiles);
  }

  private String cookie(String value, long maxAgeSeconds) {
    return SessionAuthFilter.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
        + (secureCookie ? "; Secure" : "");
  }
}
