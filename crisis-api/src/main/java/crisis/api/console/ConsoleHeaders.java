package crisis.api.console;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The console's pages are served with a content security policy allowing only the application's own scripts,
 * styles, images and API (no inline script, no other origin, no framing), and no referrer or content sniffing.
 */
public final class ConsoleHeaders implements Filter {
  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final String policy;

  public ConsoleHeaders() {
    this(null);
  }

  /** @param tilesOrigin the origin of the map's tile server, allowed for images; null: none */
  public ConsoleHeaders(String tilesOrigin) {
    this.policy = tilesOrigin == null ? POLICY : POLICY.replace("img-src 'self' data:;",
        "img-src 'self' data: " + tilesOrigin + ";");
  }

  /** The policy this filter sends. */
  String policy() {
    return policy;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse r = (HttpServletResponse) response;
    r.setHeader("Content-Security-Policy", policy);
    r.setHeader("X-Content-Type-Options", "nosniff");
    r.setHeader("Referrer-Policy", "no-referrer");
    r.setHeader("X-Frame-Options", "DENY");
    r.setHeader("Cache-Control", "no-cache");
    chain.doFilter(request, response);
  }
}
