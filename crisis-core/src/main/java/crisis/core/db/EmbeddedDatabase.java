package crisis.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real PostgreSQL server started from the binaries on the classpath, for the embedded default and for tests
 * when no server is named. With a data directory the data survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts a server.
   *
   * @param dataDirectory where the data lives; null for a throw-away directory
   * @param port TCP port on 127.0.0.1; 0 picks a free one
   * @param durable false turns fsync off, for tests
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable) {
    try {
      EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
          .setPGStartupWait(Duration.ofSeconds(60))
          .setLocaleConfig("encoding", "UTF8")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "100");
      if (port > 0) {
        b.setPort(port);
      }
      if (dataDirectory != null) {
        Files.createDirectories(dataDirectory);
        b.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
      }
      if (!durable) {
        for (Map.Entry<String, String> e : Map.of("fsync", "off", "synchronous_commit", "off",
            "full_page_writes", "off").entrySet()) {
          b.setServerConfig(e.getKey(), e.getValue());
        }
      }
      return new EmbeddedDatabase(b.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** JDBC URL of a database on this server, as the superuser {@code postgres}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=postgres";
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
