package crisis.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's shell in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs): a refused and a good sign-in, the session kept across a reload, sign-out, the Arabic
 * interface laid out right to left (a screenshot kept in {@code target/}), and axe-core finding no serious or critical
 * violation in either language.
 */
@Tag("app")
class ConsoleBrowserTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = FIXTURE.app;
  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void startBrowser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
        "--lang=fr");
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

  @BeforeEach
  void freshPage() {
    browser.get(url("/console/"));
    browser.manage().deleteAllCookies();
    ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
    browser.get(url("/console/"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-form")));
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + APP.getLocalPort() + path;
  }

  private static void signIn(String user, String password) {
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
  }

  @Test
  void aWrongPasswordIsRefusedInTheFormWithoutABrowserDialog() {
    signIn("cell", "not the password at all");
    wait.until(ExpectedConditions.textToBe(By.id("sign-in-error"), "Identifiant ou mot de passe incorrect."));
    assertThat(browser.findElement(By.id("home")).isDisplayed()).isFalse();
    assertThat(browser.manage().getCookieNamed("crisis_session")).isNull();
  }

  @Test
  void signingInKeepsTheSessionAcrossAReloadUntilSigningOut() {
    signIn("cell", AppFixture.PASSWORD);
    wait.until(ExpectedConditions.textToBe(By.id("who"), "cell"));
    assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("CRISIS_CELL");
    assertThat(browser.manage().getCookieNamed("crisis_session").isHttpOnly()).isTrue();
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.id("who"), "cell"));
    browser.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-form")));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-form")));
    assertThat(browser.findElement(By.id("home")).isDisplayed()).isFalse();
  }

  @Test
  void theArabicInterfaceIsLaidOutRightToLeft() throws IOException {
    browser.findElement(By.cssSelector("[data-language=ar]")).click();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "dir", "rtl"));
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("خلية الأزمة");
    assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText()).isEqualTo("اسم المستخدم");
    // Right to left: the form's label starts at the right edge, the title sits right of the language buttons.
    long labelRight = (Long) ((JavascriptExecutor) browser).executeScript(
        "const r = document.querySelector('label[for=username]').getBoundingClientRect();"
            + "const f = document.getElementById('sign-in-form').getBoundingClientRect();"
            + "return Math.round(f.right - r.right);");
    assertThat(labelRight).isLessThanOrEqualTo(1);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-sign-in-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    // The choice is remembered.
    browser.navigate().refresh();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "dir", "rtl"));
  }

  @Test
  void axeFindsNoSeriousOrCriticalViolationInFrenchOrArabic() throws IOException {
    assertThat(serious()).as("French").isEmpty();
    browser.findElement(By.cssSelector("[data-language=ar]")).click();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "dir", "rtl"));
    assertThat(serious()).as("Arabic").isEmpty();
    signIn("cell", AppFixture.PASSWORD);
    wait.until(ExpectedConditions.textToBe(By.id("who"), "cell"));
    assertThat(serious()).as("signed in").isEmpty();
  }

  @Test
  void theCrisisCellFollowsTheWholeSmsLoopInTheSimulatorPage() throws IOException {
    crisis.core.registry.RegistrationData person = crisis.core.testing.Samples.parisian(901);
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
        crisis.core.common.Json.write(person), "application/json"))).isEqualTo(201);
    String crisisId;
    try (jakarta.ws.rs.core.Response r = FIXTURE.call("cell", "POST", "/api/v1/crises", """
        {"title": "Crue", "type": "FLOOD", "severity": "SEVERE",
         "zones": [{"circle": {"latitude": 48.8686, "longitude": 2.3314, "radiusKm": 2}}],
         "messages": [{"ar": "فيضان: ابتعدوا عن النهر. أجيبوا 1 إذا كنتم بخير", "fr": "Crue : éloignez-vous."}]}""",
        "application/json")) {
      assertThat(r.getStatus()).isEqualTo(201);
      crisisId = (String) crisis.core.common.Json.read(r.readEntity(String.class), Map.class).get("id");
    }
    assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/crises/" + crisisId + "/activate", "",
        "application/json"))).isEqualTo(200);

    signIn("cell", AppFixture.PASSWORD);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("simulator")));
    // The alert reaches the simulated phone through the pipeline; the page shows it within a refresh.
    By phone = By.cssSelector("#phones button[data-phone='" + person.phone() + "']");
    new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.elementToBeClickable(phone)).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "فيضان"));
    browser.findElement(By.id("reply-body")).sendKeys("1");
    browser.findElement(By.cssSelector("#reply-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reply-result"), "SAFE"));
    // The acknowledgement comes back to the same phone.
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector("#messages li"))
        .size() >= 2);
    assertThat(serious()).as("the simulator page").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-simulator.png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCaseWorkerSeesItsCasesOverdueFirstAndOpensOne() throws IOException {
    String late = openCase("Casablanca, Maarif", java.time.Instant.now().minus(Duration.ofDays(10)));
    openCase("Casablanca, Anfa", java.time.Instant.now());
    assertThat(AppFixture.status(FIXTURE.call("worker", "POST", "/api/v1/reintegration/cases/" + late + "/needs",
        "{\"kind\": \"HOUSING\", \"notes\": \"chez un cousin\"}", "application/json"))).isEqualTo(201);

    signIn("worker", AppFixture.PASSWORD);
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#case-rows tr"), 2));
    var rows = browser.findElements(By.cssSelector("#case-rows tr"));
    assertThat(rows.get(0).getAttribute("class")).isEqualTo("overdue");
    assertThat(rows.get(0).getText()).contains("Casablanca, Maarif", "en retard");
    assertThat(rows.get(1).getText()).contains("Casablanca, Anfa").doesNotContain("en retard");
    assertThat(browser.findElement(By.id("simulator")).isDisplayed()).as("the cell's page only").isFalse();
    rows.get(0).findElement(By.tagName("button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-needs"), "Logement — identifié"));
    assertThat(browser.findElement(By.id("case-members")).getText()).contains("Salma Idrissi");
    assertThat(serious()).as("the case worker's pages").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-cases.png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  /** A case opened by hand by the crisis cell in Casablanca (the fixture's case worker's region). */
  @SuppressWarnings("unchecked")
  private static String openCase(String city, java.time.Instant arrived) {
    try (jakarta.ws.rs.core.Response r = FIXTURE.call("cell", "POST", "/api/v1/reintegration/cases", """
        {"destinationCity": "%s", "arrivedAt": "%s", "members": [{"fullName": "Salma Idrissi", "sex": "F",
         "phone": "+212612345678", "language": "fr", "followUp": true, "sharing": false}]}""".formatted(city, arrived),
        "application/json")) {
      assertThat(r.getStatus()).isEqualTo(201);
      return (String) crisis.core.common.Json.read(r.readEntity(String.class), Map.class).get("caseId");
    }
  }

  /** The serious and critical violations axe-core finds on the page, as "rule: target" lines. */
  @SuppressWarnings("unchecked")
  private static List<String> serious() throws IOException {
    String axe;
    try (InputStream in = ConsoleBrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    JavascriptExecutor js = browser;
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
