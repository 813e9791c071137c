package crisis.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * A real PostgreSQL server started from the binaries on the classpath, for the embedded default and for tests
 * when no server is named. With a data directory the data survives restarts.
 *
 * <p>A server with a data directory asks every connection for a password ({@code scram-sha-256}, on the loopback and
 * its socket alike): its superuser {@code postgres} has one, and the application works as a login role with its own
 * ({@link #ensureServerRole}). A throw-away server (tests) trusts local connections.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  /** Who may connect, and how, once the superuser has a password: every connection proves it. */
  private static final String PASSWORD_ONLY = """
      # Written by the application: every connection gives its role's password.
      local all all scram-sha-256
      host all all 127.0.0.1/32 scram-sha-256
      host all all ::1/128 scram-sha-256
      """;
  private static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;
  private final String superuserPassword;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String superuserPassword) {
    this.postgres = postgres;
    this.superuserPassword = superuserPassword;
  }

  /**
   * Starts a throw-away server that trusts local connections (tests).
   *
   * @param dataDirectory where the data lives; null for a throw-away directory
   * @param port TCP port on 127.0.0.1; 0 picks a free one
   * @param durable false turns fsync off, for tests
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable) {
    return start(dataDirectory, port, durable, null);
  }

  /**
   * Starts a durable server whose every connection needs a password, its superuser's being {@code superuserPassword}.
   * A data directory made before passwords (trusting local connections) is changed at this start: the superuser is
   * given the password and the trust lines are replaced.
   *
   * @param superuserPassword letters and digits only
   */
  public static EmbeddedDatabase startSecured(Path dataDirectory, int port, String superuserPassword) {
    if (dataDirectory == null || superuserPassword == null || !superuserPassword.matches("[A-Za-z0-9]{16,}")) {
      throw new IllegalArgumentException("a secured server needs a data directory and a password of 16 or more "
          + "letters and digits");
    }
    return start(dataDirectory, port, true, superuserPassword);
  }

  private static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable, String password) {
    Path passwordFile = null;
    try {
      EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
          .setPGStartupWait(Duration.ofSeconds(60))
          .setLocaleConfig("encoding", "UTF8")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "100");
      if (port > 0) {
        b.setPort(port);
      }
      boolean fresh = true;
      if (dataDirectory != null) {
        Files.createDirectories(dataDirectory);
        fresh = !Files.exists(dataDirectory.resolve("PG_VERSION"));
        b.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
      }
      if (password != null) {
        // Read by initdb at a first start (after the library's own "-A trust", so these win), and by the library
        // when it checks that the server answers.
        b.setConnectConfig("password", password);
        if (fresh) {
          passwordFile = Files.createTempFile("crisis-initdb", ".pw",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(passwordFile, password + "\n");
          b.setLocaleConfig("auth-local", "scram-sha-256").setLocaleConfig("auth-host", "scram-sha-256")
              .setLocaleConfig("pwfile", passwordFile.toString());
        }
      }
      if (!durable) {
        for (Map.Entry<String, String> e : Map.of("fsync", "off", "synchronous_commit", "off",
            "full_page_writes", "off").entrySet()) {
          b.setServerConfig(e.getKey(), e.getValue());
        }
      }
      EmbeddedDatabase db = new EmbeddedDatabase(b.start(), password);
      if (password != null && !fresh) {
        db.requirePasswords(dataDirectory);
      }
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
    } finally {
      if (passwordFile != null) {
        try {
          Files.deleteIfExists(passwordFile);
        } catch (IOException ignored) {
          // a temporary file, owner-only
        }
      }
    }
  }

  /** A data directory that trusted local connections: the superuser gets its password, then the trust goes. */
  private void requirePasswords(Path dataDirectory) throws IOException {
    Path hba = dataDirectory.resolve("pg_hba.conf");
    if (Files.readString(hba).equals(PASSWORD_ONLY)) {
      return;
    }
    try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
      s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + superuserPassword + "'");
      Files.writeString(hba, PASSWORD_ONLY);
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot give the embedded PostgreSQL's superuser its password: "
          + e.getSQLState(), e);
    }
  }

  /**
   * Makes {@code loginRole} a member of {@code crisis_server} (made here if no migration made it yet) with this
   * password, the one it is given again at every start: the application connects as it, not as the superuser.
   *
   * @param password letters and digits only
   */
  public void ensureServerRole(String loginRole, String password) {
    if (!loginRole.matches("[a-z_]+") || !password.matches("[A-Za-z0-9]{16,}")) {
      throw new IllegalArgumentException("a role of lower-case letters, a password of 16 or more letters and digits");
    }
    try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
      s.execute("""
          DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crisis_server') THEN
              CREATE ROLE crisis_server NOLOGIN;
            END IF;
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
              CREATE ROLE %1$s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
            END IF;
          END $$""".formatted(loginRole));
      s.execute("ALTER ROLE " + loginRole + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + password + "'");
      s.execute("GRANT crisis_server TO " + loginRole);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set up the embedded PostgreSQL's server role: " + e.getSQLState(), e);
    }
  }

  private Connection superuser(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", SUPERUSER);
    if (superuserPassword != null) {
      p.setProperty("password", superuserPassword);
    }
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, p);
  }

  public int port() {
    return postgres.getPort();
  }

  /** JDBC URL of a database on this server, as the superuser {@code postgres} (its password given apart). */
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
