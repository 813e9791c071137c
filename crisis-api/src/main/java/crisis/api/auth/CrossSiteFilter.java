package crisis.api.auth;

import crisis.api.errors.ErrorBody;
import crisis.core.common.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * No change comes from another site, whatever the credentials: a browser holding Basic credentials (typed once in its
 * password dialog) sends them with a cross-site form as it would a cookie, and a bodyless POST or a text/plain body
 * needs no preflight. So a state-changing request (POST, PUT, PATCH, DELETE) that a browser marks as coming from
 * another site ({@code Sec-Fetch-Site} other than same-origin or none), or whose {@code Origin} is not this
 * application's, is refused (403) before anything runs. Scripts and servers (curl, Twilio's webhooks) send neither
 * header and are not concerned; the console's cookie changes need their CSRF token besides ({@link SessionAuthFilter}).
 */
public final class CrossSiteFilter implements Filter {
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest r = (HttpServletRequest) request;
    if (!SAFE.contains(r.getMethod()) && crossSite(r)) {
      HttpServletResponse out = (HttpServletResponse) response;
      out.setStatus(403);
      out.setContentType("application/json");
      out.getOutputStream().write(Json.write(ErrorBody.of("cross_site",
          "a change cannot come from another site's page")).getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean crossSite(HttpServletRequest r) {
    String site = r.getHeader("Sec-Fetch-Site");
    if (site != null) {
      // The browser's own judgement, which knows the page's origin: believed as it is. (Comparing Origin with Host
      // would refuse the console's own changes behind a proxy that rewrites Host.)
      return !site.equals("same-origin") && !site.equals("none");
    }
    // A browser too old to say: its Origin must be this application's.
    String origin = r.getHeader("Origin");
    if (origin == null) {
      return false;
    }
    if (origin.equals("null")) {
      return true;  // a sandboxed frame, a data: page, a redirect chain: not this application
    }
    try {
      URI o = URI.create(origin);
      String host = r.getHeader("Host");
      return host == null || o.getAuthority() == null || !o.getAuthority().equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return true;
    }
  }
}
