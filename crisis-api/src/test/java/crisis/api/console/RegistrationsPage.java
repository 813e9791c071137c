package crisis.api.console;

import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A consular officer's registrations: search, a record's contact details edited, a CSV import. */
final class RegistrationsPage extends ConsolePage {
  RegistrationsPage(ChromeDriver browser) {
    super(browser);
  }

  RegistrationsPage open(String query) {
    ensure("registrations");
    wait.until(ExpectedConditions.visibilityOfElementLocated(test("registration-q")));
    find("registration-q").clear();
    find("registration-q").sendKeys(query);
    find("registration-search").click();
    wait.until(ExpectedConditions.numberOfElementsToBe(test("registration-open"), 1));
    find("registration-open").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(test("edit-phone")));
    return this;
  }

  void savePhone(String phone) {
    find("edit-phone").clear();
    find("edit-phone").sendKeys(phone);
    find("save-registration").click();
  }

  String result() {
    wait.until(d -> !text("registration-result").isBlank());
    return text("registration-result");
  }

  /**
   * Chooses a file and asks what importing it would do; waits for the preview, the file's refusal, or the question
   * of what its unknown columns are.
   */
  void previewFile(Path file) {
    ensure("registrations");
    find("import-file").sendKeys(file.toString());
    find("import").click();
    wait.until(d -> List.of("previewed", "done", "mapping").contains(find("import-status").getAttribute("data-state")));
  }

  /** Imports a file as an officer does: its preview, then "import" when the file was not refused whole. */
  void importFile(Path file) {
    previewFile(file);
    if ("previewed".equals(find("import-status").getAttribute("data-state"))) {
      find("import-confirm").click();
    }
  }

  /** Waits for the import to end (the server's answer read), and reads what the page says of it. */
  String importStatus() {
    wait.until(ExpectedConditions.attributeToBe(test("import-status"), "data-state", "done"));
    return text("import-status");
  }
}
