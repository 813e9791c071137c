package crisis.api.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A 401 to the web console (its calls say {@code X-Requested-With: console}) comes without the Basic challenge, so
 * that the browser shows the console's sign-in instead of its own password dialog. Scripts get the challenge.
 */
public final class ConsoleChallengeFilter implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() == 401 && "console".equals(request.getHeaderString("X-Requested-With"))) {
      response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
    }
  }
}
