package crisis.api;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.config.CrisisConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's first command in miniature: config/embedded.yml starts its own PostgreSQL, migrates, loads the demo
 * and lets a demo officer list registrations.
 */
@Tag("app")
class EmbeddedDefaultTest {
  static final Path DIR = tempDir();

  @RegisterExtension
  static final DropwizardAppExtension<CrisisConfiguration> APP = AppFixture.application("../config/embedded.yml",
      ConfigOverride.config("server.applicationConnectors[0].port", "0"),
      ConfigOverride.config("server.adminConnectors[0].port", "0"),
      ConfigOverride.config("database.dataDirectory", DIR.resolve("postgres").toString()),
      ConfigOverride.config("kafka.dataDirectory", DIR.resolve("kafka").toString()),
      ConfigOverride.config("kafka.stateDirectory", DIR.resolve("streams").toString()),
      ConfigOverride.config("demo.registrations", "500"),
      ConfigOverride.config("demo.credentialsFile", DIR.resolve("credentials.txt").toString()),
      ConfigOverride.config("personalData.file", DIR.resolve("keys").toString()),
      ConfigOverride.config("logging.level", "WARN"));

  @Test
  void startsOnItsOwnDatabaseWithDemoUsersAndNationals() throws Exception {
    Path credentials = DIR.resolve("credentials.txt");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
    List<String> lines = Files.readAllLines(credentials);
    assertThat(lines).extracting(l -> l.split(" ")[0])
        .containsExactly("admin", "crisis.cell", "officer.paris", "officer.tripoli", "caseworker",
            "caseworker.rabat");
    String password = lines.get(2).split(" ")[1];
    String page = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/registrations?limit=5")
        .request().header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
            .encodeToString(("officer.paris:" + password).getBytes(StandardCharsets.UTF_8)))
        .get(String.class);
    assertThat(page).contains("\"countryOfResidence\":\"FR\"").doesNotContain("\"countryOfResidence\":\"LY\"");
    String health = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck").request()
        .get(String.class);
    assertThat(health).contains("\"database\":{\"healthy\":true").contains("\"alerts\":{\"healthy\":true");
    assertThat(DIR.resolve("kafka").resolve("cluster-id")).exists();
  }

  @Test
  void theEmbeddedBrokerLetsNobodyInWithoutItsCredentials() throws Exception {
    Path kafka = DIR.resolve("kafka");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kafka))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kafka.resolve("credentials"))))
        .isEqualTo("rw-------");
    String bootstrap = ((crisis.api.config.EmbeddedKafkaFactory) APP.getConfiguration().getKafka())
        .startedBootstrapServers();
    java.util.Map<String, Object> anonymous = new java.util.HashMap<>(java.util.Map.of("bootstrap.servers", bootstrap,
        "default.api.timeout.ms", 5000, "request.timeout.ms", 3000));
    try (var admin = org.apache.kafka.clients.admin.Admin.create(anonymous)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.listTopics().names().get())
          .as("a local process without credentials").isInstanceOf(java.util.concurrent.ExecutionException.class);
    }
    java.util.Map<String, Object> guessed = new java.util.HashMap<>(anonymous);
    guessed.putAll(crisis.alerts.kafka.EmbeddedKafka.scramClient("crisis-app", "a guessed password"));
    try (var admin = org.apache.kafka.clients.admin.Admin.create(guessed)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.listTopics().names().get())
          .hasRootCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
    }
    // The pipeline itself signs in with the generated credentials: the health check above says it runs.
  }

  @Test
  void everyPortTheEmbeddedDefaultOpensIsOnLoopback() {
    // As `ss -ltnp` would list them: this JVM (HTTP, admin, Kafka broker and controller) and the PostgreSQL
    // processes started on this test's data directory.
    var sockets = crisis.core.testing.ListeningSockets.of(
        crisis.core.testing.ListeningSockets.thisProcessAnd(DIR.toString()));
    int database = Integer.parseInt(APP.getConfiguration().getDatabase().dataSourceFactory().getUrl()
        .replaceAll(".*:(\\d+)/.*", "$1"));
    assertThat(sockets).extracting(crisis.core.testing.ListeningSockets.Socket::port)
        .contains(APP.getLocalPort(), APP.getAdminPort(), database);
    assertThat(sockets.size()).as("HTTP, admin, database, Kafka broker and controller").isGreaterThanOrEqualTo(5);
    assertThat(sockets).allSatisfy(s -> assertThat(s.loopback()).as("port %d on %s", s.port(), s.hexAddress())
        .isTrue());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("crisis-embedded-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
