package crisis.api.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import crisis.core.common.Json;
import crisis.core.testing.Poll;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The citizen's page in headless Chromium on a phone's screen (360 × 640), in Arabic: the phone proven by the code
 * received at the simulator's phone, a refusal said at its field, then the whole declaration taken, and the pending
 * record in the Paris officer's queue, shown in the console in Arabic and confirmed there; then her link by SMS, opened
 * with her number, and her trip ended early from her phone. axe-core finds no serious or critical violation at any
 * step, and the browser's console no error.
 */
@Tag("app")
class CitizenPageBrowserTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;

  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void startBrowser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=360,640",
        "--lang=ar");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStudentDeclaresHerselfInArabicOnHerPhoneAndLandsInTheConsulatesQueue() throws IOException {
    String phone = "+33698762001";
    browser.get("http://127.0.0.1:" + APP.getLocalPort() + "/citizen/?lang=ar");
    wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "dir", "rtl"));
    wait.until(ExpectedConditions.textToBe(By.id("title"), "التسجيل القنصلي"));
    assertThat(serious()).as("the first screen").isEmpty();
    screenshot("citizen-phone-ar");

    browser.findElement(By.id("phone")).sendKeys(phone);
    browser.findElement(By.cssSelector("#phone-form button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("declaration-form")));
    assertThat(browser.findElement(By.id("phone-status")).getText()).startsWith("أرسل إليكم رمز");
    String code = codeReceivedBy(phone);

    fill("givenNameLatin", "Salma");
    fill("familyNameLatin", "Bennani");
    fill("givenNameArabic", "سلمى");
    fill("familyNameArabic", "بناني");
    date("dateOfBirth", "2031-05-02");  // in the future: refused at its field
    browser.findElement(By.cssSelector("input[name=sex][value=F]")).click();
    fill("passportNumber", "ZX7654399");
    wait.until(d -> new Select(d.findElement(By.id("countryOfResidence"))).getOptions().size() > 1);
    new Select(browser.findElement(By.id("countryOfResidence"))).selectByValue("FR");
    assertThat(new Select(browser.findElement(By.id("countryOfResidence"))).getFirstSelectedOption().getText())
        .isEqualTo("فرنسا");
    fill("address", "Cité internationale universitaire, Paris");
    browser.findElement(By.cssSelector("input[name=residenceType][value=TEMPORARY]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("arrivalDate")));
    date("arrivalDate", "2026-09-01");
    date("departureDate", "2027-06-30");
    new Select(browser.findElement(By.id("stayPurpose"))).selectByValue("STUDY");
    browser.findElement(By.id("add-member")).click();
    fill("member-0-name", "Omar Bennani");
    new Select(browser.findElement(By.id("member-0-relation"))).selectByValue("SIBLING");
    date("member-0-dateOfBirth", "2010-01-09");
    browser.findElement(By.cssSelector("input[name=vulnerabilities][value=UNACCOMPANIED_MINOR]")).click();
    browser.findElement(By.cssSelector("input[name=consents][value=CRISIS_CONTACT]")).click();
    browser.findElement(By.cssSelector("input[name=consents][value=REPATRIATION]")).click();
    fill("code", code);
    assertThat(serious()).as("the declaration filled in").isEmpty();
    browser.findElement(By.cssSelector("#declaration-form button[type=submit]")).click();

    wait.until(ExpectedConditions.attributeToBe(By.id("dateOfBirth"), "aria-invalid", "true"));
    assertThat(browser.findElement(By.id("dateOfBirth-error")).getText()).startsWith("تحققوا من هذه الخانة");
    assertThat(browser.findElement(By.id("form-error")).getText()).isEqualTo("بعض الخانات تحتاج إلى تصحيح.");
    assertThat(serious()).as("a refusal said at its field").isEmpty();
    screenshot("citizen-refused-ar");

    date("dateOfBirth", "2003-05-02");
    browser.findElement(By.cssSelector("#declaration-form button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
    assertThat(browser.findElement(By.id("done-title")).getText()).isEqualTo("تم استلام التصريح");
    assertThat(serious()).as("the declaration received").isEmpty();
    screenshot("citizen-declared-ar");

    Map<String, Object> queue;
    try (Response r = FIXTURE.call("officer.paris", "GET", "/api/v1/registrations/pending", null, null)) {
      queue = Json.read(r.readEntity(String.class), Map.class);
    }
    Map<String, Object> salma = (Map<String, Object>) ((List<Map<String, Object>>) queue.get("items")).get(0)
        .get("registration");
    assertThat(salma.get("phone")).isEqualTo(phone);
    assertThat(salma.get("givenNameArabic")).isEqualTo("سلمى");
    assertThat(salma.get("residenceType")).isEqualTo("TEMPORARY");
    assertThat(salma.get("departureDate")).isEqualTo("2027-06-30");
    assertThat((List<Map<String, Object>>) salma.get("household")).singleElement()
        .satisfies(m -> assertThat(m.get("fullName")).isEqualTo("Omar Bennani"));
    assertThat(salma.get("preferredLanguage")).isEqualTo("ar");

    List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
        .filter(m -> !m.matches("(?s).* Failed to load resource: the server responded with a status of 422 .*"))
        .toList();
    assertThat(errors).as("errors in the browser's console").isEmpty();

    // The Paris officer's console, in Arabic: the declaration in the consulate's queue, then confirmed there.
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    browser.get("http://127.0.0.1:" + APP.getLocalPort() + "/console/#/declarations");
    browser.findElement(By.cssSelector("[data-language=ar]")).click();
    browser.findElement(By.id("username")).sendKeys("officer.paris");
    browser.findElement(By.id("password")).sendKeys(AppFixture.PASSWORD);
    browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
    String id = (String) salma.get("id");
    By entry = By.cssSelector("li[data-declaration='" + id + "']");
    wait.until(ExpectedConditions.visibilityOfElementLocated(entry));
    assertThat(browser.findElement(By.id("declarations-count")).getText()).isEqualTo("١");
    assertThat(browser.findElement(entry).getText()).contains("Salma Bennani", "سلمى بناني", "+33698762001",
        "الدراسة", "لم يُعثر على ملف مكرر.");
    assertThat(serious()).as("the console's queue of declarations").isEmpty();
    screenshot("console-declarations-ar");
    browser.findElement(By.cssSelector("[data-test='confirm-" + id + "']")).click();
    wait.until(ExpectedConditions.textToBe(By.id("declarations-status"), "تم تأكيد التصريح."));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(entry));
    assertThat(browser.findElement(By.id("declarations-empty")).isDisplayed()).isTrue();
    try (Response r = FIXTURE.call("officer.paris", "GET", "/api/v1/registrations/" + id, null, null)) {
      assertThat(Json.read(r.readEntity(String.class), Map.class).get("confirmation")).isEqualTo("CONFIRMED");
    }

    // Back on her phone: a link by SMS, opened with her number, and her trip ended early.
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(360, 640));
    String page = "http://127.0.0.1:" + APP.getLocalPort() + "/citizen/?lang=ar";
    browser.get(page);
    wait.until(ExpectedConditions.textToBe(By.id("title"), "التسجيل القنصلي"));
    fill("link-phone", phone);
    browser.findElement(By.cssSelector("#link-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("link-status"), "أُرسل إليه رابط"));
    assertThat(serious()).as("the link asked for").isEmpty();
    String link = linkReceivedBy(phone);
    browser.get(page + "#access=" + link);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("access-form")));
    assertThat(browser.getCurrentUrl()).as("the link leaves the address bar").doesNotContain("access");
    assertThat(serious()).as("the link opened").isEmpty();
    fill("access-phone", phone);
    browser.findElement(By.cssSelector("#access-form button[type=submit]")).click();
    By record = By.cssSelector("li[data-record='" + id + "']");
    wait.until(ExpectedConditions.visibilityOfElementLocated(record));
    assertThat(browser.findElement(record).getText()).contains("سلمى بناني", "أكدته القنصلية", "فرنسا");
    assertThat(serious()).as("her records").isEmpty();
    date("end-" + id, "2027-01-15");
    browser.findElement(By.cssSelector("li[data-record='" + id + "'] form.end-trip button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("records-status"), "تنتهي إقامتكم الآن"));
    assertThat(serious()).as("her trip ended").isEmpty();
    screenshot("citizen-records-ar");
    try (Response r = FIXTURE.call("officer.paris", "GET", "/api/v1/registrations/" + id, null, null)) {
      assertThat(Json.read(r.readEntity(String.class), Map.class).get("departureDate")).isEqualTo("2027-01-15");
    }
    // A correction (her family name as in her passport): the form filled with what is held, no code asked; the
    // record goes back to the consulate's queue.
    browser.findElement(By.cssSelector("button[data-correct='" + id + "']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("declaration-form")));
    assertThat(browser.findElement(By.id("code-fieldset")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("givenNameArabic")).getAttribute("value")).isEqualTo("سلمى");
    assertThat(browser.findElement(By.id("member-0-name")).getAttribute("value")).isEqualTo("Omar Bennani");
    assertThat(serious()).as("the correction form").isEmpty();
    fill("familyNameLatin", "Bennani El Idrissi");
    browser.findElement(By.id("declare-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("records-status"), "تم حفظ التصحيح"));
    assertThat(browser.findElement(record).getText()).contains("Salma Bennani El Idrissi", "في انتظار تأكيد القنصلية");
    try (Response r = FIXTURE.call("officer.paris", "GET", "/api/v1/registrations/" + id, null, null)) {
      Map<String, Object> now = Json.read(r.readEntity(String.class), Map.class);
      assertThat(now).containsEntry("familyNameLatin", "Bennani El Idrissi").containsEntry("confirmation", "PENDING")
          .containsEntry("departureDate", "2027-01-15");
    }

    // Another trip or person: the form, empty, without a code to give; left with Cancel.
    browser.findElement(By.id("declare-another")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("declaration-form")));
    assertThat(browser.findElement(By.id("code-fieldset")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("givenNameLatin")).getAttribute("value")).isEmpty();
    assertThat(browser.findElement(By.id("declare-button")).getText()).isEqualTo("إرسال هذا التصريح");
    assertThat(serious()).as("another declaration's form").isEmpty();
    browser.findElement(By.id("cancel-correction")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(record));

    // The same link again opens nothing.
    browser.get(page + "#access=" + link);
    fill("access-phone", phone);
    browser.findElement(By.cssSelector("#access-form button[type=submit]")).click();
    wait.until(ExpectedConditions.attributeToBe(By.id("access-phone"), "aria-invalid", "true"));
    assertThat(browser.findElement(By.id("access-phone-error")).getText()).contains("was already used");
  }

  @SuppressWarnings("unchecked")
  private static String linkReceivedBy(String phone) {
    Pattern link = Pattern.compile("#access=([0-9a-f-]{36}\\.[A-Za-z0-9_-]{22})");
    List<Map<String, Object>> got = Poll.until(Duration.ofSeconds(60), () -> {
      try (Response r = FIXTURE.call("cell", "POST", "/api/v1/simulator/messages", "{\"phone\": \"" + phone + "\"}",
          "application/json")) {
        return (List<Map<String, Object>>) Json.read(r.readEntity(String.class), List.class);
      }
    }, l -> !l.isEmpty() && link.matcher((String) l.get(0).get("body")).find(), "the link's SMS");
    Matcher m = link.matcher((String) got.get(0).get("body"));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void thePageIsServedWithItsOwnStrictPolicyAndNoSession() {
    try (Response r = FIXTURE.call(null, "GET", "/citizen/", null, null)) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.getHeaderString("Content-Security-Policy")).contains("script-src 'self'")
          .contains("frame-ancestors 'none'").doesNotContain("unsafe");
      assertThat(r.getHeaderString("Set-Cookie")).isNull();
    }
  }

  private static void fill(String id, String text) {
    var e = browser.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  /** A date input's value, set as the page reads it (the typed form depends on the browser's locale). */
  private static void date(String id, String iso) {
    ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];", id,
        iso);
  }

  @SuppressWarnings("unchecked")
  private static String codeReceivedBy(String phone) {
    List<Map<String, Object>> got = Poll.until(Duration.ofSeconds(60), () -> {
      try (Response r = FIXTURE.call("cell", "POST", "/api/v1/simulator/messages", "{\"phone\": \"" + phone + "\"}",
          "application/json")) {
        return (List<Map<String, Object>>) Json.read(r.readEntity(String.class), List.class);
      }
    }, l -> !l.isEmpty(), "the code's SMS");
    Matcher m = Pattern.compile("([0-9]{6})").matcher((String) got.get(0).get("body"));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static void screenshot(String name) throws IOException {
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  private static List<String> serious() throws IOException {
    return crisis.api.console.Axe.serious(browser);
  }
}
