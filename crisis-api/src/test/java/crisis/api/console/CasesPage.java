package crisis.api.console;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A case worker's cases and a case. */
final class CasesPage extends ConsolePage {
  CasesPage(ChromeDriver browser) {
    super(browser);
  }

  List<WebElement> rows(int expected) {
    wait.until(ExpectedConditions.numberOfElementsToBe(test("case-row"), expected));
    return browser.findElements(test("case-row"));
  }

  /** The rows of the cases list whose destination is {@code city}. */
  List<WebElement> rowsNamed(String city) {
    return browser.findElements(test("case-row")).stream()
        .filter(r -> r.findElement(By.tagName("button")).getText().equals(city)).toList();
  }

  void open(WebElement row) {
    row.findElement(By.tagName("button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(test("case")));
  }

  String needs() {
    return text("case-needs");
  }
}
