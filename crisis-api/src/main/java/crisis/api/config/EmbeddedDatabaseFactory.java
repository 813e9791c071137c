package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.core.db.EmbeddedDatabase;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * A real PostgreSQL server started in-process from binaries on the classpath, data kept in {@code dataDirectory}
 * between runs. Started once, on first use, and stopped when the JVM exits.
 *
 * <p>Every connection to it needs a password, generated at first start into {@code credentialsFile} (mode 600): the
 * superuser's, which only migrates the schema (and so owns it), and the server's, a login role {@value #SERVER_ROLE}
 * that may read and write the data, never the schema, and only add to the audit trail ({@code crisis_server}).
 */
public class EmbeddedDatabaseFactory implements DatabaseFactory {
  static final String SERVER_ROLE = "crisis_app";
  private static final String OWNER = "postgres";

  @NotNull
  @JsonProperty
  private String dataDirectory = "data/postgres";

  /** Where the generated passwords are kept (mode 600); unset: beside the data, {@code <dataDirectory>.credentials}. */
  @JsonProperty
  private String credentialsFile;

  /** TCP port on 127.0.0.1; 0 picks a free one. */
  @JsonProperty
  private int port = 0;

  private DataSourceFactory server;
  private DataSourceFactory owner;

  @Override
  public synchronized DataSourceFactory dataSourceFactory() {
    start();
    return server;
  }

  @Override
  public synchronized DataSourceFactory migrationDataSourceFactory() {
    start();
    return owner;
  }

  private void start() {
    if (server != null) {
      return;
    }
    Path data = Path.of(dataDirectory).toAbsolutePath();
    Path file = credentialsFile != null ? Path.of(credentialsFile)
        : data.resolveSibling(data.getFileName() + ".credentials");
    Properties passwords = GeneratedCredentials.readOrMake(file, "the embedded PostgreSQL's roles", OWNER,
        SERVER_ROLE);
    EmbeddedDatabase db = EmbeddedDatabase.startSecured(data, port, passwords.getProperty(OWNER));
    Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-postgres-stop"));
    db.ensureServerRole(SERVER_ROLE, passwords.getProperty(SERVER_ROLE));
    server = connection(db.port(), SERVER_ROLE, passwords.getProperty(SERVER_ROLE), 16);
    owner = connection(db.port(), OWNER, passwords.getProperty(OWNER), 2);
  }

  private static DataSourceFactory connection(int port, String user, String password, int maxSize) {
    DataSourceFactory f = new DataSourceFactory();
    f.setDriverClass("org.postgresql.Driver");
    f.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
    f.setUser(user);
    f.setPassword(password);
    f.setProperties(Map.of("ApplicationName", "crisis-api"));
    f.setMaxSize(maxSize);
    f.setMinSize(Math.min(maxSize, 2));
    f.setInitialSize(Math.min(maxSize, 2));
    return f;
  }

  @Override
  public boolean migrateOnStart() {
    return true;
  }
}
