package crisis.api.console;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The gate page: a leg chosen, its passengers found, checked in and boarded. */
final class GatePage extends ConsolePage {
  GatePage(ChromeDriver browser) {
    super(browser);
  }

  GatePage chooseLeg(String legId) {
    ensure("gate");
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[data-test=gate-leg] option[value='" + legId + "']")));
    new Select(find("gate-leg")).selectByValue(legId);
    wait.until(d -> !text("gate-leg-name").isBlank());
    return this;
  }

  /** The text of the leg's option in the list, as the browser holds it (isolates included). */
  String legOption(String legId) {
    return (String) script("return document.querySelector(\"[data-test=gate-leg] option[value='\" + arguments[0]"
        + " + \"']\").textContent", legId);
  }

  WebElement legName() {
    return find("gate-leg-name");
  }

  List<WebElement> search(String query) {
    find("gate-query").clear();
    find("gate-query").sendKeys(query);
    wait.until(d -> !d.findElements(test("gate-passenger")).isEmpty());
    return browser.findElements(test("gate-passenger"));
  }

  void board(WebElement passenger) {
    passenger.findElement(By.cssSelector("button[data-op=BOARD]")).click();
  }

  /** Waits for the answer of the gate API to what was sent, and reads it. */
  String result() {
    wait.until(d -> !text("gate-result").isBlank());
    return text("gate-result");
  }

  String status() {
    return text("gate-status");
  }
}
