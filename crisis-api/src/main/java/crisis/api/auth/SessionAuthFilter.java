package crisis.api.auth;

import crisis.api.errors.ErrorBody;
import crisis.core.users.Sessions;
import crisis.core.users.UserService;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates the web console by its session cookie ({@value #COOKIE}), after HTTP Basic in the chain, and refuses
 * (403) a change made with the cookie unless it carries the session's CSRF token in {@value #CSRF_HEADER}: a
 * cross-site form, or any page of another site, can make the browser send the cookie, never the header. Requests
 * authenticated by HTTP Basic (scripts) are not concerned: a browser never adds those credentials on its own.
 */
@Priority(Priorities.AUTHENTICATION)
public final class SessionAuthFilter extends AuthFilter<Sessions.Session, UserPrincipal> {
  public static final String COOKIE = "crisis_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final String SESSION = SessionAuthFilter.class.getName() + ".session";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final Sessions sessions;

  private SessionAuthFilter(Sessions sessions) {
    this.sessions = sessions;
  }

  /** A filter of the given sessions, answering like the Basic filter when there is none. */
  public static SessionAuthFilter of(Sessions sessions, UserService users) {
    SessionAuthFilter f = new SessionAuthFilter(sessions);
    f.prefix = "Basic";
    f.realm = "crisis";
    f.unauthorizedHandler = new JsonUnauthorizedHandler();
    f.authorizer = new RoleAuthorizer();
    f.authenticator = session -> Optional.of(new UserPrincipal(users.actor(session.username(), null)));
    return f;
  }

  /** Whether the request was signed in by its console session (rather than by HTTP Basic). */
  public static boolean bySession(ContainerRequestContext request) {
    return request.getProperty(SESSION) != null;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Cookie cookie = request.getCookies().get(COOKIE);
    String token = cookie == null ? null : cookie.getValue();
    Optional<Sessions.Session> session = token == null ? Optional.empty() : sessions.find(token);
    // Looked up once: the authenticator turns the live session into its user.
    if (session.isEmpty() || !authenticate(request, session.get(), "Session")) {
      throw new WebApplicationException(unauthorizedHandler.buildResponse(prefix, realm));
    }
    request.setProperty(SESSION, session.get());
    if (!SAFE.contains(request.getMethod())
        && !Sessions.csrfMatches(session.get(), request.getHeaderString(CSRF_HEADER))) {
      request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ErrorBody.of("csrf", "a change from the console needs the session's " + CSRF_HEADER + " header"))
          .build());
    }
  }
}
