package crisis.api.console;

import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The crisis cell's map: the density layer, a zone drawn or picked, the people inside counted. */
final class MapPage extends ConsolePage {
  MapPage(ChromeDriver browser) {
    super(browser);
  }

  WebElement map() {
    return find("map");
  }

  /** Waits for the base map, the countries' list, and the map at rest. */
  MapPage ready() {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=map] .leaflet-overlay-pane svg")));
    wait.until(d -> d.findElements(By.cssSelector("[data-test=country] option")).size() > 100);
    return this;
  }

  /** Picks a country: the map goes there; waits until it has stopped moving at a zoom of at least {@code zoom}. */
  MapPage pickCountry(String iso2, int zoom) {
    new Select(find("country")).selectByValue(iso2);
    wait.until(d -> "false".equals(map().getAttribute("data-moving"))
        && Integer.parseInt(map().getAttribute("data-zoom")) >= zoom);
    // All of the map in view: an action's offsets count from the centre of the element's visible part.
    script("arguments[0].scrollIntoView({block: 'center'})", map());
    return this;
  }

  void draw(String shape) {
    find("draw-" + shape).click();
    wait.until(ExpectedConditions.attributeToBe(test("draw-" + shape), "aria-pressed", "true"));
  }

  boolean drawing(String shape) {
    return "true".equals(find("draw-" + shape).getAttribute("aria-pressed"));
  }

  /** A click at {@code (x, y)} pixels from the map's centre. */
  void clickAt(int x, int y) {
    new Actions(browser).moveToElement(map(), x, y).click().perform();
  }

  void doubleClickAt(int x, int y) {
    new Actions(browser).moveToElement(map(), x, y).doubleClick().perform();
  }

  /** The zone the counts were last asked for, as the search API took it (JSON). */
  String zone() {
    return find("zone-counts").getAttribute("data-zone");
  }

  String total() {
    return text("zone-total");
  }

  String radiusField() {
    return find("radius-km").getAttribute("value");
  }

  /** Types a radius in the field and leaves it (Enter), as a user would. */
  void typeRadius(String km) {
    WebElement field = find("radius-km");
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), km, Keys.ENTER);
  }

  /** The width on screen of the circle being drawn, in CSS pixels. */
  double drawnCircleWidth() {
    return ((Number) script("const c = document.querySelector('[data-test=map] path.draft-zone');"
        + "return c ? c.getBoundingClientRect().width : -1")).doubleValue();
  }

  /** The density layer: the view its figures are for, and the view last asked for. */
  String densityShown() {
    return find("density-legend").getAttribute("data-view");
  }

  String densityAsked() {
    return map().getAttribute("data-density-view");
  }

  int densityPending() {
    String n = map().getAttribute("data-density-pending");
    return n == null ? -1 : Integer.parseInt(n);
  }

  int hexagons() {
    return browser.findElements(By.cssSelector("[data-test=map] path.density-cell")).size();
  }

  String densityLegend() {
    return text("density-legend");
  }

  void typeDeclaration(String title, Map<String, String> messages) {
    find("crisis-title").sendKeys(title);
    for (Map.Entry<String, String> m : messages.entrySet()) {
      find("message-" + m.getKey()).sendKeys(m.getValue());
    }
  }

  void prepare() {
    find("prepare").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(test("confirm")));
  }

  void cancelConfirmation() {
    find("confirm-cancel").click();
  }
}
