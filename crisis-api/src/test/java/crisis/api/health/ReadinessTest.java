package crisis.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import crisis.core.testing.CuttableProxy;
import crisis.core.testing.Poll;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /ready on the admin port: ready once the alert stream runs and the database answers; 503 naming the database
 * while PostgreSQL is cut off (a proxy between the application and PostgreSQL), ready again once it is back; 503
 * naming the alert stream before it runs; and on stop, 503 at once while the server still serves for the drain.
 */
@Tag("kafka")
class ReadinessTest {
  static final CuttableProxy PROXY = proxy();
  static final AppFixture FIXTURE = new AppFixture(ReadinessTest::viaProxy);
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = FIXTURE.app;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static CuttableProxy proxy() {
    try {
      return new CuttableProxy(5432);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String viaProxy(String url) {
    return url.replace("127.0.0.1:5432", "127.0.0.1:" + PROXY.port()).replace("localhost:5432",
        "127.0.0.1:" + PROXY.port());
  }

  @AfterAll
  static void closeProxy() throws Exception {
    PROXY.close();
  }

  static HttpResponse<String> get(int port, String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void notReadyWhileTheDatabaseIsCutOffAndReadyAgainOnceItIsBack() throws Exception {
    HttpResponse<String> ready = Poll.until(Duration.ofSeconds(90), () -> get(APP.getAdminPort(), "/ready"),
        r -> r.statusCode() == 200, "ready");
    assertThat(ready.body()).contains("\"ready\":true").contains("\"alert-stream\":\"ok\"")
        .contains("\"database\":\"ok\"");
    PROXY.cut();
    try {
      HttpResponse<String> cut = Poll.until(Duration.ofSeconds(30), () -> get(APP.getAdminPort(), "/ready"),
          r -> r.statusCode() == 503, "not ready while the database is cut off");
      assertThat(cut.body()).contains("\"failed\":\"database\"");
    } finally {
      PROXY.restore();
    }
    Poll.until(Duration.ofSeconds(60), () -> get(APP.getAdminPort(), "/ready"), r -> r.statusCode() == 200,
        "ready again");
  }

  @Test
  void notReadyBeforeTheAlertStreamRunsNorOnceStopping() {
    Readiness r = new Readiness(() -> null, FIXTURE.jdbi);
    assertThat(r.check().failed()).isEqualTo("server");
    r.started();
    assertThat(r.check().failed()).isEqualTo("alert-stream");
    assertThat(r.check().checks()).containsEntry("database", "ok");
    Readiness running = new Readiness(() -> ((crisis.api.CrisisApplication) APP.getApplication()).alerts().pipeline(),
        FIXTURE.jdbi);
    running.started();
    Poll.until(Duration.ofSeconds(90), () -> running.check().ready(), "the alert stream RUNNING");
    running.stopping();
    assertThat(running.check().failed()).isEqualTo("server");
  }

  @Test
  void notReadyWhileAMigrationRunsOrAChangeSetIsMissingAndNeverTakenOutOnceRight() {
    crisis.core.testing.TestDatabase db = crisis.core.testing.TestDatabase.create();
    try (org.jdbi.v3.core.Handle owner = db.jdbi().open()) {
      // As the server's role, which may read Liquibase's tables and nothing more of them.
      Readiness r = new Readiness(() -> null, crisis.core.db.Jdbis.configure(
          org.jdbi.v3.core.Jdbi.create(db.serverRoleUrl())));
      r.started();
      owner.execute("UPDATE databasechangeloglock SET locked = true, lockgranted = now(), lockedby = 'elsewhere'");
      assertThat(r.check().checks()).containsEntry("schema", "migrating: another process holds the change log's "
          + "lock");
      assertThat(r.check().failed()).isEqualTo("alert-stream"); // named first; the schema's state is still shown
      owner.execute("UPDATE databasechangeloglock SET locked = false, lockgranted = NULL, lockedby = NULL");
      String first = crisis.core.db.Migrations.expected().iterator().next();
      owner.execute("CREATE TEMPORARY TABLE kept AS SELECT * FROM databasechangelog WHERE id = ?", first);
      owner.execute("DELETE FROM databasechangelog WHERE id = ?", first);
      assertThat(r.check().checks()).containsEntry("schema", "1 change sets not applied (first: " + first
          + "): run db migrate");
      owner.execute("INSERT INTO databasechangelog SELECT * FROM kept");
      assertThat(r.check().checks()).containsEntry("schema", "ok");
      // A later release's migration does not take a running instance out of rotation.
      owner.execute("UPDATE databasechangeloglock SET locked = true, lockgranted = now(), lockedby = 'elsewhere'");
      assertThat(r.check().checks()).containsEntry("schema", "ok");
    } finally {
      db.drop();
    }
  }

  @Test
  void onStopReadyTurns503WhileTheServerStillServesForTheDrain() throws Exception {
    AppFixture draining = new AppFixture(ConfigOverride.config("readiness.drainDelay", "4s"));
    draining.app.before();
    int admin = draining.app.getAdminPort();
    int port = draining.app.getLocalPort();
    Poll.until(Duration.ofSeconds(90), () -> get(admin, "/ready"), r -> r.statusCode() == 200, "ready");
    CompletableFuture<Void> stop = CompletableFuture.runAsync(draining.app::after);
    try {
      HttpResponse<String> r = Poll.until(Duration.ofSeconds(10), () -> get(admin, "/ready"),
          x -> x.statusCode() == 503, "not ready once stopping");
      assertThat(r.body()).contains("\"failed\":\"server\"").contains("\"server\":\"stopping\"");
      // The drain: the application port still answers while the proxy takes the instance out of rotation.
      assertThat(get(port, "/api/v1/openapi.json").statusCode()).isLessThan(500);
      assertThat(stop).isNotDone();
    } finally {
      stop.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
