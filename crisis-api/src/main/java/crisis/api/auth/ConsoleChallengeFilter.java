package crisis.api.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A 401 to the web console (its calls say {@code X-Requested-With: console}), or to a browser's navigation (an
 * address typed or a link followed: {@code Sec-Fetch-Mode: navigate}, or HTML asked for), comes without the Basic
 * challenge: the browser never offers its own password dialog, whose credentials it would then send with every
 * request to this site, a cross-site form's too. Scripts get the challenge.
 */
public final class ConsoleChallengeFilter implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String accept = request.getHeaderString(HttpHeaders.ACCEPT);
    boolean browser = "console".equals(request.getHeaderString("X-Requested-With"))
        || "navigate".equals(request.getHeaderString("Sec-Fetch-Mode"))
        || (accept != null && accept.contains("text/html"));
    if (response.getStatus() == 401 && browser) {
      response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
    }
  }
}
