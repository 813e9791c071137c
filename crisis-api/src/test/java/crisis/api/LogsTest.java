package crisis.api;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.config.CrisisConfiguration;
import crisis.core.access.Role;
import crisis.core.common.Json;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import crisis.core.users.UserService;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the logs of a running application hold, with production's own log formats (read from production.yml) at
 * INFO: requests by path and status, never a query string, a body, a password or a person's data, even when the
 * request is refused or fails.
 */
class LogsTest {
  @Test
  void logsCarryNoBodyQueryStringOrPersonalData() throws Exception {
    Path dir = Files.createTempDirectory("crisis-logs");
    String production = Files.readString(Path.of("../config/production.yml"));
    String requestFormat = first(production, "logFormat: '([^']*)'");
    String appFormat = first(production, "logFormat: \"([^\"]*)\"");
    String config = Files.readString(Path.of("../config/test.yml"))
        .replace("  requestLog:\n    appenders: []", "  requestLog:\n    appenders:\n      - type: file\n"
            + "        currentLogFilename: " + dir.resolve("requests.log") + "\n        archive: false\n"
            + "        logFormat: '" + requestFormat + "'")
        .replaceAll("(?s)\nlogging:.*$", """

            logging:
              level: INFO
              appenders:
                - type: file
                  currentLogFilename: %s
                  archive: false
                  logFormat: "%s"
            """.formatted(dir.resolve("app.log"), appFormat));
    Path file = dir.resolve("config.yml");
    Files.writeString(file, config);

    TestDatabase db = TestDatabase.create();
    Runtime.getRuntime().addShutdownHook(new Thread(db::drop));
    Samples.consulates(db.jdbi());
    new UserService(db.jdbi()).add("officer.paris", AppFixture.PASSWORD.toCharArray(), Role.CONSULAR_OFFICER,
        "fr-paris");
    DropwizardTestSupport<CrisisConfiguration> app = new DropwizardTestSupport<>(CrisisApplication.class,
        file.toString(), ConfigOverride.config("database.connection.url", db.urlWithoutParameters()),
        ConfigOverride.config("database.connection.user", db.serverUser()));
    app.before();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + app.getLocalPort();
      String auth = "Basic " + Base64.getEncoder().encodeToString(("officer.paris:" + AppFixture.PASSWORD)
          .getBytes(StandardCharsets.UTF_8));
      String person = Json.write(Samples.parisian(77));
      // Created, then the same again (a duplicate), then a broken one, a query string with a name, a wrong password.
      for (String body : new String[] {person, person, person.replace("\"Fatima\"", "\"Fat1ma\"")}) {
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/registrations")).header("Authorization", auth)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
      }
      http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/registrations?q=Benali-Secret&country=FR"))
          .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
      http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me")).header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString("officer.paris:not-the-password-of-anyone".getBytes(
              StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    } finally {
      app.after();
    }
    String requests = Files.readString(dir.resolve("requests.log"));
    String logs = Files.readString(dir.resolve("app.log"));
    assertThat(requests).as("the request log works").contains("\"POST /api/v1/registrations HTTP/1.1\" 201")
        .contains("\"POST /api/v1/registrations HTTP/1.1\" 409").contains("\"GET /api/v1/registrations HTTP/1.1\" 200")
        .contains("\"GET /api/v1/me HTTP/1.1\" 401");
    assertThat(logs).as("the application log works").contains("crisis");
    var p = Samples.parisian(77);
    for (String secret : java.util.Arrays.asList("Benali-Secret", "q=", p.nationalId(), p.passportNumber(), p.phone(),
        p.email(), "Fatima", "Fat1ma", "فاطمة", p.address(), AppFixture.PASSWORD, "not-the-password-of-anyone",
        Base64.getEncoder().encodeToString(("officer.paris:" + AppFixture.PASSWORD).getBytes(StandardCharsets.UTF_8)))) {
      if (secret == null) {
        continue;
      }
      assertThat(requests).as("request log").doesNotContain(secret);
      assertThat(logs).as("application log").doesNotContain(secret);
    }
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }
}
