package crisis.api;

import crisis.api.config.CrisisConfiguration;
import crisis.core.access.Role;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import crisis.core.users.UserService;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.jdbi.v3.core.Jdbi;

/**
 * A running application on a fresh database with one user per role: the consular officer of Paris (FR, MC), the
 * officer of Tripoli (LY), the crisis cell, an administrator and a case worker. Passwords are {@link #PASSWORD}.
 */
public final class AppFixture {
  public static final String PASSWORD = "correct horse battery";
  public final TestDatabase db = TestDatabase.create();
  public final Jdbi jdbi = db.jdbi();
  public final DropwizardAppExtension<CrisisConfiguration> app;

  public AppFixture(ConfigOverride... more) {
    this(java.util.function.UnaryOperator.identity(), more);
  }

  /**
   * @param databaseUrl how the application reaches the test database, from the database's URL (e.g. through a relay
   *     a test can cut). Never override {@code database.connection.url} or {@code .user} again in {@code more}: two
   *     overrides of one key restore each other's value when removed, so the first one's URL stays in the JVM's
   *     system properties and breaks the next application started in it
   * @param more further settings
   */
  public AppFixture(java.util.function.UnaryOperator<String> databaseUrl, ConfigOverride... more) {
    // The application's pool holds connections until the JVM ends; the drop forces them closed then.
    Runtime.getRuntime().addShutdownHook(new Thread(db::drop));
    Samples.consulates(jdbi);
    UserService users = new UserService(jdbi);
    users.add("admin", PASSWORD.toCharArray(), Role.ADMIN, null);
    users.add("cell", PASSWORD.toCharArray(), Role.CRISIS_CELL, null);
    users.add("officer.paris", PASSWORD.toCharArray(), Role.CONSULAR_OFFICER, "fr-paris");
    users.add("officer.tripoli", PASSWORD.toCharArray(), Role.CONSULAR_OFFICER, "ly-tripoli");
    users.add("worker", PASSWORD.toCharArray(), Role.CASEWORKER, null, "MA.06");
    ConfigOverride[] overrides = new ConfigOverride[more.length + 2];
    overrides[0] = ConfigOverride.config("database.connection.url", databaseUrl.apply(db.urlWithoutParameters()));
    overrides[1] = ConfigOverride.config("database.connection.user", db.serverUser());
    System.arraycopy(more, 0, overrides, 2, more.length);
    app = application("../config/test.yml", overrides);
  }

  /**
   * The application on {@code config} with {@code overrides}, and a client that waits for a response as long as a
   * loaded machine may need. The extension's own client gives up after 5 s: with two forks each running a broker, a
   * database and an application on two cores, a plain read has stalled that long and failed a test for nothing.
   */
  public static DropwizardAppExtension<CrisisConfiguration> application(String config, ConfigOverride... overrides) {
    return new DropwizardAppExtension<>(CrisisApplication.class, config, overrides) {
      @Override
      protected JerseyClientBuilder clientBuilder() {
        return super.clientBuilder().property(ClientProperties.CONNECT_TIMEOUT, 10_000)
            .property(ClientProperties.READ_TIMEOUT, 60_000);
      }
    };
  }

  /** A request as {@code user} (null: anonymous) to a path under the application's root. */
  public Invocation.Builder as(String user, String path) {
    Invocation.Builder b = app.client().target("http://127.0.0.1:" + app.getLocalPort() + path).request()
        .accept(MediaType.APPLICATION_JSON);
    if (user != null) {
      b.header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }

  public Response call(String user, String method, String path, Object body, String contentType) {
    Invocation.Builder b = as(user, path);
    return body == null ? b.method(method) : b.method(method, Entity.entity(body, contentType));
  }

  /** The status of a response, which is then closed so that its connection goes back to the pool. */
  public static int status(Response r) {
    try (r) {
      return r.getStatus();
    }
  }

  public long scalar(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
