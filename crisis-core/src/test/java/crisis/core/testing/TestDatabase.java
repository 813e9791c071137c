package crisis.core.testing;

import crisis.core.db.EmbeddedDatabase;
import crisis.core.db.Jdbis;
import crisis.core.db.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, migrated PostgreSQL database for one test class. The server is the one named by the environment variable
 * {@value #ENV} (a JDBC URL of a database the user may create databases from, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); without it, an embedded PostgreSQL started once per
 * JVM. A named server that cannot be reached fails the test: it never skips.
 */
public final class TestDatabase {
  public static final String ENV = "CRISIS_TEST_DATABASE_URL";
  /** The login role the application's tests run the server as: a member of {@code crisis_server}, as in production. */
  public static final String SERVER_USER = "crisis_test_server";
  private static final String TEMPLATE = "crisis_template_" + UUID.randomUUID().toString().substring(0, 8);
  private static String serverUrl;
  private static EmbeddedDatabase embedded;

  private final String name;
  private final String url;

  private TestDatabase(String name, String url) {
    this.name = name;
    this.url = url;
  }

  /** Creates a new database from a migrated template. */
  public static synchronized TestDatabase create() {
    server();
    String name = "crisis_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(serverUrl, "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    return new TestDatabase(name, withDatabase(serverUrl, name));
  }

  /**
   * Creates a new database with nothing in it (not migrated), for tests of what the application does on an empty
   * database. The server's roles ({@code crisis_server}, {@value #SERVER_USER}) exist, as they do once any database of
   * the server was migrated.
   */
  public static synchronized TestDatabase createEmpty() {
    server();
    String name = "crisis_e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(serverUrl, "CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
    return new TestDatabase(name, withDatabase(serverUrl, name));
  }

  /** The server, and a migrated template on it, made once per JVM. */
  private static void server() {
    if (serverUrl == null) {
      String env = System.getenv(ENV);
      if (env != null && !env.isBlank()) {
        serverUrl = env;
      } else {
        embedded = EmbeddedDatabase.start(null, 0, false);
        serverUrl = embedded.jdbcUrl("postgres");
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
      }
      execute(serverUrl, "CREATE DATABASE " + TEMPLATE + " ENCODING 'UTF8' TEMPLATE template0");
      Migrations.migrate(dataSource(withDatabase(serverUrl, TEMPLATE)));
      // The role is the server's (every database of it shares it): made once, whoever comes first.
      execute(serverUrl, """
          DO $$ BEGIN
            CREATE ROLE %s LOGIN IN ROLE crisis_server;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
          END $$""".formatted(SERVER_USER));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(TEMPLATE)));
    }
  }

  public String url() {
    return url;
  }

  /** The user of the URL (the "user" parameter), for configurations that want it apart. */
  public String user() {
    int i = url.indexOf("user=");
    if (i < 0) {
      return System.getProperty("user.name");
    }
    int end = url.indexOf('&', i);
    return url.substring(i + 5, end < 0 ? url.length() : end);
  }

  /** The user the application connects as: {@value #SERVER_USER}. */
  public String serverUser() {
    return SERVER_USER;
  }

  /**
   * The URL as the server's role ({@value #SERVER_USER}: data only, the audit trail append-only), not the owner's.
   * The test server trusts its local connections, so no password.
   */
  public String serverRoleUrl() {
    String base = urlWithoutParameters();
    return base + "?user=" + SERVER_USER;
  }

  /** The URL without its query string. */
  public String urlWithoutParameters() {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  public PGSimpleDataSource dataSource() {
    return dataSource(url);
  }

  /** A Jdbi on this database with the test keys ({@link TestKeys}) for the sealed personal fields. */
  public Jdbi jdbi() {
    return TestKeys.install(Jdbis.configure(Jdbi.create(dataSource())));
  }

  /**
   * Applies the change log's change sets that come before {@code id}, as the release before them would have: the
   * state a migration step that seals older clear values starts from.
   */
  public void migrateUpTo(String id) throws Exception {
    try (Connection c = dataSource().getConnection()) {
      liquibase.database.Database d = liquibase.database.DatabaseFactory.getInstance()
          .findCorrectDatabaseImplementation(new liquibase.database.jvm.JdbcConnection(c));
      try (liquibase.Liquibase l = new liquibase.Liquibase(Migrations.CHANGELOG,
          new liquibase.resource.ClassLoaderResourceAccessor(), d)) {
        java.util.List<liquibase.changelog.ChangeSet> sets = l.getDatabaseChangeLog().getChangeSets();
        int before = 0;
        while (!sets.get(before).getId().equals(id)) {
          before++;
        }
        l.update(before, "");
      }
    }
  }

  public void drop() {
    dropQuietly(name);
  }

  private static void dropQuietly(String db) {
    try {
      execute(serverUrl, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    } catch (RuntimeException ignored) {
      // the server may already be gone at JVM exit
    }
  }

  private static PGSimpleDataSource dataSource(String url) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    return ds;
  }

  static String withDatabase(String url, String db) {
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    String params = q < 0 ? "" : url.substring(q);
    return base.substring(0, base.lastIndexOf('/') + 1) + db + params;
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database at " + url.replaceAll("password=[^&]*", "password=***")
          + " failed: " + e.getMessage(), e);
    }
  }
}
