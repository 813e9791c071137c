package crisis.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import crisis.core.db.Jdbis;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The audit trail is evidence: the database refuses to change or remove it, whoever asks. */
@Tag("db")
class AuditTrailTest {
  private static TestDatabase db;
  private static Jdbi jdbi;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  @Test
  void theDatabaseRefusesToUpdateDeleteOrTruncateTheTrail() {
    AuditTrail audit = new AuditTrail(jdbi, Clock.systemUTC());
    UUID someone = UUID.randomUUID();
    jdbi.useHandle(h -> audit.record(h, Samples.CRISIS_CELL, "READ", List.of(someone), "evidence"));
    for (String sql : List.of("UPDATE audit_event SET actor = 'nobody'", "DELETE FROM audit_event",
        "TRUNCATE audit_event")) {
      assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(sql))).as(sql)
          .hasMessageContaining("audit_event is append-only");
    }
    long rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_event WHERE actor = 'cell' "
        + "AND detail = 'evidence'").mapTo(Long.class).one());
    assertThat(rows).isEqualTo(1);
  }

  /**
   * The trigger holds against whoever may not remove it; the server's role (a member of {@code crisis_server}, as the
   * application connects) may add to the trail and read it, and may not remove it, change it, disable its trigger or
   * switch triggers off for its session. Run as the owner, as the application did before, every bypass works.
   */
  @Test
  void theServersRoleCanOnlyAddToTheTrailAndCannotSwitchItsGuardOff() {
    Jdbi server = Jdbis.configure(Jdbi.create(serverDataSource()));
    AuditTrail audit = new AuditTrail(server, Clock.systemUTC());
    server.useHandle(h -> audit.record(h, Samples.CRISIS_CELL, "READ", List.of(UUID.randomUUID()), "as server"));
    assertThat(count(server, "SELECT count(*) FROM audit_event WHERE detail = 'as server'")).isEqualTo(1);
    for (String sql : List.of(
        "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change",
        "ALTER TABLE audit_event DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_event_no_change ON audit_event",
        "DROP FUNCTION audit_event_append_only() CASCADE",
        "SET session_replication_role = replica",
        "UPDATE audit_event SET detail = 'rewritten'",
        "DELETE FROM audit_event",
        "TRUNCATE audit_event",
        "DROP TABLE audit_event",
        "CREATE TABLE evil (id int)",
        "DELETE FROM databasechangelog")) {
      assertThat(catchThrowable(() -> server.useHandle(h -> h.execute(sql)))).as(sql)
          .isInstanceOfSatisfying(org.jdbi.v3.core.statement.UnableToExecuteStatementException.class,
              e -> assertThat(((java.sql.SQLException) e.getCause()).getSQLState()).as(sql)
                  .isIn("42501", "0A000")); // insufficient_privilege; must be owner
    }
    // A grant by whoever holds no grant option is only a warning: nothing is granted.
    server.useHandle(h -> h.execute("GRANT UPDATE, DELETE, TRUNCATE ON audit_event TO crisis_server"));
    assertThat(count(jdbi, "SELECT count(*) FROM unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE']) p "
        + "WHERE has_table_privilege('" + TestDatabase.SERVER_USER + "', 'audit_event', p)")).isZero();
    assertThat(count(jdbi, "SELECT count(*) FROM audit_event WHERE detail = 'as server'")).isEqualTo(1);
    assertThat(count(jdbi, "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_event'::regclass "
        + "AND NOT tgisinternal AND tgenabled = 'O'")).isEqualTo(2);
  }

  /**
   * The trail's own retention: the owner deletes the events older than the period it keeps, never a recent one, never
   * with a period under a year, and the server's role cannot at all; the purge says what it did.
   */
  @Test
  void theOwnerDeletesOnlyEventsOlderThanTheKeptPeriodAndTheServerNothing() {
    java.time.Instant now = java.time.Instant.now();
    UUID someone = UUID.randomUUID();
    for (int years : new int[] {7, 6, 3}) {
      AuditTrail then = new AuditTrail(jdbi, Clock.fixed(now.minus(java.time.Duration.ofDays(365L * years)),
          java.time.ZoneOffset.UTC));
      jdbi.useHandle(h -> then.record(h, Samples.CRISIS_CELL, "READ", List.of(someone), years + " years ago"));
    }
    String aged = "SELECT count(*) FROM audit_event WHERE detail LIKE '% years ago'";
    Jdbi server = Jdbis.configure(Jdbi.create(serverDataSource()));
    assertThat(catchThrowable(() -> AuditRetention.purge(server, Clock.systemUTC(), 60))).as("the server's role")
        .hasMessageContaining("permission denied");
    assertThatThrownBy(() -> AuditRetention.purge(jdbi, Clock.systemUTC(), 6)).isInstanceOf(
        IllegalArgumentException.class).hasMessageContaining("12 months");
    assertThatThrownBy(() -> jdbi.useTransaction(h -> {
      h.createQuery("SELECT set_config('crisis.audit_kept_after', (now() - interval '1 month')::text, true)")
          .mapTo(String.class).one();
      h.execute("DELETE FROM audit_event");
    })).as("a period under a year").hasMessageContaining("audit_event is append-only");
    assertThatThrownBy(() -> jdbi.useTransaction(h -> {
      h.createQuery("SELECT set_config('crisis.audit_kept_after', (now() - interval '5 years')::text, true)")
          .mapTo(String.class).one();
      h.execute("UPDATE audit_event SET detail = 'rewritten'");
    })).as("a change, whatever the period").hasMessageContaining("audit_event is append-only");
    assertThat(count(jdbi, aged)).isEqualTo(3);

    assertThat(AuditRetention.purge(jdbi, Clock.systemUTC(), 60)).isEqualTo(2);
    assertThat(count(jdbi, aged)).isEqualTo(1);
    assertThat(count(jdbi, "SELECT count(*) FROM audit_event WHERE detail = '3 years ago'")).isEqualTo(1);
    assertThat(count(jdbi, "SELECT count(*) FROM audit_event WHERE action = 'AUDIT_RETENTION' AND actor = "
        + "'system:retention' AND detail LIKE '2 events before % deleted (60 months kept)'")).isEqualTo(1);
    assertThat(AuditRetention.purge(jdbi, Clock.systemUTC(), 60)).as("again").isZero();
  }

  private static long count(Jdbi on, String sql) {
    return on.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private static org.postgresql.ds.PGSimpleDataSource serverDataSource() {
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL(db.serverRoleUrl());
    return ds;
  }
}
