package crisis.api.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /ready} on the admin port: 200 and the checks when ready, 503 naming the failed check otherwise. */
public final class ReadyServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final transient Readiness readiness;

  public ReadyServlet(Readiness readiness) {
    this.readiness = readiness;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Readiness.State s = readiness.check();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ready", s.ready());
    if (!s.ready()) {
      body.put("failed", s.failed());
    }
    body.put("checks", s.checks());
    resp.setStatus(s.ready() ? 200 : 503);
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    resp.setHeader("Cache-Control", "no-store");
    JSON.writeValue(resp.getOutputStream(), body);
  }
}
