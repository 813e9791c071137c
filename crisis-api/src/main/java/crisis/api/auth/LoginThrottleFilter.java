package crisis.api.auth;

import crisis.api.errors.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link LoginThrottle} to HTTP Basic sign-ins: a request from an address or for an account that must wait is
 * answered 429 with {@code Retry-After} before its password is checked; a 401 to a request that carried credentials
 * is a failure, any other answer to an authenticated request a success. The address is {@link ClientAddress}'s: the
 * connection's, or the client's as a configured reverse proxy ({@code trustedProxies}) reports it; an IPv6 address
 * counts by its /64 block.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class LoginThrottleFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottleFilter.class);
  private static final String ATTEMPT = LoginThrottleFilter.class.getName() + ".attempt";

  private record Attempt(String account, String address) {}

  private final LoginThrottle throttle;

  @Context
  private HttpServletRequest servletRequest;

  public LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return;
    }
    String address = LoginThrottle.addressKey(ClientAddress.of(servletRequest));
    String account = account(header.substring(6).strip()).orElse(null);
    Optional<Duration> wait = throttle.waitBeforeAttempt(account, address);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      request.abortWith(Response.status(Response.Status.TOO_MANY_REQUESTS)
          .header(HttpHeaders.RETRY_AFTER, seconds)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ErrorBody.of("too_many_attempts",
              "too many failed sign-ins from this address or for this account; try again in " + seconds + " s"))
          .build());
      return;
    }
    request.setProperty(ATTEMPT, new Attempt(account, address));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(ATTEMPT) instanceof Attempt attempt)) {
      return;
    }
    java.security.Principal who = request.getSecurityContext().getUserPrincipal();
    // A success is the Basic account's only when the Basic account is who signed in: with a console cookie beside
    // wrong Basic credentials, the request passes as the cookie's user, and the password was still wrong.
    boolean basicFailed = response.getStatus() == Response.Status.UNAUTHORIZED.getStatusCode()
        || (who != null && attempt.account() != null && !attempt.account().equals(who.getName()));
    if (basicFailed) {
      if (throttle.failed(attempt.account(), attempt.address())) {
        LOG.warn("sign-ins held after repeated failures: account {} or address {}", printable(attempt.account()),
            attempt.address());
      }
    } else if (who != null && attempt.account() != null) {
      throttle.succeeded(attempt.account(), attempt.address());
    }
  }

  /** A name as typed by anyone, made safe for one log line. */
  private static String printable(String account) {
    return account == null ? "(none)" : account.replaceAll("[^A-Za-z0-9._@-]", "?");
  }

  /** The user name of a Basic header's credentials, when they can be read. */
  static Optional<String> account(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon <= 0 || colon > 64) {
        return Optional.empty();
      }
      return Optional.of(decoded.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
