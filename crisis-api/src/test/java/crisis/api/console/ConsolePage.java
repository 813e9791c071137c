package crisis.api.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's shell as a user meets it (Page Object): signing in, switching language, reading what a screen says.
 * Screens select their elements by {@code data-test} attributes or ARIA roles, never by layout.
 */
class ConsolePage {
  final ChromeDriver browser;
  final WebDriverWait wait;

  ConsolePage(ChromeDriver browser) {
    this.browser = browser;
    this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  static By test(String name) {
    return By.cssSelector("[data-test='" + name + "']");
  }

  WebElement find(String name) {
    return browser.findElement(test(name));
  }

  String text(String name) {
    return find(name).getText();
  }

  void signIn(String user, String password) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(test("username")));
    find("username").clear();
    find("username").sendKeys(user);
    find("password").sendKeys(password);
    find("sign-in").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(test("sign-out")));
  }

  void signOut() {
    find("sign-out").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(test("username")));
  }

  /** Opens a screen by its link in the menu, and waits until it is the screen shown. */
  void go(String screen) {
    wait.until(ExpectedConditions.elementToBeClickable(test("menu-" + screen))).click();
    wait.until(d -> screen.equals(screen()));
  }

  /** The screen shown (its name in the address, #/name). */
  String screen() {
    return (String) script("return document.body.dataset.screen || null");
  }

  /** Opens a screen through the menu unless it is the one shown. */
  void ensure(String screen) {
    wait.until(d -> screen() != null);
    if (!screen.equals(screen())) {
      go(screen);
    }
  }

  /** Switches the interface to a language by its button, and waits for the page to be laid out in it. */
  void switchTo(String language) {
    browser.findElement(By.cssSelector("[data-language='" + language + "']")).click();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", language));
    wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "dir", language.equals("ar") ? "rtl" : "ltr"));
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(js, args);
  }

  /**
   * The visible texts of the page that the interface wrote in a script other than its language's: Latin letters or
   * Western digits in Arabic, Arabic letters or Arabic-Indic digits in French or English. Data is left out: what is
   * isolated as such ({@code <bdi>}, Unicode isolates) or marked as another language ({@code lang}), fields, the map.
   */
  @SuppressWarnings("unchecked")
  List<String> untranslated() {
    return (List<String>) script("""
        const lang = document.documentElement.lang;
        const foreign = lang === 'ar' ? /[A-Za-z0-9]/ : /[\\u0600-\\u06FF]/;
        const found = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n; (n = walker.nextNode()); ) {
          const el = n.parentElement;
          if (!el || el.closest('bdi, script, style, input, textarea, select, .leaflet-container, [translate=no]')) {
            continue;
          }
          const marked = el.closest('[lang]');
          if (marked && marked.lang !== lang) continue;
          if (!el.checkVisibility()) continue;
          // What sits between isolates (U+2066..U+2069) is data too.
          const text = n.textContent.replace(/[\\u2066-\\u2068][^\\u2069]*\\u2069/g, '');
          if (foreign.test(text)) found.push((el.dataset.test || el.id || el.tagName) + ': ' + text.trim());
        }
        return found;""");
  }

  /** Whether the visible page anywhere shows a middle dot, which Arabic readers take for a zero. */
  boolean showsMiddleDot() {
    return (Boolean) script("return document.body.innerText.includes('\\u00b7')");
  }

  /** The on-screen box of a piece of text inside an element: {left, right, top}, in CSS pixels. */
  @SuppressWarnings("unchecked")
  Map<String, Number> boxOf(WebElement element, String piece) {
    return (Map<String, Number>) script("""
        const [root, piece] = arguments;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n; (n = walker.nextNode()); ) {
          const at = n.textContent.indexOf(piece);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(n, at);
          range.setEnd(n, at + piece.length);
          const r = range.getBoundingClientRect();
          return {left: r.left, right: r.right, top: r.top};
        }
        return null;""", element, piece);
  }
}
