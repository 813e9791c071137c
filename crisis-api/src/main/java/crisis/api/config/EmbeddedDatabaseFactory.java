package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.core.db.EmbeddedDatabase;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL server started in-process from binaries on the classpath, data kept in {@code dataDirectory}
 * between runs. Started once, on first use, and stopped when the JVM exits.
 */
public class EmbeddedDatabaseFactory implements DatabaseFactory {
  @NotNull
  @JsonProperty
  private String dataDirectory = "data/postgres";

  /** TCP port on 127.0.0.1; 0 picks a free one. */
  @JsonProperty
  private int port = 0;

  private DataSourceFactory dataSourceFactory;

  @Override
  public synchronized DataSourceFactory dataSourceFactory() {
    if (dataSourceFactory == null) {
      EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(dataDirectory).toAbsolutePath(), port, true);
      Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-postgres-stop"));
      DataSourceFactory f = new DataSourceFactory();
      f.setDriverClass("org.postgresql.Driver");
      f.setUrl("jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres");
      f.setUser("postgres");
      f.setProperties(Map.of("ApplicationName", "crisis-api"));
      f.setMaxSize(16);
      dataSourceFactory = f;
    }
    return dataSourceFactory;
  }

  @Override
  public boolean migrateOnStart() {
    return true;
  }
}
