package crisis.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import crisis.core.testing.CuttableProxy;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
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
  static final Path DOWNLOADS = downloads();

  private static Path downloads() {
    try {
      return Files.createTempDirectory("console-downloads-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void startBrowser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
        "--lang=fr");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    // Downloads land in a folder of the test's own, where a test reads the file the page saved.
    options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
        "download.prompt_for_download", false));
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

  /** Set by a test that cuts the network on purpose: the browser's "could not connect" lines are then expected. */
  private boolean networkCut;

  /**
   * The browser's console holds no error: no script error, no refused content (the security policy), no failed load
   * but the API's refusals (4xx answers the console handles and says in words) and, when the test cut the network, the
   * requests that could not connect.
   */
  @AfterEach
  void theBrowsersConsoleHasNoError() {
    List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !m.matches("(?s).* Failed to load resource: the server responded with a status of 4\\d\\d .*"))
        .filter(m -> !(networkCut && m.matches("(?s).*net::ERR_[A-Z_]+.*")))
        .toList();
    assertThat(errors).as("errors in the browser's console").isEmpty();
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

  /** Opens a screen by its link in the menu (ConsolePage#go). */
  private static void go(String screen) {
    new ConsolePage(browser).go(screen);
  }

  private static void signIn(String user, String password) {
    browser.findElement(By.id("username")).clear();
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
    assertThat(browser.findElement(By.id("role")).getAttribute("data-role")).isEqualTo("CRISIS_CELL");
    assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("Cellule de crise");
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
    go("simulator");
    // The alert reaches the simulated phone through the pipeline; the page shows it within a refresh.
    By phone = By.cssSelector("#phones button[data-phone='" + person.phone() + "']");
    new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.elementToBeClickable(phone)).click();
    // A refresh of the phone list may replace the button between the click and its answer (seen on a loaded
    // machine): the phone is chosen again until its messages show.
    new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> {
          if (d.findElement(By.id("messages")).getText().contains("فيضان")) {
            return true;
          }
          d.findElement(phone).click();
          return false;
        });
    browser.findElement(By.id("reply-body")).sendKeys("1");
    browser.findElement(By.cssSelector("#reply-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reply-result"), "EN SÉCURITÉ"));
    // The acknowledgement comes back to the same phone.
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector("#messages li"))
        .size() >= 2);
    assertThat(serious()).as("the simulator page").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-simulator.png"), browser.getScreenshotAs(OutputType.BYTES));
    ConsolePage page = new ConsolePage(browser);
    page.switchTo("ar");
    assertThat(page.untranslated()).as("French or Western digits left on the simulator in Arabic").isEmpty();
    assertThat(serious()).as("the simulator page in Arabic").isEmpty();
    Files.write(Path.of("target/console-simulator-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("fr");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCaseWorkerSeesItsCasesOverdueFirstAndOpensOne() throws IOException {
    String late = openCase("Casablanca, Maarif", java.time.Instant.now().minus(Duration.ofDays(10)));
    openCase("Casablanca, Anfa", java.time.Instant.now());
    assertThat(AppFixture.status(FIXTURE.call("worker", "POST", "/api/v1/reintegration/cases/" + late + "/needs",
        "{\"kind\": \"HOUSING\", \"notes\": \"chez un cousin\"}", "application/json"))).isEqualTo(201);

    signIn("worker", AppFixture.PASSWORD);
    // Its two cases (other tests of this class open more for the same case worker), the overdue one first.
    CasesPage cases = new CasesPage(browser);
    wait.until(d -> cases.rowsNamed("Casablanca, Maarif").size() == 1 && cases.rowsNamed("Casablanca, Anfa").size() == 1);
    var all = browser.findElements(ConsolePage.test("case-row"));
    var rows = List.of(cases.rowsNamed("Casablanca, Maarif").get(0), cases.rowsNamed("Casablanca, Anfa").get(0));
    assertThat(all.indexOf(rows.get(0))).isLessThan(all.indexOf(rows.get(1)));
    assertThat(rows.get(0).getAttribute("class")).isEqualTo("overdue");
    assertThat(rows.get(0).getText()).contains("Casablanca, Maarif", "en retard");
    assertThat(rows.get(1).getText()).contains("Casablanca, Anfa").doesNotContain("en retard");
    assertThat(browser.findElement(By.id("simulator")).isDisplayed()).as("the cell's page only").isFalse();
    rows.get(0).findElement(By.tagName("button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-needs"), "Logement — identifié"));
    assertThat(browser.findElement(By.id("case-members")).getText()).contains("Salma Idrissi");
    // The case worker moves the need on, and adds one for Salma.
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("#case-needs li select")))
        .selectByValue("IN_PROGRESS");
    browser.findElement(By.cssSelector("#case-needs li button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-needs"), "Logement — en cours"));
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("need-member"))).selectByVisibleText(
        "Salma Idrissi");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("need-kind"))).selectByValue("EMPLOYMENT");
    browser.findElement(By.id("need-notes")).sendKeys("comptable, cherche un poste à Casablanca");
    browser.findElement(By.cssSelector("#need-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-needs"), "Emploi — identifié"));
    assertThat(FIXTURE.scalar("SELECT count(*) FROM reintegration_need WHERE case_id = '" + late
        + "' AND (kind, status) IN (('HOUSING', 'IN_PROGRESS'), ('EMPLOYMENT', 'IDENTIFIED'))")).isEqualTo(2);
    assertThat(serious()).as("the case worker's pages").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-cases.png"), browser.getScreenshotAs(OutputType.BYTES));
    ConsolePage page = new ConsolePage(browser);
    page.switchTo("ar");
    assertThat(page.untranslated()).as("French or Western digits left on a case in Arabic").isEmpty();
    assertThat(serious()).as("the case worker's pages in Arabic").isEmpty();
    Files.write(Path.of("target/console-cases-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("fr");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCrisisCellDrawsAZoneSeesWhoIsInsideDeclaresAndFollowsTheCrisisLive() throws IOException {
    // Two households in Lyon, one speaking French: nobody else of the fixture is there.
    crisis.core.registry.RegistrationData first = crisis.core.testing.Samples.at(
        crisis.core.testing.Samples.parisian(951), 45.7640, 4.8357);
    crisis.core.registry.RegistrationData second = crisis.core.testing.Samples.withLanguage(
        crisis.core.testing.Samples.at(crisis.core.testing.Samples.parisian(952), 45.7600, 4.8400),
        crisis.core.registry.Language.FR);
    for (var person : List.of(first, second)) {
      assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
          crisis.core.common.Json.write(person), "application/json"))).isEqualTo(201);
    }
    signIn("cell", AppFixture.PASSWORD);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#map .leaflet-overlay-pane svg")));
    wait.until(d -> d.findElements(By.cssSelector("#country option")).size() > 100);

    // A country: the map goes there, the counts are the search API's for the same zone.
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("country"))).selectByValue("FR");
    Map<String, Object> france = searchAsCell("{\"country\": \"FR\", \"limit\": 0}");
    wait.until(ExpectedConditions.textToBe(By.id("zone-total"), String.valueOf(france.get("total"))));
    assertThat(browser.findElement(By.cssSelector("#zone-languages li[data-key=fr]")).getText())
        .isEqualTo("français : " + ((Map<String, Object>) france.get("byLanguage")).get("fr"));
    assertThat(serious()).as("the map with a country's counts").isEmpty();

    // A circle drawn on the map, now on mainland France: a click at the centre, another 120 pixels away (some 400
    // km); the counts follow the circle, and it holds the two households of Lyon.
    // Once the map has settled on France (its zoom animation over).
    wait.until(d -> "false".equals(d.findElement(By.id("map")).getAttribute("data-moving"))
        && Integer.parseInt(d.findElement(By.id("map")).getAttribute("data-zoom")) >= 4);
    browser.findElement(By.cssSelector("[data-draw=circle]")).click();
    org.openqa.selenium.WebElement map = browser.findElement(By.id("map"));
    // All of the map in view: an action's offsets count from the centre of the element's visible part.
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", map);
    new org.openqa.selenium.interactions.Actions(browser).moveToElement(map, 0, 0).click()
        .moveToElement(map, 120, 0).click().perform();
    wait.until(ExpectedConditions.attributeContains(By.id("zone-counts"), "data-zone", "radiusKm"));
    String circle = browser.findElement(By.id("zone-counts")).getAttribute("data-zone");
    Map<String, Object> inCircle = searchAsCell(circle.substring(0, circle.length() - 1) + ", \"limit\": 0}");
    wait.until(ExpectedConditions.textToBe(By.id("zone-total"), String.valueOf(inCircle.get("total"))));
    assertThat(((Number) inCircle.get("total")).longValue()).as(circle + " on a map centred on "
        + browser.findElement(By.id("map")).getAttribute("data-centre")).isGreaterThanOrEqualTo(2);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-map.png"), browser.getScreenshotAs(OutputType.BYTES));

    // A polygon around Lyon would need pixels; the country again, then the declaration over it.
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("country"))).selectByValue("FR");
    wait.until(ExpectedConditions.textToBe(By.id("zone-total"), String.valueOf(france.get("total"))));
    browser.findElement(By.id("crisis-title")).sendKeys("Inondations dans le Rhône");
    browser.findElement(By.id("message-fr")).sendKeys("Crue du fleuve : montez à l'étage. Répondez 1 si tout va bien.");
    browser.findElement(By.id("message-ar")).sendKeys("فيضان: اصعدوا إلى الطوابق العليا. أجيبوا 1 إذا كنتم بخير");
    // While written: how each text travels, and the segments for the people speaking its language.
    Map<String, Object> byLanguage = (Map<String, Object>) france.get("byLanguage");
    wait.until(ExpectedConditions.textToBe(By.id("measure-fr"), "GSM-7 · 62 caractères · 1 segment(s) par SMS · "
        + byLanguage.get("fr") + " inscrits dans cette langue : " + byLanguage.get("fr") + " segments"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("measure-ar"), "UCS-2 · 56 caractères"));
    browser.findElement(By.cssSelector("#declare button[type=submit]")).click();
    // The confirmation says who receives what before anything is sent.
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
    String summary = browser.findElement(By.cssSelector("#confirm-costs [data-test=cost-summary]")).getText();
    long registrations = ((Number) france.get("total")).longValue();
    assertThat(summary).contains("(" + registrations + " inscriptions)");
    // One segment per SMS here, at 0.0725 EUR a segment (config/test.yml).
    assertThat(summary.replace('\u00a0', ' ').replace('\u202f', ' ')).contains("Coût : " + new java.text.DecimalFormat("0.00",
        java.text.DecimalFormatSymbols.getInstance(java.util.Locale.FRANCE)).format(
            new java.math.BigDecimal("0.0725").multiply(java.math.BigDecimal.valueOf(registrations))
                .setScale(2, java.math.RoundingMode.HALF_UP)) + " €");
    assertThat(browser.findElements(By.cssSelector("#confirm-costs [data-test=cost-rows] tr"))).extracting(e -> e.getText())
        .anySatisfy(row -> assertThat(row).startsWith("arabe").contains("UCS-2"))
        .anySatisfy(row -> assertThat(row).startsWith("français").contains("GSM-7"));
    assertThat(serious()).as("the confirmation").isEmpty();
    browser.findElement(By.id("confirm-send")).click();

    // The crisis page: the tally moves without a reload, and a reply shows as it arrives.
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("crisis-page")));
    assertThat(browser.findElement(By.id("crisis-cell")).isDisplayed()).as("the map, a screen of its own").isFalse();
    String crisisPage = browser.getCurrentUrl();
    assertThat(crisisPage).contains("#/crisis/");
    new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.textToBe(
        By.cssSelector("#tally [data-figure=alerted]"), String.valueOf(registrations)));
    new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> FIXTURE.scalar(
        "SELECT count(*) FROM sms_send WHERE phone = '" + second.phone() + "' AND kind = 'ALERT' AND state = 'SENT'")
        >= 1);
    assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/simulator/replies",
        "{\"from\": \"" + second.phone() + "\", \"body\": \"1\"}", "application/json"))).isEqualTo(200);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("replies"), "EN SÉCURITÉ"));
    wait.until(ExpectedConditions.textToBe(By.cssSelector("#tally [data-figure=safe]"), "1"));
    assertThat(serious()).as("the crisis page").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-crisis.png"), browser.getScreenshotAs(OutputType.BYTES));
    // Back: the map, which shows it among the active crises, its country outlined.
    browser.navigate().back();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("map")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("active-crises"), "Inondations dans le Rhône"));
    assertThat((Long) browser.executeScript("return document.querySelectorAll('#map path[stroke=\"#b91c1c\"]').length"))
        .isPositive();
    // Forward, and a reload: the same crisis page, its figures read again.
    browser.navigate().forward();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("crisis-page")));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.cssSelector("#tally [data-figure=safe]"), "1"));
    assertThat(browser.getCurrentUrl()).isEqualTo(crisisPage);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> searchAsCell(String body) {
    try (jakarta.ws.rs.core.Response r = FIXTURE.call("cell", "POST", "/api/v1/registrations/search", body,
        "application/json")) {
      assertThat(r.getStatus()).isEqualTo(200);
      return crisis.core.common.Json.read(r.readEntity(String.class), Map.class);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anOfficerTakesAndClosesAHelpRequestFromItsQueue() throws Exception {
    crisis.core.registry.RegistrationData person = crisis.core.testing.Samples.at(
        crisis.core.testing.Samples.parisian(961), 48.8000, 2.1300);
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
        crisis.core.common.Json.write(person), "application/json"))).isEqualTo(201);
    try (jakarta.ws.rs.core.Response r = FIXTURE.call("cell", "POST", "/api/v1/crises", """
        {"title": "Tempête", "type": "STORM", "severity": "SEVERE",
         "zones": [{"circle": {"latitude": 48.8000, "longitude": 2.1300, "radiusKm": 0.3}}],
         "messages": [{"fr": "Tempête : restez chez vous. Répondez 2 si vous avez besoin d'aide."}]}""",
        "application/json")) {
      String id = (String) crisis.core.common.Json.read(r.readEntity(String.class), Map.class).get("id");
      assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/crises/" + id + "/activate", "",
          "application/json"))).isEqualTo(200);
    }
    new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> FIXTURE.scalar(
        "SELECT count(*) FROM sms_send WHERE phone = '" + person.phone() + "' AND kind = 'ALERT' AND state = 'SENT'")
        >= 1);
    assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/simulator/replies",
        "{\"from\": \"" + person.phone() + "\", \"body\": \"مساعدة\"}", "application/json"))).isEqualTo(200);

    By row = By.xpath("//tbody[@id='queue-rows']/tr[td[2]='" + person.phone() + "']");
    // Not in another consulate's queue.
    signIn("officer.tripoli", AppFixture.PASSWORD);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("queue-empty")));
    assertThat(browser.findElements(row)).isEmpty();
    browser.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-form")));

    signIn("officer.paris", AppFixture.PASSWORD);
    wait.until(ExpectedConditions.visibilityOfElementLocated(row));
    assertThat(browser.findElement(row).getText()).contains("Fatima El Amrani", "مساعدة", "3 pers.", "état médical");
    assertThat(browser.findElement(row).getAttribute("class")).isEqualTo("urgent");
    assertThat(browser.findElement(By.id("crisis-cell")).isDisplayed()).as("the cell's map").isFalse();
    browser.findElement(row).findElement(By.tagName("button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "prise par officer.paris"));
    assertThat(serious()).as("the officer's queue").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-queue.png"), browser.getScreenshotAs(OutputType.BYTES));
    ConsolePage page = new ConsolePage(browser);
    page.switchTo("ar");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "officer.paris"));
    assertThat(page.untranslated()).as("French or Western digits left on the queue in Arabic").isEmpty();
    assertThat(serious()).as("the officer's queue in Arabic").isEmpty();
    Files.write(Path.of("target/console-queue-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("fr");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "prise par officer.paris"));
    browser.findElement(row).findElement(By.tagName("button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
    browser.findElement(By.id("outcome")).sendKeys("Appelée : à l'abri chez une voisine.");
    browser.findElement(By.cssSelector("#close-form button[type=submit]")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
    wait.until(ExpectedConditions.textToBe(By.id("queue-status"), "Demande close."));
    String closed = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT closed_by || ': ' || outcome FROM "
        + "assistance_request a JOIN registration r ON r.id = a.registration_id WHERE r.phone = :p")
        .bind("p", person.phone()).mapTo(String.class).one());
    assertThat(closed).isEqualTo("officer.paris: Appelée : à l'abri chez une voisine.");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theGatePageChecksSomeoneInOfflineAndSyncsOnceOnline() throws Exception {
    // A household with a seat: a crisis, its evacuation request, a leg from an assembly point, a plan.
    crisis.core.registry.RegistrationData person = crisis.core.testing.Samples.at(
        crisis.core.testing.Samples.parisian(971), 48.8200, 2.3000);
    String registration;
    try (jakarta.ws.rs.core.Response r = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
        crisis.core.common.Json.write(person), "application/json")) {
      registration = (String) crisis.core.common.Json.read(r.readEntity(String.class), Map.class).get("id");
    }
    Map<String, Object> point = json("cell", "POST", "/api/v1/places", """
        {"kind": "ASSEMBLY_POINT", "name": "Porte d'Orléans", "latitude": 48.8233, "longitude": 2.3254,
         "country": "FR"}""");
    String crisisId = (String) json("cell", "POST", "/api/v1/crises", """
        {"title": "Évacuation", "type": "ARMED_CONFLICT", "severity": "EXTREME",
         "zones": [{"circle": {"latitude": 48.8200, "longitude": 2.3000, "radiusKm": 0.3}}],
         "messages": [{"fr": "Préparez-vous à partir."}]}""").get("id");
    json("cell", "POST", "/api/v1/crises/" + crisisId + "/activate", "");
    json("officer.paris", "POST", "/api/v1/crises/" + crisisId + "/evacuation/requests",
        "{\"registrationId\": \"" + registration + "\"}");
    String departs = java.time.Instant.now().plus(Duration.ofHours(8)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
        .toString();
    String legId = (String) json("cell", "POST", "/api/v1/crises/" + crisisId + "/evacuation/legs", """
        {"kind": "BUS", "carrier": "CTM", "reference": "CTM 12", "seats": 50, "stretcherPlaces": 0,
         "wheelchairPlaces": 1, "departsAt": "%s", "reportMinutes": 120, "timeZone": "Europe/Paris",
         "destinationCity": "Tanger", "points": [{"placeId": "%s", "capacity": 100}]}"""
        .formatted(departs, point.get("id"))).get("id");
    Map<String, Object> plan = json("cell", "POST", "/api/v1/crises/" + crisisId + "/evacuation/plan", "");
    String code = (String) ((List<Map<String, Object>>) plan.get("placements")).get(0).get("boardingCode");
    assertThat(code).isNotBlank();

    // The officer opens the gate page through a connection the test can cut.
    networkCut = true;
    try (CuttableProxy network = new CuttableProxy(APP.getLocalPort())) {
      String gate = "http://127.0.0.1:" + network.port() + "/console/";
      browser.get(gate);
      signIn("officer.paris", AppFixture.PASSWORD);
      // The household is in the consulate's evacuation requests, with its seat and what it still lacks.
      By request = By.xpath("//tbody[@id='evacuation-rows']/tr[td[5]='" + code + "']");
      wait.until(ExpectedConditions.visibilityOfElementLocated(request));
      assertThat(browser.findElement(request).getText()).contains("Évacuation", "Fatima El Amrani, Youssef El Amrani",
          "places attribuées", "2 laissez-passer à délivrer");
      go("gate");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#gate-leg option[value='" + legId + "']")));
      new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("gate-leg"))).selectByValue(legId);
      wait.until(ExpectedConditions.textToBe(By.id("gate-leg-name"), browser.findElement(
          By.cssSelector("#gate-leg option[value='" + legId + "']")).getText().replaceAll("[\u2066-\u2069]", "")));
      assertThat(browser.findElement(By.id("gate-details")).getText())
          .isEqualTo("Vers Tanger, 50 places ; points de rassemblement : Porte d'Orléans");
      // The manifests download with the session, as the carrier's and the border police's files.
      assertThat((String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "fetch(document.getElementById('manifest-csv').href).then(r => r.text()).then(done)"))
          .startsWith("leg,").contains("Fatima El Amrani");
      assertThat((String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "fetch(document.getElementById('manifest-pdf').href).then(r => done(r.status + ' '"
          + " + r.headers.get('Content-Type')))")).isEqualTo("200 application/pdf");
      browser.findElement(By.id("gate-query")).sendKeys(code);
      wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#gate-results li"), 3));
      browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      assertThat(browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "navigator.serviceWorker.ready.then(() => done(true))")).isEqualTo(true);
      assertThat(serious()).as("the gate page").isEmpty();

      // Offline: DevTools network emulation, and the server out of reach.
      org.openqa.selenium.chromium.ChromiumNetworkConditions offline =
          new org.openqa.selenium.chromium.ChromiumNetworkConditions();
      offline.setOffline(true);
      browser.setNetworkConditions(offline);
      network.cut();
      browser.findElement(By.cssSelector("#gate-results li button[data-op=CHECK_IN]")).click();
      wait.until(ExpectedConditions.attributeToBe(By.id("gate-pending"), "data-count", "1"));
      wait.until(ExpectedConditions.textToBe(By.id("gate-network"), "hors ligne"));
      // The page reloads without a connection, with its list and what waits to be sent.
      browser.navigate().refresh();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("gate")));
      wait.until(ExpectedConditions.attributeToBe(By.id("gate-pending"), "data-count", "1"));
      assertThat(browser.findElement(By.id("gate-network")).getText()).isEqualTo("hors ligne");
      browser.findElement(By.id("gate-query")).sendKeys(code);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gate-results"),
          "enregistrement en attente d'envoi"));
      assertThat(FIXTURE.scalar("SELECT count(*) FROM gate_passage WHERE leg_id = '" + legId + "'")).isZero();
      Files.createDirectories(Path.of("target"));
      Files.write(Path.of("target/console-gate-offline.png"), browser.getScreenshotAs(OutputType.BYTES));

      // Online again: the queue is sent, and the server has exactly one check-in.
      network.restore();
      browser.deleteNetworkConditions();
      new WebDriverWait(browser, Duration.ofSeconds(30)).until(
          ExpectedConditions.attributeToBe(By.id("gate-pending"), "data-count", "0"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gate-results"), "enregistré"));
      assertThat(FIXTURE.scalar("SELECT count(*) FROM gate_passage WHERE leg_id = '" + legId + "'")).isEqualTo(1);
    }
  }

  // Issue 32: the crises, and closing one, from the console.

  @Test
  void theCrisisCellListsItsCrisesAndClosesOneFromItsPage() throws IOException {
    String active = (String) json("cell", "POST", "/api/v1/crises", """
        {"title": "Incendies près de Marseille", "type": "OTHER", "severity": "WARNING",
         "zones": [{"circle": {"latitude": 43.3500, "longitude": 5.4500, "radiusKm": 3}}],
         "messages": [{"fr": "Incendie : fermez les fenêtres."}]}""").get("id");
    json("cell", "POST", "/api/v1/crises/" + active + "/activate", "");
    String draft = (String) json("cell", "POST", "/api/v1/crises", """
        {"title": "Brouillon : séisme à Nice", "type": "EARTHQUAKE", "severity": "SEVERE",
         "zones": [{"circle": {"latitude": 43.7000, "longitude": 7.2600, "radiusKm": 5}}],
         "messages": [{"fr": "Séisme : sortez."}]}""").get("id");
    ConsolePage page = new ConsolePage(browser);
    page.signIn("cell", AppFixture.PASSWORD);
    page.go("crises");
    By activeRow = By.cssSelector("[data-test=crisis-row][data-crisis='" + active + "']");
    By draftRow = By.cssSelector("[data-test=crisis-row][data-crisis='" + draft + "']");
    wait.until(ExpectedConditions.visibilityOfElementLocated(activeRow));
    assertThat(browser.findElement(activeRow).getText()).contains("Incendies près de Marseille", "Autre", "Alerte");
    assertThat(browser.findElements(draftRow)).isEmpty();
    page.find("crises-DRAFT").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(draftRow));
    assertThat(browser.findElements(activeRow)).isEmpty();
    assertThat(serious()).as("the crises").isEmpty();
    page.switchTo("ar");
    wait.until(d -> page.text("crises-count").contains("المسودات"));
    assertThat(page.untranslated()).as("French or Western digits left on the Arabic crises").isEmpty();
    assertThat(serious()).as("the crises in Arabic").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-crises-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("fr");
    page.find("crises-ACTIVE").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(activeRow));
    Files.write(Path.of("target/console-crises.png"), browser.getScreenshotAs(OutputType.BYTES));

    // Its page, and closing it with a reason, after a confirmation that says what closing does.
    browser.findElement(activeRow).findElement(By.tagName("a")).click();
    wait.until(d -> "crisis".equals(page.screen()));
    wait.until(d -> page.text("crisis-state").startsWith("État : active depuis le "));
    page.find("close-crisis-reason").sendKeys("Feux fixés, retour des habitants");
    page.find("close-crisis-button").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("close-crisis-confirm")));
    assertThat(page.find("close-crisis-confirm").getText()).contains("Incendies près de Marseille",
        "Plus personne ne sera alerté");
    assertThat(serious()).as("the closing's confirmation").isEmpty();
    page.find("close-crisis-yes").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("close-crisis-result"), "Crise close."));
    wait.until(d -> page.text("crisis-state").startsWith("État : close depuis le "));
    assertThat(page.find("close-crisis").isDisplayed()).as("nothing more to close").isFalse();
    String closed = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT status || ' ' || closed_by FROM crisis WHERE "
        + "id = CAST(:id AS uuid)").bind("id", active).mapTo(String.class).one());
    assertThat(closed).isEqualTo("CLOSED cell");

    // The list has it among the closed ones now.
    page.go("crises");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(activeRow));
    page.find("crises-CLOSED").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(activeRow));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCrisisCellSendsAFollowUpAfterItsPreviewAndThePhoneInsideGetsIt() throws IOException {
    crisis.core.registry.RegistrationData inside = crisis.core.testing.Samples.at(
        crisis.core.testing.Samples.parisian(1101), 43.2965, 5.3698);
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
        crisis.core.common.Json.write(inside), "application/json"))).isEqualTo(201);
    String crisisId = (String) json("cell", "POST", "/api/v1/crises", """
        {"title": "Mistral et incendies", "type": "OTHER", "severity": "SEVERE",
         "zones": [{"circle": {"latitude": 43.2965, "longitude": 5.3698, "radiusKm": 1}}],
         "messages": [{"fr": "Incendie : restez chez vous, fenêtres fermées."}]}""").get("id");
    json("cell", "POST", "/api/v1/crises/" + crisisId + "/activate", "");

    ConsolePage page = new ConsolePage(browser);
    browser.get(url("/console/#/crisis/" + crisisId));
    page.signIn("cell", AppFixture.PASSWORD);
    wait.until(d -> "crisis".equals(page.screen()));
    By messages = By.cssSelector("[data-test=crisis-messages] li");
    wait.until(ExpectedConditions.numberOfElementsToBe(messages, 1));
    assertThat(browser.findElement(messages).getText()).contains("Message 1", "par cell",
        "Incendie : restez chez vous");

    // A follow-up in French (an apostrophe that GSM-7 lacks) and in Arabic, with a flight number inside.
    String french = "Rendez-vous à l’école Ibn Khaldoun avant 18 h, vol AH 1234.";
    String arabic = "توجهوا إلى مدرسة ابن خلدون قبل الساعة 18، الرحلة AH 1234.";
    page.find("follow-up-fr").sendKeys(french);
    page.find("follow-up-ar").sendKeys(arabic);
    page.find("follow-up-prepare").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("follow-up-confirm")));
    // The figures are the API's for the same texts (read after, so that the page's own request came first).
    Map<String, Object> expected = json("cell", "POST", "/api/v1/crises/" + crisisId + "/messages/preview",
        crisis.core.common.Json.write(Map.of("texts", Map.of("fr", french, "ar", arabic))));
    Map<String, Object> cost = ((List<Map<String, Object>>) expected.get("messages")).get(0);
    assertThat(browser.findElement(By.cssSelector("[data-test=follow-up-costs] [data-test=cost-summary]")).getText())
        .startsWith(expected.get("people") + " personne").contains(cost.get("phones") + " téléphone");
    assertThat(browser.findElements(By.cssSelector("[data-test=follow-up-costs] [data-test=cost-rows] tr")))
        .hasSize(((List<?>) cost.get("byLanguage")).size());
    assertThat(FIXTURE.scalar("SELECT count(*) FROM crisis_message WHERE crisis_id = CAST('" + crisisId
        + "' AS uuid)")).as("nothing saved by the preview").isEqualTo(1);
    assertThat(serious()).as("the follow-up's confirmation").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-follow-up.png"), browser.getScreenshotAs(OutputType.BYTES));

    page.find("follow-up-send").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("follow-up-result"), "Message 2 envoyé."));
    wait.until(ExpectedConditions.numberOfElementsToBe(messages, 2));
    assertThat(browser.findElements(messages).get(1).getText()).contains("Message 2", french, arabic);
    assertThat(page.find("follow-up-fr").getAttribute("value")).as("the form emptied").isEmpty();
    // The phone inside gets it, once, in its holder's language.
    String mine = " AND crisis_id = CAST('" + crisisId + "' AS uuid)";
    new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> FIXTURE.scalar("SELECT count(*) FROM sms_send "
        + "WHERE phone = '" + inside.phone() + "' AND kind = 'ALERT' AND state = 'SENT'" + mine) >= 2);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM sms_send WHERE phone = '" + inside.phone() + "' AND kind = "
        + "'ALERT'" + mine)).isEqualTo(2);

    // In Arabic: the page's words follow, the messages keep their own language.
    page.switchTo("ar");
    wait.until(d -> browser.findElements(messages).get(1).getText().contains("الرسالة"));
    assertThat(page.untranslated()).as("French or Western digits left on the Arabic crisis page").isEmpty();
    assertThat(serious()).as("the crisis page in Arabic").isEmpty();
    Files.write(Path.of("target/console-follow-up-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("fr");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCrisisCellWidensAnActiveCrisisZoneAfterSeeingWhoComesInAndOnlyTheNewcomerIsAlerted() throws IOException {
    // One national in Nice, inside the crisis's first zone; one in Toulon, some 126 km west, outside it.
    crisis.core.registry.RegistrationData nice = crisis.core.testing.Samples.at(
        crisis.core.testing.Samples.parisian(1111), 43.7102, 7.2620);
    crisis.core.registry.RegistrationData toulon = crisis.core.testing.Samples.at(
        crisis.core.testing.Samples.parisian(1112), 43.1242, 5.9280);
    for (crisis.core.registry.RegistrationData r : List.of(nice, toulon)) {
      assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
          crisis.core.common.Json.write(r), "application/json"))).isEqualTo(201);
    }
    String crisisId = (String) json("cell", "POST", "/api/v1/crises", """
        {"title": "Tempête sur la Côte d'Azur", "type": "STORM", "severity": "SEVERE",
         "zones": [{"label": "Nice", "circle": {"latitude": 43.7102, "longitude": 7.2620, "radiusKm": 2}}],
         "messages": [{"fr": "Tempête : restez à l'intérieur, loin des fenêtres."}]}""").get("id");
    json("cell", "POST", "/api/v1/crises/" + crisisId + "/activate", "");
    String mine = " AND kind = 'ALERT' AND crisis_id = CAST('" + crisisId + "' AS uuid)";
    new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> FIXTURE.scalar("SELECT count(*) FROM sms_send "
        + "WHERE phone = '" + nice.phone() + "' AND state = 'SENT'" + mine) == 1);

    MapPage map = new MapPage(browser);
    browser.get(url("/console/#/crisis/" + crisisId));
    map.signIn("cell", AppFixture.PASSWORD);
    wait.until(d -> "crisis".equals(map.screen()));
    wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-test=crisis-zones] li"), "Nice (cercle de 2 km)"));
    map.find("crisis-zones-link").click();
    wait.until(d -> "zones".equals(map.screen()));
    assertThat(browser.getCurrentUrl()).endsWith("#/zones/" + crisisId);
    By listed = By.cssSelector("[data-test=zone-change-list] li");
    wait.until(ExpectedConditions.numberOfElementsToBe(listed, 1));
    assertThat(map.find("declare").isDisplayed()).as("no new crisis is declared from here").isFalse();

    // A circle of 140 km around Nice drawn and added (Toulon inside, Marseille not), the first zone removed.
    map.ready();
    wait.until(d -> "false".equals(map.map().getAttribute("data-moving")));
    map.script("arguments[0].scrollIntoView({block: 'center'})", map.map());
    map.draw("circle");
    map.clickAt(0, 0);
    map.typeRadius("140");
    wait.until(d -> map.zone() != null && map.zone().contains("\"radiusKm\":140"));
    Map<String, Object> circle = (Map<String, Object>) crisis.core.common.Json.read(map.zone(), Map.class)
        .get("circle");
    map.find("zone-add").click();
    wait.until(ExpectedConditions.numberOfElementsToBe(listed, 2));
    assertThat(browser.findElements(listed).get(1).getText()).startsWith("cercle de 140 km");
    browser.findElements(By.cssSelector("[data-test=zone-change-list] [data-test=zone-remove]")).get(0).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(listed, 1));
    map.find("zone-change-prepare").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("zone-confirm")));
    // The figures are the API's for the same zones; nothing changed yet.
    Map<String, Object> expected = json("cell", "POST", "/api/v1/crises/" + crisisId + "/zones/preview",
        crisis.core.common.Json.write(Map.of("zones", List.of(Map.of("circle", circle)))));
    assertThat(expected.get("newlyInside")).isNotEqualTo(0);
    assertThat(map.find("zone-confirm-what").getText()).startsWith("Après le changement, " + expected.get("inside")
        + " inscrits seront dans les zones : " + expected.get("newlyInside") + " nouveaux recevront maintenant");
    assertThat(map.find("zone-confirm-what").getText()).contains(expected.get("noLongerInside") + " qui n'y sont plus");
    assertThat(browser.findElement(By.cssSelector("[data-test=zone-confirm-costs] [data-test=cost-summary]")).getText())
        .startsWith(((Map<String, Object>) expected.get("sent")).get("people") + " personne");
    assertThat(FIXTURE.scalar("SELECT version FROM crisis WHERE id = CAST('" + crisisId + "' AS uuid)")).isEqualTo(2);
    assertThat(serious()).as("the zone change's confirmation").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-zones.png"), browser.getScreenshotAs(OutputType.BYTES));
    // Cancelled, then seen again and confirmed in Arabic.
    map.find("zone-confirm-no").click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(ConsolePage.test("zone-confirm")));
    map.switchTo("ar");
    wait.until(ExpectedConditions.textToBe(listed, "دائرة نصف قطرها ١٤٠ كم حذف"));
    map.find("zone-change-prepare").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("zone-confirm")));
    assertThat(map.find("zone-confirm-what").getText()).startsWith("بعد التغيير");
    assertThat(map.untranslated()).as("French or Western digits left on the Arabic zone change").isEmpty();
    assertThat(serious()).as("the zone change in Arabic").isEmpty();
    Files.write(Path.of("target/console-zones-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    map.find("zone-confirm-yes").click();
    wait.until(d -> "crisis".equals(map.screen()));
    map.switchTo("fr");
    wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-test=crisis-zones] li"), "cercle de 140 km"));
    // The newcomer in Toulon gets the message sent so far, once; Nice nothing more.
    new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> FIXTURE.scalar("SELECT count(*) FROM sms_send "
        + "WHERE phone = '" + toulon.phone() + "' AND state = 'SENT'" + mine) == 1);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM sms_send WHERE phone = '" + nice.phone() + "'" + mine))
        .isEqualTo(1);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM sms_send WHERE phone = '" + toulon.phone() + "'" + mine))
        .isEqualTo(1);
  }

  @Test
  void aDraftIsResumedFromItsPageCompletedAndSentAndAnotherDiscarded() throws IOException {
    crisis.core.registry.RegistrationData inside = crisis.core.testing.Samples.at(
        crisis.core.testing.Samples.parisian(1201), 45.7640, 4.8357);
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
        crisis.core.common.Json.write(inside), "application/json"))).isEqualTo(201);
    String draft = (String) json("cell", "POST", "/api/v1/crises", """
        {"title": "Crue du Rhône", "type": "FLOOD", "severity": "WARNING",
         "zones": [{"circle": {"latitude": 45.7640, "longitude": 4.8357, "radiusKm": 1}}],
         "messages": [{"fr": "Crue : éloignez-vous des quais."}]}""").get("id");
    String other = (String) json("cell", "POST", "/api/v1/crises", """
        {"title": "Exercice annulé", "type": "OTHER", "severity": "WARNING",
         "zones": [{"circle": {"latitude": 45.7640, "longitude": 4.8357, "radiusKm": 1}}],
         "messages": [{"fr": "Exercice."}]}""").get("id");
    // (Other tests' crises may cover the same streets: only this one's SMS count.)
    String sent = "SELECT count(*) FROM sms_send WHERE phone = '" + inside.phone() + "' AND kind = 'ALERT' AND "
        + "crisis_id = CAST('" + draft + "' AS uuid)";

    ConsolePage page = new ConsolePage(browser);
    page.signIn("cell", AppFixture.PASSWORD);
    page.go("crises");
    page.find("crises-DRAFT").click();
    By row = By.cssSelector("[data-test=crisis-row][data-crisis='" + draft + "'] a");
    wait.until(ExpectedConditions.elementToBeClickable(row)).click();
    wait.until(d -> page.text("crisis-state").startsWith("État : brouillon depuis le "));
    assertThat(page.find("follow-up-prepare").getText()).isEqualTo("Ajouter au brouillon");
    assertThat(page.find("close-crisis-button").getText()).isEqualTo("Abandonner le brouillon");

    // A second message added: nothing leaves while it is a draft.
    page.find("follow-up-ar").sendKeys("فيضان: ابتعدوا عن الأرصفة.");
    page.find("follow-up-fr").sendKeys("Montez aux étages si l’eau arrive.");
    page.find("follow-up-prepare").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("follow-up-result"), "Message 2 ajouté au brouillon."));
    By messages = By.cssSelector("[data-test=crisis-messages] li");
    wait.until(ExpectedConditions.numberOfElementsToBe(messages, 2));
    assertThat(FIXTURE.scalar(sent)).isZero();
    page.switchTo("ar");
    wait.until(d -> page.find("follow-up-prepare").getText().equals("إضافة إلى المسودة"));
    assertThat(page.untranslated()).as("French or Western digits left on the Arabic draft").isEmpty();
    assertThat(serious()).as("a draft's page in Arabic").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-draft-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("fr");

    // Sent: the confirmation gives each message's cost, and the crisis goes active.
    page.find("activate-draft-prepare").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("follow-up-confirm")));
    assertThat(page.find("follow-up-costs").findElements(By.tagName("h4"))).extracting(e -> e.getText())
        .containsExactly("Message 1", "Message 2");
    assertThat(page.find("follow-up-costs").findElements(By.cssSelector("[data-test=cost-summary]"))).hasSize(2);
    assertThat(serious()).as("the draft's confirmation").isEmpty();
    Files.write(Path.of("target/console-draft-send.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.find("follow-up-send").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("follow-up-result"),
        "Crise activée : ses messages partent."));
    wait.until(d -> page.text("crisis-state").startsWith("État : active depuis le "));
    assertThat(page.find("activate-draft").isDisplayed()).isFalse();
    assertThat(page.find("follow-up-prepare").getText()).isEqualTo("Préparer l'envoi");
    new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> FIXTURE.scalar(sent) == 2);

    // The other draft discarded: closed without ever being active, kept in the history.
    browser.get(url("/console/#/crisis/" + other));
    wait.until(d -> page.text("crisis-state").startsWith("État : brouillon depuis le "));
    page.find("close-crisis-button").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("close-crisis-confirm")));
    assertThat(page.find("close-crisis-confirm").getText()).contains("Exercice annulé", "Rien n'en a été envoyé");
    page.find("close-crisis-yes").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("close-crisis-result"), "Brouillon abandonné."));
    String discarded = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT status || ' ' || (activated_at IS NULL) "
        + "FROM crisis WHERE id = CAST(:id AS uuid)").bind("id", other).mapTo(String.class).one());
    assertThat(discarded).isEqualTo("CLOSED true");
    assertThat(page.find("follow-up").isDisplayed()).as("nothing more to add").isFalse();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCrisisCellOrdersTheEvacuationAddsADepartureFromAPointOnTheMapAndPlansTheSeats() throws IOException {
    for (int i = 0; i < 2; i++) {
      assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
          crisis.core.common.Json.write(crisis.core.testing.Samples.at(crisis.core.testing.Samples.parisian(1301 + i),
              44.8378 + i * 0.002, -0.5792)), "application/json"))).isEqualTo(201);
    }
    String crisisId = (String) json("cell", "POST", "/api/v1/crises", """
        {"title": "Inondations à Bordeaux", "type": "FLOOD", "severity": "SEVERE",
         "zones": [{"circle": {"latitude": 44.8385, "longitude": -0.5792, "radiusKm": 1}}],
         "messages": [{"fr": "Inondation : rejoignez les étages."}]}""").get("id");
    json("cell", "POST", "/api/v1/crises/" + crisisId + "/activate", "");

    ConsolePage page = new ConsolePage(browser);
    browser.get(url("/console/#/crisis/" + crisisId));
    page.signIn("cell", AppFixture.PASSWORD);
    wait.until(ExpectedConditions.elementToBeClickable(ConsolePage.test("crisis-evacuation-link"))).click();
    wait.until(d -> "evacuation".equals(page.screen()));
    wait.until(d -> page.text("evacuation-title").equals("Évacuation : Inondations à Bordeaux"));

    // The order to leave, after its confirmation: a request per household inside, as the database holds them.
    page.find("evacuation-order-button").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("evacuation-order-confirm")));
    page.find("evacuation-order-yes").click();
    wait.until(d -> !page.text("evacuation-order-result").isEmpty());
    long requests = FIXTURE.scalar("SELECT count(*) FROM evacuation_request WHERE crisis_id = CAST('" + crisisId
        + "' AS uuid)");
    assertThat(requests).isGreaterThanOrEqualTo(2);
    assertThat(page.text("evacuation-order-result")).startsWith(requests + " demande(s) ouverte(s)");

    // An assembly point placed by a click on the map (the zone's centre), in France as its land says.
    new org.openqa.selenium.interactions.Actions(browser).moveToElement(page.find("legs-map")).click().perform();
    wait.until(d -> page.text("point-at").startsWith("Point choisi : 44,8"));
    page.find("point-name").sendKeys("Lycée Montaigne");
    page.find("point-add").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("point-result"), "Point Lycée Montaigne ajouté."));
    String point = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT id || ' ' || country_iso2 FROM place WHERE name "
        + "= 'Lycée Montaigne'").mapTo(String.class).one());
    assertThat(point).endsWith(" FR");
    String pointId = point.substring(0, point.indexOf(' '));
    wait.until(d -> pointId.equals(page.find("leg-point").getAttribute("value")));
    // Chosen again by a click on its marker, after choosing none in the list.
    new org.openqa.selenium.support.ui.Select(page.find("leg-point")).selectByValue("");
    By marker = By.cssSelector("[data-test=point-marker][data-place='" + pointId + "']");
    wait.until(ExpectedConditions.presenceOfElementLocated(marker));
    ((JavascriptExecutor) browser).executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
        browser.findElement(marker));
    wait.until(d -> pointId.equals(page.find("leg-point").getAttribute("value")));
    assertThat(page.text("point-at")).as("a click on a point places no new one").isEmpty();
    // A bus from it, its time typed as Bordeaux's.
    new org.openqa.selenium.support.ui.Select(page.find("leg-kind")).selectByValue("BUS");
    page.find("leg-carrier").sendKeys("Transports Bordeaux Métropole");
    page.find("leg-reference").sendKeys("BX-1");
    page.find("leg-seats").sendKeys("40");
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2026-12-20T14:30'", page.find("leg-departs"));
    page.find("leg-zone").clear();
    page.find("leg-zone").sendKeys("Europe/Paris");
    page.find("leg-destination").sendKeys("Casablanca");
    page.find("leg-capacity").sendKeys("200");
    page.find("leg-add").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("leg-result"), "Départ BX-1 ajouté."));
    By legRow = By.cssSelector("[data-test=leg-row]");
    wait.until(ExpectedConditions.numberOfElementsToBe(legRow, 1));
    assertThat(browser.findElement(legRow).getText()).contains("BX-1", "bus", "Transports Bordeaux Métropole",
        "20/12/2026 14:30", "Europe/Paris", "40", "Casablanca", "Lycée Montaigne (200)", "prévu");
    String departs = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT to_char(departs_at AT TIME ZONE 'UTC', "
        + "'YYYY-MM-DD HH24:MI') FROM transport_leg WHERE crisis_id = CAST(:c AS uuid)").bind("c", crisisId)
        .mapTo(String.class).one());
    assertThat(departs).as("14:30 in Bordeaux in December").isEqualTo("2026-12-20 13:30");

    // The plan: each household's rank and reasons, and its seat with the code its SMS gives.
    page.find("plan-button").click();
    By planRow = By.cssSelector("[data-test=plan-row]");
    wait.until(ExpectedConditions.numberOfElementsToBe(planRow, (int) requests));
    assertThat(page.text("plan-summary")).startsWith(requests + " foyer(s) placé(s)");
    List<String> codes = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT boarding_code FROM evacuation_assignment "
        + "WHERE crisis_id = CAST(:c AS uuid) ORDER BY boarding_code").bind("c", crisisId).mapTo(String.class).list());
    assertThat(codes).hasSize((int) requests);
    assertThat(browser.findElements(By.cssSelector("[data-test=plan-row] [data-test=boarding-code]")))
        .extracting(e -> e.getText()).containsExactlyInAnyOrderElementsOf(codes);
    assertThat(browser.findElement(planRow).getText()).contains("niveau", "km du centre de la zone", "BX-1",
        "Lycée Montaigne");
    assertThat(serious()).as("the evacuation screen").isEmpty();
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'})",
        page.find("plan-rows"));
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-evacuation.png"), browser.getScreenshotAs(OutputType.BYTES));

    // In Arabic: every word, the digits, the reasons; the codes and references kept as they are.
    page.switchTo("ar");
    wait.until(d -> page.text("evacuation-title").startsWith("الإجلاء"));
    assertThat(browser.findElement(planRow).getText()).contains("المستوى");
    assertThat(page.untranslated()).as("French or Western digits left on the Arabic evacuation screen").isEmpty();
    assertThat(serious()).as("the evacuation screen in Arabic").isEmpty();
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'})",
        page.find("plan-rows"));
    Files.write(Path.of("target/console-evacuation-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("fr");
  }

  /** A national with a passport, living alone at a point in France: nothing stops them boarding. */
  private static crisis.core.registry.RegistrationData traveller(int n, double latitude, double longitude) {
    crisis.core.registry.RegistrationData p = crisis.core.testing.Samples.parisian(n);
    return new crisis.core.registry.RegistrationData("WHL-" + n, n % 2 == 0 ? "Karim" : "Samir", "Haddad", "كريم", "حداد",
        java.time.LocalDate.of(1988, 5, 2), crisis.core.registry.Sex.M, String.format("WH%06d", n),
        String.format("P%08d", n), p.phone(), null, crisis.core.registry.Language.FR, "Centre, France",
        new crisis.core.registry.Location(latitude, longitude, crisis.core.registry.LocationSource.GPS), "FR",
        "fr-paris", crisis.core.registry.ResidenceType.RESIDENT, null, null, null, List.of(),
        java.util.EnumSet.noneOf(crisis.core.registry.Vulnerability.class), null, p.consent());
  }

  /**
   * A whole crisis driven from the console alone, as its users would: the consulate registers two people by a file;
   * the crisis cell draws a circle around them and declares, sends a follow-up, orders the evacuation, places an
   * assembly point, adds a bus and plans the seats; the boarding codes reach the phones (the simulator); at the gate
   * both are checked in and boarded, the gate closed, the bus departs and arrives; the crisis is closed. The test
   * calls no API but the simulator's page, and reads the database to check what happened.
   */
  @Test
  void aWholeCrisisIsRunFromTheConsoleAlone() throws Exception {
    ConsolePage page = new ConsolePage(browser);
    MapPage map = new MapPage(browser);
    // Where it will happen: the centre of France as the crisis cell's map shows the country.
    page.signIn("cell", AppFixture.PASSWORD);
    map.ready().pickCountry("FR", 5);
    String[] centre = map.map().getAttribute("data-centre").split(",");
    double lat = Double.parseDouble(centre[0]);
    double lon = Double.parseDouble(centre[1]);
    page.signOut();

    // The consulate registers two people there, by a file.
    List<crisis.core.registry.RegistrationData> people = List.of(traveller(1501, lat + 0.004, lon),
        traveller(1502, lat - 0.004, lon + 0.004));
    StringBuilder file = new StringBuilder(crisis.core.registry.importing.CsvFormat.header()).append('\n');
    people.forEach(p -> crisis.core.registry.importing.CsvFormat.write(p, file));
    Path csv = Files.createTempFile("households", ".csv");
    Files.writeString(csv, file.toString());
    RegistrationsPage registrations = new RegistrationsPage(browser);
    page.signIn("officer.paris", AppFixture.PASSWORD);
    registrations.importFile(csv);
    String imported = registrations.importStatus();
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration WHERE external_id LIKE 'WHL-15%'")).as(imported)
        .isEqualTo(2);
    page.signOut();

    // The crisis cell: a circle of 8 km around them, declared with its first message.
    page.signIn("cell", AppFixture.PASSWORD);
    page.ensure("map");
    map.ready().pickCountry("FR", 5);
    map.draw("circle");
    map.clickAt(0, 0);
    map.clickAt(8, 0);
    wait.until(ExpectedConditions.attributeContains(ConsolePage.test("zone-counts"), "data-zone", "radiusKm"));
    map.typeRadius("8");
    String expected = lat + "," + lon;
    new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(() -> "the zone " + map.zone() + " around the "
        + "people at " + expected + ", " + FIXTURE.scalar("SELECT count(*) FROM registration WHERE external_id LIKE "
        + "'WHL-15%'") + " registered").until(ExpectedConditions.textToBe(ConsolePage.test("zone-total"), "2"));
    map.typeDeclaration("Séisme dans le Berry", Map.of("fr", "Séisme : sortez des bâtiments. Répondez 1 si tout va bien."));
    map.prepare();
    page.find("confirm-send").click();
    wait.until(d -> "crisis".equals(page.screen()));
    String crisisId = browser.getCurrentUrl().replaceAll(".*#/crisis/", "");

    // A follow-up, after its confirmation.
    wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("follow-up-fr")));
    page.find("follow-up-fr").sendKeys("Préparez un sac et vos papiers : un bus viendra.");
    page.find("follow-up-prepare").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("follow-up-confirm")));
    page.find("follow-up-send").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("follow-up-result"), "Message 2 envoyé."));

    // The evacuation: ordered, an assembly point placed at the zone's centre, a bus in three hours, the seats planned.
    page.find("crisis-evacuation-link").click();
    wait.until(d -> "evacuation".equals(page.screen()));
    page.find("evacuation-order-button").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("evacuation-order-confirm")));
    page.find("evacuation-order-yes").click();
    wait.until(d -> page.text("evacuation-order-result").startsWith("2 demande(s) ouverte(s)"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#legs-map .leaflet-overlay-pane svg")));
    new org.openqa.selenium.interactions.Actions(browser).moveToElement(page.find("legs-map")).click().perform();
    wait.until(d -> page.text("point-at").startsWith("Point choisi"));
    page.find("point-name").sendKeys("Place de la Mairie");
    page.find("point-add").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("point-result"), "Point Place de la Mairie ajouté."));
    new org.openqa.selenium.support.ui.Select(page.find("leg-kind")).selectByValue("BUS");
    page.find("leg-carrier").sendKeys("Cars du Centre");
    page.find("leg-reference").sendKeys("CDC-7");
    page.find("leg-seats").sendKeys("20");
    String departs = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Paris")).plusHours(3)
        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", page.find("leg-departs"), departs);
    page.find("leg-zone").clear();
    page.find("leg-zone").sendKeys("Europe/Paris");
    page.find("leg-destination").sendKeys("Rabat");
    page.find("leg-capacity").sendKeys("100");
    page.find("leg-add").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("leg-result"), "Départ CDC-7 ajouté."));
    By legRow = By.cssSelector("[data-test=leg-row]");
    wait.until(ExpectedConditions.numberOfElementsToBe(legRow, 1));
    String legId = browser.findElement(legRow).getAttribute("data-leg");
    page.find("plan-button").click();
    By codesShown = By.cssSelector("[data-test=plan-row] [data-test=boarding-code]");
    wait.until(ExpectedConditions.numberOfElementsToBe(codesShown, 2));
    List<String> codes = browser.findElements(codesShown).stream().map(e -> e.getText()).toList();

    // Each phone got its boarding code by SMS, as the simulator shows.
    page.go("simulator");
    for (crisis.core.registry.RegistrationData p : people) {
      By phone = By.cssSelector("#phones button[data-phone='" + p.phone() + "']");
      new WebDriverWait(browser, Duration.ofSeconds(90)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(d -> {
            if (!d.findElements(phone).isEmpty()) {
              d.findElement(phone).click();
            }
            String shown = d.findElement(By.id("messages")).getText();
            return codes.stream().anyMatch(shown::contains);
          });
    }

    // The gate: both checked in and boarded by their codes, the gate closed, the bus departs, then arrives.
    GatePage gate = new GatePage(browser);
    gate.chooseLeg(legId);
    for (String code : codes) {
      for (String op : List.of("CHECK_IN", "BOARD")) {
        gate.search(code).get(0).findElement(By.cssSelector("button[data-op=" + op + "]")).click();
        wait.until(d -> "0".equals(d.findElement(ConsolePage.test("gate-pending")).getAttribute("data-count")));
      }
    }
    for (String op : List.of("CLOSE", "DEPART", "ARRIVE")) {
      page.find("gate-op-" + op).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("gate-op-confirm")));
      page.find("gate-op-yes").click();
      String state = op.equals("CLOSE") ? "BOARDING" : op.equals("DEPART") ? "DEPARTED" : "ARRIVED";
      new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "0".equals(
          d.findElement(ConsolePage.test("gate-pending")).getAttribute("data-count")) && state.equals(
          FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT state FROM transport_leg WHERE id = CAST(:id AS uuid)")
              .bind("id", legId).mapTo(String.class).one())));
    }
    List<String> states = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT state FROM evacuation_request WHERE "
        + "crisis_id = CAST(:c AS uuid)").bind("c", crisisId).mapTo(String.class).list());
    assertThat(states).containsExactly("ARRIVED", "ARRIVED");

    // The crisis closed from its page.
    ((JavascriptExecutor) browser).executeScript("location.hash = arguments[0]", "#/crisis/" + crisisId);
    wait.until(ExpectedConditions.elementToBeClickable(ConsolePage.test("close-crisis-button"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("close-crisis-confirm")));
    page.find("close-crisis-yes").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("close-crisis-result"), "Crise close."));
    String closed = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT status FROM crisis WHERE id = CAST(:id AS "
        + "uuid)").bind("id", crisisId).mapTo(String.class).one());
    assertThat(closed).isEqualTo("CLOSED");
  }

  @Test
  void theCrisisCellRaisesACountrysRiskLevelWithItsReasonAndReadsItsHistory() throws IOException {
    ConsolePage page = new ConsolePage(browser);
    page.signIn("cell", AppFixture.PASSWORD);
    page.go("countries");
    By rows = By.cssSelector("[data-test=country-row]");
    wait.until(d -> d.findElements(rows).size() > 100);
    long before = FIXTURE.scalar("SELECT risk_level FROM country WHERE iso2 = 'TN'");
    browser.findElement(By.cssSelector("[data-test=country-row][data-country=TN] a")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(() -> "the country's page shows '"
        + browser.findElement(By.id("country-name")).getAttribute("textContent") + "' at " + browser.getCurrentUrl())
        .until(d -> page.text("country-name").equals("Tunisie"));
    assertThat(browser.getCurrentUrl()).endsWith("#/countries/TN");
    new org.openqa.selenium.support.ui.Select(page.find("risk-level")).selectByValue("4");
    page.find("risk-reason").sendKeys("Affrontements armés à Tunis : quittez le pays");
    page.find("risk-save").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("risk-result"), "Niveau enregistré."));
    assertThat(page.text("country-risk")).startsWith("Niveau 4 — quitter le pays depuis le ")
        .endsWith(", par cell : Affrontements armés à Tunis : quittez le pays");
    By changes = By.cssSelector("[data-test=risk-change]");
    wait.until(d -> !d.findElements(changes).isEmpty());
    assertThat(browser.findElements(changes).get(0).getText()).contains("niveau " + before + " — ",
        "→ 4 — quitter le pays, par cell : Affrontements armés à Tunis");
    String saved = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT risk_level || ' ' || risk_changed_by FROM "
        + "country WHERE iso2 = 'TN'").mapTo(String.class).one());
    assertThat(saved).isEqualTo("4 cell");
    // The list: the highest level first, Tunisia among them.
    wait.until(d -> "4".equals(d.findElement(By.cssSelector("[data-test=country-row][data-country=TN]"))
        .getAttribute("data-level")));
    assertThat(browser.findElements(rows).get(0).getAttribute("data-level")).isEqualTo("4");
    assertThat(serious()).as("a country's risk level").isEmpty();
    // Its address holds across a reload, and in Arabic every word follows.
    browser.navigate().refresh();
    wait.until(d -> page.text("country-name").equals("Tunisie"));
    page.switchTo("ar");
    wait.until(d -> page.text("country-name").equals("تونس"));
    assertThat(page.text("country-risk")).startsWith("المستوى ٤ — مغادرة البلد منذ ");
    assertThat(page.untranslated()).as("French or Western digits left on a country's page in Arabic").isEmpty();
    assertThat(serious()).as("a country's risk level in Arabic").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-country-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("fr");
    Files.write(Path.of("target/console-country.png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void theCrisisCellAddsAReintegrationPartnerThatACaseWorkerThenReads() throws IOException {
    ConsolePage page = new ConsolePage(browser);
    page.signIn("cell", AppFixture.PASSWORD);
    page.go("partners");
    wait.until(d -> d.findElements(By.cssSelector("#partner-region option")).size() == 13);
    new org.openqa.selenium.support.ui.Select(page.find("partner-region")).selectByValue("MA.01");
    page.find("partner-name").sendKeys("Agence nationale de promotion de l'emploi (ANAPEC) — Tanger");
    page.find("partner-contact").sendKeys("+212 539 00 00 00");
    page.find("partner-kind-EMPLOYMENT").click();
    page.find("partner-kind-SKILLS_TRAINING").click();
    page.find("partner-add").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("partner-result"),
        "Partenaire Agence nationale de promotion de l'emploi (ANAPEC) — Tanger ajouté."));
    By row = By.xpath("//tr[@data-test='partner-row'][contains(., 'ANAPEC')]");
    wait.until(ExpectedConditions.visibilityOfElementLocated(row));
    assertThat(browser.findElement(row).getText()).contains("+212 539 00 00 00", "Emploi, Formation");
    String saved = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT region || ' ' || array_to_string(kinds, ',') "
        + "FROM reintegration_partner WHERE name LIKE '%ANAPEC%'").mapTo(String.class).one());
    assertThat(saved).isEqualTo("MA.01 EMPLOYMENT,SKILLS_TRAINING");
    assertThat(serious()).as("the partners").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-partners.png"), browser.getScreenshotAs(OutputType.BYTES));
    // The filter: another region has not this one.
    new org.openqa.selenium.support.ui.Select(page.find("partners-region")).selectByValue("MA.06");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
    page.switchTo("ar");
    new org.openqa.selenium.support.ui.Select(page.find("partners-region")).selectByValue("MA.01");
    wait.until(ExpectedConditions.visibilityOfElementLocated(row));
    assertThat(browser.findElement(row).getText()).contains("الشغل، التكوين");
    assertThat(page.untranslated()).as("French left on the partners in Arabic").isEmpty();
    assertThat(serious()).as("the partners in Arabic").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-partners-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("fr");
    page.signOut();
    // Nothing of them is left in the page for whoever uses this browser next.
    assertThat((Long) page.script("return document.querySelectorAll('#partner-rows tr').length")).isZero();

    // A case worker reads the partners it refers to, and cannot add one.
    page.signIn("worker", AppFixture.PASSWORD);
    page.go("partners");
    assertThat(page.find("partner-form").isDisplayed()).isFalse();
  }

  @Test
  void anOfficerOpensARemainsCaseAndMovesItOnAsItsDocumentsAndTransportAllow() throws Exception {
    ConsolePage page = new ConsolePage(browser);
    page.signIn("officer.paris", AppFixture.PASSWORD);
    page.go("remains");
    page.find("remains-name").sendKeys("Hassan Ait Ouarab");
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2026-12-03'", page.find("remains-death"));
    page.find("remains-place").sendKeys("Hôpital Lariboisière, Paris");
    page.find("remains-country").sendKeys("FR");
    page.find("remains-family").sendKeys("Khadija Ait Ouarab");
    page.find("remains-family-phone").sendKeys("+212661234567");
    page.find("remains-family-relation").sendKeys("épouse");
    page.find("remains-destination").sendKeys("Agadir");
    page.find("remains-add").click();
    wait.until(d -> page.text("remains-case-name").equals("Hassan Ait Ouarab"));
    assertThat(page.text("remains-case-state")).isEqualTo("État : ouvert");
    assertThat(page.text("remains-case-facts")).contains("Hôpital Lariboisière, Paris", "Khadija Ait Ouarab", "Agadir");

    // The four documents in hand, one by one; then the case moves on, step by step.
    for (String kind : List.of("DEATH_CERTIFICATE", "BURIAL_PERMIT", "MORTUARY_PASS", "TRANSPORT_PERMIT")) {
      new org.openqa.selenium.support.ui.Select(page.find("document-state-" + kind)).selectByValue("RECEIVED");
      page.find("document-reference-" + kind).sendKeys("REF-" + kind.substring(0, 3));
      page.find("document-save-" + kind).click();
      // Each save draws the documents again: an element read during it may be gone, and is read again.
      new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(d -> "RECEIVED".equals(new org.openqa.selenium.support.ui.Select(d.findElement(
          ConsolePage.test("document-state-" + kind))).getFirstSelectedOption().getAttribute("value"))
          && page.text("remains-case-result").equals("Modifications enregistrées."));
      ((JavascriptExecutor) browser).executeScript("document.getElementById('remains-case-result').textContent = ''");
    }
    // A document recorded put the case in progress; with the four in hand it is cleared for transport.
    assertThat(page.text("remains-case-state")).isEqualTo("État : documents en cours");
    page.find("remains-next").click();
    wait.until(d -> page.text("remains-case-state").equals("État : autorisé au transport"));
    // In transit needs a transport: refused and said, then done once it is recorded.
    page.find("remains-next").click();
    wait.until(d -> !page.text("remains-case-result").isBlank() && !page.text("remains-case-result").equals(
        "Modifications enregistrées."));
    assertThat(page.text("remains-case-state")).isEqualTo("État : autorisé au transport");
    page.find("transport-mode").sendKeys("fret aérien");
    page.find("transport-carrier").sendKeys("Royal Air Maroc Cargo");
    page.find("transport-reference").sendKeys("AT 0471");
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2026-12-08T10:15'", page.find("transport-departs"));
    page.find("transport-save").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("remains-case-result"), "Modifications enregistrées."));
    page.find("remains-next").click();
    wait.until(d -> page.text("remains-case-state").equals("État : en transit"));
    page.find("cost-item").sendKeys("Cercueil et soins");
    page.find("cost-amount").sendKeys("1850,50");
    new org.openqa.selenium.support.ui.Select(page.find("cost-borne")).selectByValue("STATE");
    page.find("cost-add").click();
    By costs = By.cssSelector("[data-test=remains-cost-line]");
    wait.until(ExpectedConditions.numberOfElementsToBe(costs, 1));
    assertThat(browser.findElement(costs).getText().replace('\u202f', ' ').replace('\u00a0', ' '))
        .isEqualTo("Cercueil et soins : 1 850,50 €, à la charge de État");
    String saved = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT status FROM remains_case WHERE destination_city "
        + "= 'Agadir'").mapTo(String.class).one());
    assertThat(saved).isEqualTo("IN_TRANSIT");
    assertThat(serious()).as("a remains case").isEmpty();

    // Someone else changes it meanwhile: this page's change is refused and said, the case read again.
    String id = browser.getCurrentUrl().replaceAll(".*#/remains/", "");
    int version = Integer.parseInt(FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT version FROM remains_case WHERE "
        + "id = CAST(:id AS uuid)").bind("id", id).mapTo(String.class).one()));
    try (jakarta.ws.rs.core.Response r = FIXTURE.as("cell", "/api/v1/remains/" + id + "/costs")
        .header("If-Match", "\"" + version + "\"").post(jakarta.ws.rs.client.Entity.json("{\"item\": \"Transport au domicile\", \"amount\": \"300\", "
            + "\"currency\": \"MAD\", \"borneBy\": \"FAMILY\"}"))) {
      assertThat(r.getStatus()).isEqualTo(200);
    }
    page.find("remains-next").click();
    wait.until(ExpectedConditions.textToBe(ConsolePage.test("remains-case-result"),
        "Le dossier a changé entre-temps : relu, refaites la modification."));
    wait.until(ExpectedConditions.numberOfElementsToBe(costs, 2));
    assertThat(page.text("remains-case-state")).isEqualTo("État : en transit");
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-remains.png"), browser.getScreenshotAs(OutputType.BYTES));

    page.switchTo("ar");
    wait.until(d -> page.text("remains-case-state").equals("الحالة: في الطريق"));
    assertThat(page.untranslated()).as("French or Western digits left on a remains case in Arabic").isEmpty();
    assertThat(serious()).as("a remains case in Arabic").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-remains-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("fr");
  }

  // Issue 32: the crisis page never misses a reply.

  @Test
  void theCrisisPageShowsRepliesReceivedWhileItWasClosedAndWhileTheNetworkWasCut() throws Exception {
    crisis.core.registry.RegistrationData early = crisis.core.testing.Samples.at(
        crisis.core.testing.Samples.parisian(1001), 48.8950, 2.2500);
    crisis.core.registry.RegistrationData late = crisis.core.testing.Samples.at(
        crisis.core.testing.Samples.parisian(1002), 48.8960, 2.2510);
    for (crisis.core.registry.RegistrationData p : List.of(early, late)) {
      assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
          crisis.core.common.Json.write(p), "application/json"))).isEqualTo(201);
    }
    String crisisId = (String) json("cell", "POST", "/api/v1/crises", """
        {"title": "Crue de la Seine", "type": "FLOOD", "severity": "SEVERE",
         "zones": [{"circle": {"latitude": 48.8955, "longitude": 2.2505, "radiusKm": 0.5}}],
         "messages": [{"fr": "Crue : montez dans les étages. Répondez 1 si tout va bien, 2 pour de l'aide."}]}""")
        .get("id");
    json("cell", "POST", "/api/v1/crises/" + crisisId + "/activate", "");
    for (crisis.core.registry.RegistrationData p : List.of(early, late)) {
      new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> FIXTURE.scalar("SELECT count(*) FROM sms_send "
          + "WHERE phone = '" + p.phone() + "' AND kind = 'ALERT' AND state = 'SENT'") >= 1);
    }
    // A reply before anyone opened the crisis page.
    assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/simulator/replies",
        "{\"from\": \"" + early.phone() + "\", \"body\": \"1\"}", "application/json"))).isEqualTo(200);

    networkCut = true;
    try (CuttableProxy network = new CuttableProxy(APP.getLocalPort())) {
      // The page opened by its address (a link a colleague sent), through a connection the test can cut.
      browser.get("http://127.0.0.1:" + network.port() + "/console/#/crisis/" + crisisId);
      signIn("cell", AppFixture.PASSWORD);
      ConsolePage page = new ConsolePage(browser);
      wait.until(d -> "crisis".equals(page.screen()));
      By replies = By.cssSelector("[data-test=replies] li");
      wait.until(ExpectedConditions.numberOfElementsToBe(replies, 1));
      assertThat(browser.findElement(replies).getText()).contains("EN SÉCURITÉ");
      wait.until(ExpectedConditions.textToBe(By.id("live"), "En direct"));

      // The connection cut: a reply in the citizen's own words arrives meanwhile.
      network.cut();
      wait.until(ExpectedConditions.textToBe(By.id("live"), "Reconnexion…"));
      String words = "Nous sommes bloqués au 3e étage avec ma mère, l'eau monte";
      assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/simulator/replies",
          "{\"from\": \"" + late.phone() + "\", \"body\": \"" + words + "\"}", "application/json")))
          .isEqualTo(200);
      Thread.sleep(3_000);
      assertThat(browser.findElements(replies)).hasSize(1);
      network.restore();

      // Back: the reply that came during the cut is there, once, marked for a person to read.
      new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.numberOfElementsToBe(replies, 2));
      wait.until(ExpectedConditions.textToBe(By.id("live"), "En direct"));
      var shown = browser.findElements(replies);
      assertThat(shown.get(0).getText()).contains(words);
      assertThat(shown.get(0).getAttribute("class")).isEqualTo("to-read");
      assertThat(shown.get(1).getAttribute("class")).isNullOrEmpty();
      assertThat(browser.findElement(ConsolePage.test("replies-to-read")).getText())
          .isEqualTo("1 réponse(s) en texte libre à lire : surlignées ci-dessous");
      Thread.sleep(2 * 1_000);
      assertThat(browser.findElements(replies)).as("each reply once").hasSize(2);
      assertThat(serious()).as("the crisis page with a reply to read").isEmpty();
      // Signed out: the next user of this browser finds no reply in the page, shown or hidden.
      browser.findElement(By.id("sign-out")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-form")));
      assertThat(browser.findElements(replies)).isEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String user, String method, String path, String body) {
    try (jakarta.ws.rs.core.Response r = FIXTURE.call(user, method, path, body, "application/json")) {
      String text = r.readEntity(String.class);
      assertThat(r.getStatus()).as(text).isBetween(200, 201);
      return crisis.core.common.Json.read(text, Map.class);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> jsonList(String user, String path) {
    try (jakarta.ws.rs.core.Response r = FIXTURE.call(user, "GET", path, null, null)) {
      String text = r.readEntity(String.class);
      assertThat(r.getStatus()).as(text).isEqualTo(200);
      return crisis.core.common.Json.read(text, List.class);
    }
  }

  @Test
  void aCrossSiteFormPostIsRefusedAndChangesNothing() throws IOException {
    signIn("cell", AppFixture.PASSWORD);
    wait.until(ExpectedConditions.textToBe(By.id("who"), "cell"));
    long places = FIXTURE.scalar("SELECT count(*) FROM place");
    // Another site's page posting a form to the API in the signed-in browser: text/plain, no CSRF header.
    String attack = "<form id=f method=post enctype=text/plain action='" + url("/api/v1/places") + "'>"
        + "<input name='{\"kind\":\"SHELTER\",\"name\":\"x\",\"latitude\":48.85,\"longitude\":2.35,"
        + "\"country\":\"FR\",\"notes\":\"' value='\"}'></form><script>f.submit()</script>";
    // Served from another origin of the same site (another port of 127.0.0.1): SameSite=Strict lets the browser send
    // the session cookie with it, so the refusal is the CSRF check's.
    com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    byte[] page = ("<!doctype html><title>x</title>" + attack).getBytes(StandardCharsets.UTF_8);
    site.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    site.start();
    try {
      browser.get("http://127.0.0.1:" + site.getAddress().getPort() + "/");
      wait.until(d -> String.valueOf(((JavascriptExecutor) d).executeScript("return location.href"))
          .startsWith(url("/api/v1/places")));
      assertThat(browser.getPageSource()).doesNotContain("\"id\"");
      assertThat(FIXTURE.scalar("SELECT count(*) FROM place")).isEqualTo(places);
    } finally {
      site.stop(0);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anOfficerFindsEditsWithTheVersionCheckAndImportsWithAProgressBar() throws Exception {
    crisis.core.registry.RegistrationData person = crisis.core.testing.Samples.at(
        crisis.core.testing.Samples.parisian(981), 48.8500, 2.3500);
    String id;
    try (jakarta.ws.rs.core.Response r = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
        crisis.core.common.Json.write(person), "application/json")) {
      id = (String) crisis.core.common.Json.read(r.readEntity(String.class), Map.class).get("id");
    }
    signIn("officer.paris", AppFixture.PASSWORD);
    go("registrations");
    browser.findElement(By.id("registration-q")).sendKeys(person.phone());
    browser.findElement(By.cssSelector("#registration-search button[type=submit]")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#registration-rows tr"), 1));
    assertThat(browser.findElement(By.cssSelector("#registration-rows tr")).getText())
        .contains("Fatima El Amrani", "فاطمة العمراني", person.phone());
    browser.findElement(By.cssSelector("#registration-rows button")).click();
    wait.until(ExpectedConditions.textToBe(By.id("registration-version"), "Version 1"));
    browser.findElement(By.id("edit-address")).clear();
    browser.findElement(By.id("edit-address")).sendKeys("3 rue de Rivoli, Paris");
    browser.findElement(By.cssSelector("#registration-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBe(By.id("registration-result"), "Modifications enregistrées."));
    assertThat(browser.findElement(By.id("registration-version")).getText()).isEqualTo("Version 2");
    // Someone else changes it meanwhile: the page's next save is refused, the other change kept.
    Map<String, Object> other;
    try (jakarta.ws.rs.core.Response r = FIXTURE.as("cell", "/api/v1/registrations/" + id).get()) {
      other = crisis.core.common.Json.read(r.readEntity(String.class), Map.class);
    }
    for (String k : List.of("id", "status", "mergedInto", "version", "createdAt", "createdBy", "updatedAt", "updatedBy",
        "confirmation")) {
      other.remove(k);
    }
    other.put("email", "fatima.elamrani@example.org");
    try (jakarta.ws.rs.core.Response r = FIXTURE.as("cell", "/api/v1/registrations/" + id)
        .header("If-Match", "\"2\"").put(jakarta.ws.rs.client.Entity.json(crisis.core.common.Json.write(other)))) {
      assertThat(r.getStatus()).as(r.readEntity(String.class)).isEqualTo(200);
    }
    browser.findElement(By.id("edit-address")).sendKeys(", 1er étage");
    browser.findElement(By.cssSelector("#registration-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("registration-result"),
        "Quelqu'un a modifié cette inscription"));
    String stored = FIXTURE.jdbi.withHandle(h -> h.createQuery("SELECT address || ' | ' || email FROM registration "
        + "WHERE id = CAST(:id AS uuid)").bind("id", id).mapTo(String.class).one());
    assertThat(stored).isEqualTo("3 rue de Rivoli, Paris | fatima.elamrani@example.org");

    // A file of two good rows and a broken one: the bar fills, the summary and the broken row's line are shown.
    Path csv = Files.createTempFile("import-", ".csv");
    Files.writeString(csv, crisis.core.registry.importing.CsvFormat.header() + "\n"
        + crisis.core.registry.importing.CsvFormat.write(crisis.core.testing.Samples.parisian(982))
        + crisis.core.registry.importing.CsvFormat.write(crisis.core.testing.Samples.parisian(983))
        + "PAR-984,not,a,row\n");
    browser.findElement(By.id("import-file")).sendKeys(csv.toString());
    browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();
    // First what it would do, nothing written: two to import, the broken row and why, the first rows as read.
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-preview")));
    assertThat(browser.findElement(By.id("import-preview-summary")).getText())
        .startsWith("3 lignes : 2 à importer, 1 refusées.");
    assertThat(browser.findElement(By.id("import-preview-problems")).getText())
        .isEqualTo("Fichier : a 4 cellules quand l'en-tête en a 30 — 1 ligne(s), dont 4");
    assertThat(browser.findElements(By.cssSelector("#import-preview-rows tr"))).hasSize(3);
    assertThat(browser.findElements(By.cssSelector("#import-preview-rows tr")).get(0).getText())
        .contains(crisis.core.testing.Samples.parisian(982).familyNameLatin(), "1985-03-14");
    assertThat(browser.findElements(By.cssSelector("#import-preview-rows tr")).get(2).getText())
        .isEqualTo("4 Fichier : a 4 cellules quand l'en-tête en a 30");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration WHERE external_id IN ('PAR-982', 'PAR-983')"))
        .as("nothing written by the preview").isZero();
    assertThat(serious()).as("the import's preview").isEmpty();
    Files.write(Path.of("target/console-import-preview.png"), browser.getScreenshotAs(OutputType.BYTES));
    // The refused row as a workbook to fix in Excel: downloaded, and the page says so.
    browser.findElement(By.id("import-refused")).click();
    wait.until(d -> d.findElement(By.id("import-refused-result")).getText().startsWith("Téléchargé : import-"));
    assertThat(browser.findElement(By.id("import-refused-result")).getText()).contains("-refused.xlsx (",
        "Ko), à corriger puis à renvoyer.");
    browser.findElement(By.id("import-confirm")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-status"), "2 créées"));
    assertThat(browser.findElement(By.id("import-status")).getText()).contains("1 rejetées");
    assertThat(browser.findElement(By.id("import-progress")).getAttribute("value")).isEqualTo("1");
    assertThat(browser.findElement(By.id("import-problems")).getText())
        .isEqualTo("ligne 4 — rejetée — Fichier : a 4 cellules quand l'en-tête en a 30");
    assertThat(serious()).as("the registrations page").isEmpty();
    Files.write(Path.of("target/console-registrations.png"), browser.getScreenshotAs(OutputType.BYTES));
    ConsolePage page = new ConsolePage(browser);
    page.switchTo("ar");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-problems"), "السطر"));
    assertThat(page.untranslated()).as("French or Western digits left on the registrations in Arabic").isEmpty();
    assertThat(serious()).as("the registrations page in Arabic").isEmpty();
    Files.write(Path.of("target/console-registrations-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("fr");
  }

  /** A household of Paris with a seat: the crisis, its evacuation request, the leg it was planned on, its code. */
  record Seated(String crisisId, String legId, String code) {}

  /**
   * Registers sample national {@code sample} at a point, declares and activates a crisis of 300 to 500 m around it,
   * opens its evacuation request, creates the leg {@code legJson} (two {@code %s}: the departure, then the
   * assembly point's id) from an assembly point beside it, and plans.
   */
  @SuppressWarnings("unchecked")
  private Seated seated(int sample, double lat, double lon, String title, String point, double pointLat,
      double pointLon, java.time.Instant departs, String legJson) {
    crisis.core.registry.RegistrationData person = crisis.core.testing.Samples.at(
        crisis.core.testing.Samples.parisian(sample), lat, lon);
    String registration = (String) json("officer.paris", "POST", "/api/v1/registrations",
        crisis.core.common.Json.write(person)).get("id");
    String pointId = (String) json("cell", "POST", "/api/v1/places", crisis.core.common.Json.write(Map.of(
        "kind", "ASSEMBLY_POINT", "name", point, "latitude", pointLat, "longitude", pointLon, "country", "FR")))
        .get("id");
    String crisisId = (String) json("cell", "POST", "/api/v1/crises", crisis.core.common.Json.write(Map.of(
        "title", title, "type", "CIVIL_UNREST", "severity", "EXTREME",
        "zones", List.of(Map.of("circle", Map.of("latitude", lat, "longitude", lon, "radiusKm", 0.5))),
        "messages", List.of(Map.of("fr", "Préparez-vous à partir."))))).get("id");
    json("cell", "POST", "/api/v1/crises/" + crisisId + "/activate", "");
    json("officer.paris", "POST", "/api/v1/crises/" + crisisId + "/evacuation/requests",
        "{\"registrationId\": \"" + registration + "\"}");
    String legId = (String) json("cell", "POST", "/api/v1/crises/" + crisisId + "/evacuation/legs",
        legJson.formatted(departs, pointId)).get("id");
    Map<String, Object> plan = json("cell", "POST", "/api/v1/crises/" + crisisId + "/evacuation/plan", "");
    String code = (String) ((List<Map<String, Object>>) plan.get("placements")).get(0).get("boardingCode");
    return new Seated(crisisId, legId, code);
  }

  // Issue 28, finding 7: a browser shared by two officers keeps nothing of the first for the second.

  @Test
  @SuppressWarnings("unchecked")
  void aSharedBrowserKeepsNothingOfTheOfficerBeforeAndSendsNothingInTheirName() throws Exception {
    Seated s = seated(987, 48.8300, 2.3100, "Évacuation du 13e", "Place d'Italie", 48.8313, 2.3557,
        java.time.Instant.now().plus(Duration.ofHours(8)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES), """
        {"kind": "BUS", "carrier": "CTM", "reference": "CTM 13", "seats": 50, "departsAt": "%s",
         "timeZone": "Europe/Paris", "destinationCity": "Tanger", "points": [{"placeId": "%s"}]}""");
    String legId = s.legId();
    String code = s.code();

    GatePage gate = new GatePage(browser);
    gate.signIn("officer.paris", AppFixture.PASSWORD);
    gate.chooseLeg(legId);
    assertThat(gate.search(code)).isNotEmpty();
    // An operation the officer queued on this device and could not send (as offline), in the officer's name.
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    String queued = java.util.UUID.randomUUID().toString();
    browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "const open = indexedDB.open('crisis-gate', 1); open.onsuccess = () => {"
        + " const tx = open.result.transaction('ops', 'readwrite');"
        + " tx.objectStore('ops').put({id: arguments[0], legId: arguments[1], seq: 1, type: 'CHECK_IN',"
        + "  boardingCode: arguments[2], travellers: [], author: 'officer.paris'});"
        + " tx.oncomplete = () => done(true); };", queued, legId, code);
    gate.find("sign-out").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    // Signed out: no passenger list, no leg, no search results left on this device.
    assertThat(gate.script("return localStorage.getItem('gate-leg')")).isNull();
    assertThat(browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "const open = indexedDB.open('crisis-gate', 1); open.onsuccess = () => {"
        + " const r = open.result.transaction('lists').objectStore('lists').count(); r.onsuccess = () => done(r.result); };"))
        .isEqualTo(0L);
    assertThat(browser.findElements(By.cssSelector("[data-test=gate-passenger]"))).isEmpty();

    // The crisis cell signs in on the same browser: the officer's operation is neither shown nor sent in its name.
    gate.signIn("cell", AppFixture.PASSWORD);
    gate.chooseLeg(legId);
    wait.until(ExpectedConditions.attributeToBe(By.id("gate-pending"), "data-count", "0"));
    gate.script("document.getElementById('gate-query').value = arguments[0];"
        + "document.getElementById('gate-query').dispatchEvent(new Event('input'))", code);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM gate_operation WHERE id = '" + queued + "'")).isZero();
    gate.find("sign-out").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));

    // Its author back: sent, in the officer's name.
    gate.signIn("officer.paris", AppFixture.PASSWORD);
    gate.chooseLeg(legId);
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> FIXTURE.scalar(
        "SELECT count(*) FROM gate_operation WHERE id = '" + queued + "' AND done_by = 'officer.paris'") == 1);
  }

  // Issue 28, finding 5: a place's name is text on the map, never HTML.

  @Test
  void aPlaceNameOnTheMapIsTextNeverHtml() {
    String hostile = "Gare <img src='/api/v1/audit?from=x' data-test='injected'> <b>du Nord</b>";
    json("cell", "POST", "/api/v1/places", crisis.core.common.Json.write(Map.of("kind", "ASSEMBLY_POINT", "name",
        hostile, "latitude", 48.8809, "longitude", 2.3553, "country", "FR")));
    MapPage map = new MapPage(browser);
    map.signIn("cell", AppFixture.PASSWORD);
    map.ready().pickCountry("FR", 4);
    // Every marker's tooltip opened, as a pointer over it would, until the places have come and hers shows. Read in the
    // same script that opens them: Leaflet replaces a tooltip's element when it opens again, so an element found in
    // one call could be gone by the next (a stale element, seen on loaded machines).
    @SuppressWarnings("unchecked")
    Map<String, Object> tooltip = wait.until(d -> (Map<String, Object>) map.script("""
        document.querySelectorAll('[data-test=map] path.leaflet-interactive').forEach(p =>
          p.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})));
        const t = [...document.querySelectorAll('.leaflet-tooltip')].find(x => x.textContent.includes('du Nord'));
        return t ? {text: t.textContent, elements: t.querySelectorAll('img, b').length} : null;"""));
    assertThat((String) tooltip.get("text")).contains("<img src=").contains("<b>du Nord</b>");
    assertThat(((Number) tooltip.get("elements")).intValue()).isZero();
    assertThat(browser.findElements(By.cssSelector("[data-test=injected]"))).isEmpty();
  }

  // Issue 27, point 13: drawing.

  @Test
  @SuppressWarnings("unchecked")
  void aDoubleClickClosesThePolygonWithTheCornersClickedOnce() throws IOException {
    MapPage map = new MapPage(browser);
    map.signIn("cell", AppFixture.PASSWORD);
    map.ready().pickCountry("FR", 4);
    map.draw("polygon");
    map.clickAt(-90, -70);
    map.clickAt(90, -70);
    map.clickAt(90, 70);
    // The last corner by a double click, as the hint says: it closes the polygon.
    map.doubleClickAt(-90, 70);
    wait.until(d -> !map.drawing("polygon"));
    assertThat(map.text("draw-hint")).isEmpty();
    assertThat(map.find("finish-polygon").isDisplayed()).isFalse();
    // Four corners, each once (the double click's own clicks add its corner once), and the ring closed.
    Map<String, Object> zone = (Map<String, Object>) crisis.core.common.Json.read(map.zone(), Map.class).get("zone");
    List<List<Number>> ring = ((List<List<List<Number>>>) zone.get("coordinates")).get(0);
    assertThat(ring).hasSize(5);
    assertThat(ring.get(4)).isEqualTo(ring.get(0));
    assertThat(ring.subList(0, 4)).doesNotHaveDuplicates();
    Map<String, Object> inside = searchAsCell("{\"zone\": " + crisis.core.common.Json.write(zone) + ", \"limit\": 0}");
    wait.until(d -> map.total().equals(String.valueOf(inside.get("total"))));
    // Clicks on the map after it closed draw nothing more.
    map.clickAt(0, 0);
    assertThat(crisis.core.common.Json.read(map.zone(), Map.class).get("zone")).isEqualTo(zone);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRadiusFieldShowsTheCirclesRadiusAndChangesTheZoneSent() throws IOException {
    MapPage map = new MapPage(browser);
    map.signIn("cell", AppFixture.PASSWORD);
    map.ready().pickCountry("FR", 4);
    map.draw("circle");
    map.clickAt(0, 0);
    map.clickAt(120, 0);
    wait.until(d -> !map.drawing("circle"));
    Map<String, Object> drawn = (Map<String, Object>) crisis.core.common.Json.read(map.zone(), Map.class).get("circle");
    double radius = ((Number) drawn.get("radiusKm")).doubleValue();
    assertThat(Double.parseDouble(map.radiusField())).as("the field shows the zone's radius").isEqualTo(radius);
    double width = map.drawnCircleWidth();

    // The radius typed in the field, the circle drawn already: the zone, its counts and the circle follow.
    map.typeRadius("150");
    wait.until(d -> map.zone().contains("\"radiusKm\":150"));
    Map<String, Object> circle = (Map<String, Object>) crisis.core.common.Json.read(map.zone(), Map.class).get("circle");
    assertThat(circle).containsEntry("latitude", drawn.get("latitude")).containsEntry("longitude", drawn.get("longitude"));
    assertThat(map.drawnCircleWidth()).isCloseTo(width * 150 / radius, org.assertj.core.data.Percentage.withPercentage(5));
    Map<String, Object> inside = searchAsCell("{\"circle\": " + crisis.core.common.Json.write(circle)
        + ", \"limit\": 0}");
    wait.until(d -> map.total().equals(String.valueOf(inside.get("total"))));

    // The crisis declared over it has that circle.
    map.typeDeclaration("Séisme au nord de Lyon", Map.of("fr", "Séisme : sortez des bâtiments. Répondez 1 si tout va bien."));
    map.prepare();
    Map<String, Object> drafts = json("cell", "GET", "/api/v1/crises?status=DRAFT&limit=50", null);
    Map<String, Object> declared = ((List<Map<String, Object>>) drafts.get("items")).stream()
        .filter(c -> c.get("title").equals("Séisme au nord de Lyon")).findFirst().orElseThrow();
    Map<String, Object> sent = (Map<String, Object>) ((List<Map<String, Object>>) declared.get("zones")).get(0).get("circle");
    assertThat(((Number) sent.get("radiusKm")).doubleValue()).isEqualTo(150.0);
    map.cancelConfirmation();

    // Another kind of zone: the field shows no radius that would not be the zone's.
    map.pickCountry("IT", 4);
    wait.until(d -> map.zone().contains("\"IT\""));
    assertThat(map.radiusField()).isEmpty();
  }

  @Test
  void theBaseMapNamesCountriesAndTownsInTheUsersLanguageFromTheApplicationAlone() throws IOException {
    MapPage map = new MapPage(browser);
    map.signIn("cell", AppFixture.PASSWORD);
    map.ready().pickCountry("LY", 5);
    String towns = "[data-test=map] .town-name span";
    String countryNames = "[data-test=map] .country-name span";
    wait.until(d -> texts(towns).containsAll(List.of("Tripoli", "Benghazi")));
    wait.until(d -> texts(countryNames).contains("Libye"));
    assertThat(browser.findElement(By.cssSelector("[data-test=map] .town-name.capital span")).getText())
        .isNotBlank();
    // Written as text, hidden from screen readers, and out of the way of a click on the map.
    assertThat(browser.findElement(By.cssSelector(towns)).findElement(By.xpath("..")).getAttribute("aria-hidden"))
        .isEqualTo("true");
    // The same view in Arabic: the towns' Arabic names where known, the countries' Arabic names.
    map.switchTo("ar");
    wait.until(d -> texts(towns).containsAll(List.of("طرابلس", "بنغازي")));
    wait.until(d -> texts(countryNames).contains("ليبيا"));
    assertThat(serious()).as("the map with its names, in Arabic").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-map-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    map.switchTo("fr");
    wait.until(d -> texts(towns).contains("Tripoli"));
    // The towns shown are the API's for the view the page asked last, every one of them.
    String asked = (String) map.script("const e = performance.getEntriesByType('resource')"
        + ".filter(x => x.name.includes('/api/v1/geo/places?')); return e[e.length - 1].name");
    List<Map<String, Object>> expected = jsonList("cell", asked.substring(asked.indexOf("/api/v1/")));
    assertThat(texts(towns)).containsExactlyInAnyOrderElementsOf(expected.stream()
        .map(t -> (String) t.get("name")).toList());
  }

  /** The texts of what a CSS selector finds, read in one go in the page (names redrawn meanwhile are never stale). */
  @SuppressWarnings("unchecked")
  private static List<String> texts(String css) {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)", css);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSlowDensityAnswerForAnOlderViewNeverReplacesTheNewest() throws Exception {
    // People in Lyon and in Tripoli: the first view (Europe and North Africa) holds more than France alone.
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
        crisis.core.common.Json.write(crisis.core.testing.Samples.at(crisis.core.testing.Samples.parisian(991),
            45.7578, 4.8320)), "application/json"))).isEqualTo(201);
    assertThat(AppFixture.status(FIXTURE.call("officer.tripoli", "POST", "/api/v1/registrations",
        crisis.core.common.Json.write(crisis.core.testing.Samples.tripolitan(992)), "application/json")))
        .isEqualTo(201);
    networkCut = true; // the relay closes at the end, under a page still asking through it
    try (HoldingRelay network = new HoldingRelay(APP.getLocalPort())) {
      // The first density answer (the map's first view, zoomed out) is slow: it comes after the next view's.
      network.holdNext("/api/v1/geo/density");
      browser.get("http://127.0.0.1:" + network.port() + "/console/");
      MapPage map = new MapPage(browser);
      map.signIn("cell", AppFixture.PASSWORD);
      wait.until(d -> network.held() == 1);
      String first = map.densityAsked();
      map.ready().pickCountry("FR", 5);
      wait.until(d -> !first.equals(map.densityAsked()) && map.densityAsked().equals(map.densityShown()));
      String newest = map.densityAsked();
      network.release();
      wait.until(d -> map.densityPending() == 0);
      // The newest view's figures stay: its hexagons and its total, as the API counts them.
      assertThat(map.densityShown()).isEqualTo(newest);
      List<Map<String, Object>> cells;
      try (jakarta.ws.rs.core.Response r = FIXTURE.as("cell", "/api/v1/geo/density?" + newest).get()) {
        cells = crisis.core.common.Json.read(r.readEntity(String.class), List.class);
      }
      long total = cells.stream().mapToLong(c -> ((Number) c.get("count")).longValue()).sum();
      assertThat(map.hexagons()).isEqualTo(cells.size());
      assertThat(map.densityLegend()).startsWith(total + " ");
    }
  }

  // Issue 27, point 14: language.

  @Test
  void switchingLanguageRedrawsTheCaseOnScreenWithTheLanguagesDigits() throws IOException {
    String late = openCase("Casablanca, Ain Sebaa", java.time.Instant.now().minus(Duration.ofDays(12)));
    assertThat(AppFixture.status(FIXTURE.call("worker", "POST", "/api/v1/reintegration/cases/" + late + "/needs",
        "{\"kind\": \"HOUSING\", \"notes\": \"hébergée chez sa sœur\"}", "application/json"))).isEqualTo(201);
    CasesPage cases = new CasesPage(browser);
    cases.signIn("worker", AppFixture.PASSWORD);
    wait.until(d -> cases.rowsNamed("Casablanca, Ain Sebaa").size() == 1);
    cases.open(cases.rowsNamed("Casablanca, Ain Sebaa").get(0));
    wait.until(d -> cases.needs().contains("Logement — identifié"));

    cases.switchTo("ar");
    wait.until(d -> cases.needs().contains("السكن — محدد"));
    assertThat(cases.untranslated()).as("French or Western digits left on the Arabic page").isEmpty();
    assertThat(cases.showsMiddleDot()).isFalse();
    assertThat(serious()).as("the case in Arabic").isEmpty();
    // Back to the list, drawn again in Arabic while it was not shown.
    browser.navigate().back();
    wait.until(d -> "cases".equals(cases.screen()) && cases.rowsNamed("Casablanca, Ain Sebaa").size() == 1);
    assertThat(cases.rowsNamed("Casablanca, Ain Sebaa").get(0).getText()).contains("متأخر").contains("١");
    assertThat(cases.untranslated()).as("French or Western digits left on the Arabic list").isEmpty();

    cases.switchTo("en");
    assertThat(cases.rowsNamed("Casablanca, Ain Sebaa").get(0).getText()).contains("overdue").contains("1");
    assertThat(cases.untranslated()).as("Arabic left on the English page").isEmpty();
    browser.navigate().forward();
    wait.until(d -> cases.needs().contains("Housing — identified"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCrisisCellsScreensFollowTheLanguageWithoutAMiddleDot() throws IOException {
    String crisisId = (String) json("cell", "POST", "/api/v1/crises", """
        {"title": "Séisme à Tripoli", "type": "EARTHQUAKE", "severity": "SEVERE",
         "zones": [{"circle": {"latitude": 32.8872, "longitude": 13.1913, "radiusKm": 15}}],
         "messages": [{"ar": "زلزال: ابقوا في مكان مفتوح. أجيبوا 1 إذا كنتم بخير", "fr": "Séisme : restez dehors."}]}""")
        .get("id");
    json("cell", "POST", "/api/v1/crises/" + crisisId + "/activate", "");
    MapPage map = new MapPage(browser);
    map.signIn("cell", AppFixture.PASSWORD);
    map.ready().pickCountry("FR", 4);
    Map<String, Object> france = searchAsCell("{\"country\": \"FR\", \"limit\": 0}");
    wait.until(d -> map.total().equals(String.valueOf(france.get("total"))));
    map.typeDeclaration("Crue du Rhône", Map.of("ar", "فيضان: اصعدوا إلى الطوابق العليا. أجيبوا 1 إذا كنتم بخير"));
    wait.until(d -> map.text("measure-ar").startsWith("UCS-2"));
    map.find("active-crises").findElement(By.xpath(".//button[normalize-space()='Séisme à Tripoli']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(ConsolePage.test("crisis-page")));
    wait.until(d -> map.find("tally").getText().contains("Concernés"));

    map.switchTo("ar");
    wait.until(d -> map.find("tally").getText().contains("المعنيون"));
    assertThat(map.untranslated()).as("French or Western digits left on the Arabic crisis page").isEmpty();
    assertThat(map.showsMiddleDot()).isFalse();
    // Back to the map: the counts and the measure of each message, redrawn in Arabic with Arabic digits while the map
    // was not shown; the measure's parts apart with an Arabic comma, never a middle dot that reads as a zero.
    browser.navigate().back();
    wait.until(d -> "map".equals(map.screen()));
    wait.until(d -> map.text("measure-ar").contains("، ") && map.text("measure-ar").contains("٥٦"));
    assertThat(map.text("measure-ar")).doesNotContain("\u00b7");
    wait.until(d -> map.text("zone-total").equals(arabicDigits(String.valueOf(france.get("total")))));
    assertThat(map.showsMiddleDot()).isFalse();
    assertThat(map.untranslated()).as("French or Western digits left on the Arabic page").isEmpty();
    assertThat(serious()).as("the map in Arabic").isEmpty();
    map.switchTo("fr");
    wait.until(d -> map.text("measure-ar").startsWith("UCS-2 · 56 caractères"));
    assertThat(map.untranslated()).as("Arabic left on the French page").isEmpty();
  }

  private static String arabicDigits(String number) {
    StringBuilder b = new StringBuilder();
    number.chars().forEach(c -> b.append(Character.isDigit(c) ? (char) ('\u0660' + (c - '0')) : (char) c));
    return b.toString();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theGatePageInArabicKeepsCodesInOrderAndTranslatesTheServersRefusal() throws Exception {
    Seated s = seated(995, 48.8700, 2.7800, "Évacuation de l'Est parisien", "Gare de Marne-la-Vallée", 48.8698,
        2.7826, java.time.Instant.now().plus(Duration.ofHours(30)).truncatedTo(java.time.temporal.ChronoUnit.HOURS), """
        {"kind": "FLIGHT", "carrier": "Royal Air Maroc", "reference": "AT 9001", "seats": 150, "stretcherPlaces": 0,
         "wheelchairPlaces": 2, "departsAt": "%s", "reportMinutes": 180, "timeZone": "Europe/Paris",
         "destinationCity": "Casablanca", "points": [{"placeId": "%s", "capacity": 200}]}""");
    String legId = s.legId();
    String code = s.code();

    GatePage gate = new GatePage(browser);
    gate.signIn("officer.paris", AppFixture.PASSWORD);
    gate.switchTo("ar");
    gate.chooseLeg(legId);
    // In the list, the leg's reference, carrier and time are each isolated: a flight number never mixes with a date.
    assertThat(gate.legOption(legId)).startsWith("\u2068AT 9001\u2069").contains("\u2068Royal Air Maroc\u2069");
    // On screen, right to left: the reference first (rightmost), then the carrier, each read left to right inside.
    Map<String, Number> reference = gate.boxOf(gate.legName(), "AT 9001");
    Map<String, Number> carrier = gate.boxOf(gate.legName(), "Royal Air Maroc");
    assertThat(reference.get("left").doubleValue()).as("AT 9001 right of Royal Air Maroc")
        .isGreaterThan(carrier.get("right").doubleValue());
    List<org.openqa.selenium.WebElement> found = gate.search(code);
    org.openqa.selenium.WebElement fatima = found.stream().filter(f -> f.getText().contains("Fatima")).findFirst()
        .orElseThrow();
    assertThat(fatima.findElements(By.tagName("bdi"))).extracting(org.openqa.selenium.WebElement::getText)
        .contains("Fatima El Amrani", code);
    assertThat(gate.boxOf(fatima, "Fatima El Amrani").get("left").doubleValue())
        .isGreaterThan(gate.boxOf(fatima, code).get("right").doubleValue());
    assertThat(gate.showsMiddleDot()).isFalse();
    // Found by the Arabic name she registered, typed as a phone types it (ta marbuta as ha), offline as online.
    assertThat(gate.search("فاطمه")).anyMatch(f -> f.getText().contains("Fatima El Amrani"));
    found = gate.search(code);
    fatima = found.stream().filter(f -> f.getText().contains("Fatima")).findFirst().orElseThrow();
    // Boarding before checking in: the gate API refuses, the page says why in Arabic, the name isolated.
    gate.board(fatima);
    String refusal = gate.result();
    assertThat(refusal).startsWith("مرفوض:").contains("Fatima El Amrani");
    // The household boards together: the refusal names each of its people (isolated), the rest in Arabic.
    assertThat(refusal.replace("Fatima El Amrani", "").replace("Youssef El Amrani", "").replace("Jean Dupont", ""))
        .as("the server's reason in Arabic").doesNotContainPattern("[A-Za-z]");
    assertThat(gate.untranslated()).as("French, English or Western digits left on the Arabic page").isEmpty();
    assertThat(serious()).as("the gate page in Arabic").isEmpty();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-gate-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  // Issue 27, points 14 and 15: the server's reasons, translated, and a CSV refused whole.

  @Test
  void theRegistrationsPageSaysTheServersExactReasonInTheUsersLanguage() throws Exception {
    crisis.core.registry.RegistrationData person = crisis.core.testing.Samples.at(
        crisis.core.testing.Samples.parisian(996), 48.8400, 2.3200);
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/registrations",
        crisis.core.common.Json.write(person), "application/json"))).isEqualTo(201);
    RegistrationsPage page = new RegistrationsPage(browser);
    page.signIn("officer.paris", AppFixture.PASSWORD);
    page.open(person.phone());
    // A number as people write it at home, without the country code.
    page.savePhone("06 12 34 56 78");
    assertThat(page.result()).startsWith("Téléphone : doit être au format international")
        .doesNotContain("must be");
    page.switchTo("ar");
    wait.until(d -> page.text("registration-result").startsWith("الهاتف"));
    assertThat(page.untranslated()).as("the Arabic page").isEmpty();
  }

  @Test
  void aCsvRefusedWholeShowsTheApisExactReason() throws Exception {
    RegistrationsPage page = new RegistrationsPage(browser);
    page.signIn("officer.paris", AppFixture.PASSWORD);
    // A consulate's file saved in Windows-1252: refused whole, the API's reason shown, not a count of rules.
    String header = crisis.core.registry.importing.CsvFormat.header() + "\n";
    // (Windows-1252 has no Arabic letters: the names in Arabic are left empty, as such a file has them.)
    crisis.core.registry.RegistrationData person = crisis.core.testing.Samples.parisian(997);
    String row = crisis.core.registry.importing.CsvFormat.write(person).replace("Fatima", "Hélène")
        .replace(person.givenNameArabic(), "").replace(person.familyNameArabic(), "");
    byte[] file = (header + row).getBytes(java.nio.charset.Charset.forName("windows-1252"));
    int offset = header.length() + row.indexOf('é');
    Path csv = Files.createTempFile("registre-", ".csv");
    Files.write(csv, file);
    page.importFile(csv);
    String status = page.importStatus();
    assertThat(status).doesNotContain("rule").contains("Fichier").contains("UTF-8")
        .contains("position " + offset).contains("ligne 2");
    page.switchTo("ar");
    wait.until(d -> page.text("import-status").startsWith("الملف"));
    assertThat(page.text("import-status")).contains(arabicDigits(String.valueOf(offset)));
    page.switchTo("fr");

    // Sent again saying its encoding: read, and the page says how.
    new org.openqa.selenium.support.ui.Select(page.find("import-charset")).selectByValue("windows-1252");
    page.importFile(csv);
    assertThat(page.importStatus()).startsWith("1 créées");
    assertThat(page.text("import-format")).isEqualTo("Fichier lu en windows-1252 (choisi à l'envoi), séparé par "
        + "des virgules.");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration WHERE given_name_latin = 'Hélène' AND external_id = '"
        + crisis.core.testing.Samples.parisian(997).externalId() + "'")).isEqualTo(1);

    // An Excel workbook, its columns by their French names: read from its first sheet, and the page says which.
    crisis.core.registry.RegistrationData other = crisis.core.testing.Samples.parisian(993);
    String[] names = crisis.core.registry.importing.CsvFormat.header().split(",");
    java.util.List<String> values;
    try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.builder()
        .setReader(new java.io.StringReader(crisis.core.registry.importing.CsvFormat.write(other)))
        .setFormat(org.apache.commons.csv.CSVFormat.RFC4180).get()) {
      values = p.iterator().next().toList();
    }
    Path xlsx = Files.createTempFile("registre-", ".xlsx");
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
         java.io.OutputStream out = Files.newOutputStream(xlsx)) {
      org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("Registre");
      org.apache.poi.ss.usermodel.Row h = sheet.createRow(0);
      org.apache.poi.ss.usermodel.Row r = sheet.createRow(1);
      for (int i = 0; i < names.length; i++) {
        h.createCell(i).setCellValue(switch (names[i]) {
          case "given_name_latin" -> "Prénom";
          case "family_name_latin" -> "Nom";
          case "phone" -> "Téléphone";
          default -> names[i];
        });
        r.createCell(i).setCellValue(values.get(i));
      }
      wb.write(out);
    }
    page.importFile(xlsx);
    assertThat(page.importStatus()).startsWith("1 créées");
    assertThat(page.text("import-format")).isEqualTo("Classeur lu : feuille Registre. Colonnes reconnues : Prénom → "
        + "given_name_latin ; Nom → family_name_latin ; Téléphone → phone.");
  }

  /** A register as a consulate keeps it in Excel: French headers, its own phone column and remarks; one row each. */
  private static Path register(String name, List<List<String>> rows) throws IOException {
    String[] names = crisis.core.registry.importing.CsvFormat.header().split(",");
    Path xlsx = Files.createTempDirectory("registre-").resolve(name);
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
         java.io.OutputStream out = Files.newOutputStream(xlsx)) {
      org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("Registre");
      org.apache.poi.ss.usermodel.Row h = sheet.createRow(0);
      for (int i = 0; i < names.length; i++) {
        h.createCell(i).setCellValue(switch (names[i]) {
          case "given_name_latin" -> "Prénom";
          case "family_name_latin" -> "Nom";
          case "date_of_birth" -> "Date de naissance";
          case "phone" -> "Portable (WhatsApp)";
          default -> names[i];
        });
      }
      h.createCell(names.length).setCellValue("Observations");
      for (int r = 0; r < rows.size(); r++) {
        org.apache.poi.ss.usermodel.Row row = sheet.createRow(r + 1);
        for (int i = 0; i < rows.get(r).size(); i++) {
          row.createCell(i).setCellValue(rows.get(r).get(i));
        }
      }
      wb.write(out);
    }
    return xlsx;
  }

  /** A sample national's cells in the format's column order, and a remark. */
  private static List<String> cells(crisis.core.registry.RegistrationData d, String remark) throws IOException {
    try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.builder()
        .setReader(new java.io.StringReader(crisis.core.registry.importing.CsvFormat.write(d)))
        .setFormat(org.apache.commons.csv.CSVFormat.RFC4180).get()) {
      List<String> values = new java.util.ArrayList<>(p.iterator().next().toList());
      values.add(remark);
      return values;
    }
  }

  @Test
  void anOfficerMapsAWorkbooksUnknownColumnOnceAndTheConsulatesNextFileIsReadWithIt() throws Exception {
    RegistrationsPage page = new RegistrationsPage(browser);
    page.signIn("officer.paris", AppFixture.PASSWORD);
    List<String> wrongDate = cells(crisis.core.testing.Samples.parisian(2963), "");
    int dateColumn = java.util.Arrays.asList(crisis.core.registry.importing.CsvFormat.header().split(","))
        .indexOf("date_of_birth");
    wrongDate.set(dateColumn, "31/02/1990");
    Path xlsx = register("registre-paris.xlsx", List.of(
        cells(crisis.core.testing.Samples.parisian(2961), "à rappeler"),
        cells(crisis.core.testing.Samples.parisian(2962), "cousin à Lyon, ne parle qu'arabe"), wrongDate));

    // Two headers it does not know: the page asks what each is, the missing phone first among the choices.
    page.previewFile(xlsx);
    assertThat(page.find("import-status").getAttribute("data-state")).isEqualTo("mapping");
    assertThat(page.text("import-mapping-why")).endsWith("Colonnes requises absentes : Téléphone.");
    List<WebElement> selects = browser.findElements(By.cssSelector("[data-test=import-mapping-column]"));
    assertThat(selects).hasSize(2);
    assertThat(page.text("import-mapping-rows")).contains("Portable (WhatsApp)", "Observations");
    assertThat(new org.openqa.selenium.support.ui.Select(selects.get(0)).getOptions().get(2).getText())
        .isEqualTo("Téléphone (requise)");
    assertThat(page.find("import-mapping-name").getAttribute("value")).isEqualTo("registre-paris");
    assertThat(serious()).as("the column mapping").isEmpty();
    browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", page.find("import-mapping"));
    Files.write(Path.of("target/console-import-mapping.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("ar");
    wait.until(d -> page.text("import-mapping-why").startsWith("في الملف"));
    assertThat(page.untranslated()).as("the column mapping in Arabic").isEmpty();
    assertThat(serious()).as("the column mapping in Arabic").isEmpty();
    browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", page.find("import-mapping"));
    Files.write(Path.of("target/console-import-mapping-ar.png"), browser.getScreenshotAs(OutputType.BYTES));
    page.switchTo("fr");
    selects = browser.findElements(By.cssSelector("[data-test=import-mapping-column]"));
    // Nothing chosen yet: the page says so and keeps nothing.
    page.find("import-mapping-apply").click();
    wait.until(d -> page.text("import-mapping-result").startsWith("Choisissez"));
    assertThat(FIXTURE.scalar("SELECT count(*) FROM import_mapping")).isZero();
    new org.openqa.selenium.support.ui.Select(selects.get(0)).selectByValue("phone");
    new org.openqa.selenium.support.ui.Select(selects.get(1)).selectByValue("ignore");
    page.find("import-mapping-name").clear();
    page.find("import-mapping-name").sendKeys("Registre du consulat");
    page.find("import-mapping-apply").click();

    // Kept for the consulate, then the file read with it: two to import, the wrong date refused.
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-preview")));
    assertThat(page.text("import-preview-summary")).startsWith("3 lignes : 2 à importer, 1 refusées.");
    assertThat(page.text("import-preview-summary")).contains("Correspondance « Registre du consulat » appliquée.",
        "Colonnes non importées : Observations.", "Portable (WhatsApp) → phone");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM import_mapping WHERE consulate_id = 'fr-paris'"
        + " AND name = 'Registre du consulat' AND updated_by = 'officer.paris'")).isEqualTo(1);

    // The refused row downloaded as a workbook: its cells as sent, and why, beside them.
    page.find("import-refused").click();
    Path refused = DOWNLOADS.resolve("registre-paris-refused.xlsx");
    wait.until(d -> Files.exists(refused) && page.text("import-refused-result").startsWith("Téléchargé"));
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        Files.newInputStream(refused))) {
      org.apache.poi.ss.usermodel.Sheet sheet = wb.getSheetAt(0);
      assertThat(sheet.getLastRowNum()).isEqualTo(1);
      org.apache.poi.ss.usermodel.Row header = sheet.getRow(0);
      org.apache.poi.ss.usermodel.Row row = sheet.getRow(1);
      int width = header.getLastCellNum();
      assertThat(header.getCell(width - 2).getStringCellValue()).isEqualTo("reasons");
      assertThat(row.getCell(dateColumn).getStringCellValue()).isEqualTo("31/02/1990");
      // Named as the file names the column, so that the officer finds it.
      assertThat(row.getCell(width - 2).getStringCellValue())
          .isEqualTo("Date de naissance: '31/02/1990' is not a date (YYYY-MM-DD or DD/MM/YYYY)");
      assertThat(new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(row.getCell(width - 1)))
          .isEqualTo("4");
    }

    page.find("import-confirm").click();
    assertThat(page.importStatus()).startsWith("2 créées");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM registration WHERE external_id IN ('PAR-2961', 'PAR-2962')"
        + " AND phone LIKE '+3361234296_'")).isEqualTo(2);

    // The consulate's next file, with the same columns: read with the mapping it keeps, nothing asked.
    Path next = register("registre-paris-2.xlsx", List.of(cells(crisis.core.testing.Samples.parisian(2964), "")));
    page.previewFile(next);
    assertThat(page.find("import-status").getAttribute("data-state")).isEqualTo("previewed");
    assertThat(page.text("import-preview-summary")).startsWith("1 lignes : 1 à importer, 0 refusées.")
        .contains("Correspondance « Registre du consulat » appliquée.");
    page.find("import-confirm").click();
    assertThat(page.importStatus()).startsWith("1 créées");
    assertThat(page.text("import-format")).contains("Correspondance « Registre du consulat » appliquée.");
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
  private static List<String> serious() throws IOException {
    return Axe.serious(browser);
  }
}
