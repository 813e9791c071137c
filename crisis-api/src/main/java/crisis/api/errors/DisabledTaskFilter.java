package crisis.api.errors;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns off an admin task. Dropwizard's {@code /tasks/log-level} needs no authentication, and at TRACE the
 * PostgreSQL driver logs the values it binds (ID numbers, phones): log levels are set in the configuration instead.
 */
public final class DisabledTaskFilter implements Filter {
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
    HttpServletResponse r = (HttpServletResponse) response;
    r.setStatus(HttpServletResponse.SC_FORBIDDEN);
    r.setContentType("application/json");
    r.getOutputStream().write(("{\"error\":\"forbidden\",\"message\":\"this task is turned off: set log levels in "
        + "the configuration (logging.loggers) and restart\"}").getBytes(StandardCharsets.UTF_8));
  }
}
