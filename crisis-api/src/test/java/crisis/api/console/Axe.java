package crisis.api.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** axe-core run on the page a browser shows: its serious and critical violations, each with the nodes it found. */
public final class Axe {
  private Axe() {}

  @SuppressWarnings("unchecked")
  public static List<String> serious(WebDriver browser) throws IOException {
    String axe;
    try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript(axe);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document).then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
            + " nodes: v.nodes.map(n => n.target.join(' '))}))));");
    return violations.stream().filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
        .map(v -> v.get("id") + ": " + v.get("nodes")).toList();
  }
}
