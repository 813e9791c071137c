package crisis.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 28 (3): the embedded default's PostgreSQL trusted every local process as its superuser (no password on the
 * loopback), so any user of the machine could read and rewrite the data, the audit trail included. A secured server
 * asks every connection for its role's password, and the application's role is not a superuser.
 */
@Tag("db")
class EmbeddedDatabaseTest {
  private static final String OWNER_PASSWORD = "Owner0Password0Of24Chars";
  private static final String APP_PASSWORD = "AppPassword0Of24Letters0";

  @Test
  void aSecuredServerAsksEveryoneForAPasswordAndTheServersRoleIsNoSuperuser(@TempDir Path dir) throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.startSecured(dir.resolve("pg"), 0, OWNER_PASSWORD)) {
      assertRefused(db.port(), "postgres", null);
      assertRefused(db.port(), "postgres", "wrong");
      db.ensureServerRole("crisis_app", APP_PASSWORD);
      assertRefused(db.port(), "crisis_app", null);
      try (Connection c = connect(db.port(), "crisis_app", APP_PASSWORD); Statement s = c.createStatement()) {
        var rs = s.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb, pg_has_role('crisis_server', "
            + "'MEMBER') FROM pg_roles WHERE rolname = current_user");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean(1)).as("superuser").isFalse();
        assertThat(rs.getBoolean(2)).as("creates roles").isFalse();
        assertThat(rs.getBoolean(3)).as("creates databases").isFalse();
        assertThat(rs.getBoolean(4)).as("a member of crisis_server").isTrue();
      }
      try (Connection c = connect(db.port(), "postgres", OWNER_PASSWORD)) {
        assertThat(c.isValid(1)).isTrue();
      }
    }
  }

  /** A data directory made before passwords (trusting the loopback) is closed at the first secured start. */
  @Test
  void aDataDirectoryThatTrustedTheLoopbackAsksForPasswordsFromItsNextStart(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("pg");
    try (EmbeddedDatabase trusting = EmbeddedDatabase.start(data, 0, true)) {
      try (Connection c = connect(trusting.port(), "postgres", null); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");
      }
    }
    assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("trust");
    for (int start = 0; start < 2; start++) {
      try (EmbeddedDatabase db = EmbeddedDatabase.startSecured(data, 0, OWNER_PASSWORD)) {
        assertRefused(db.port(), "postgres", null);
        try (Connection c = connect(db.port(), "postgres", OWNER_PASSWORD); Statement s = c.createStatement()) {
          var rs = s.executeQuery("SELECT n FROM kept");
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(42);
        }
      }
    }
    assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust");
  }

  private static void assertRefused(int port, String user, String password) {
    SQLException e = catchThrowableOfType(SQLException.class, () -> connect(port, user, password).close());
    assertThat((Object) e).as(user + " with " + (password == null ? "no password" : "a wrong one")).isNotNull();
    // 28P01: wrong password; 08004: the server asked for a password the client did not have
    assertThat(e.getSQLState()).isIn("28P01", "08004", "28000");
  }

  private static Connection connect(int port, String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
  }
}
