package crisis.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
