package crisis.core.crisis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.common.ConflictException;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.ZoneParser;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A crisis reaches the outbox the one way every aggregate does (issue 29): the trigger of its table, in the
 * transaction of the change — once when declared, once per new version, never for a change that was refused.
 */
@Tag("db")
class CrisisOutboxTest {
  private static TestDatabase db;
  private static Jdbi jdbi;
  private static CrisisService crises;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    crises = new CrisisService(jdbi, new CrisisInputs(new ZoneParser(10_000), new CountryBoundaries()),
        Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  private static long rows(UUID crisis) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT count(*) FROM outbox WHERE aggregate = 'crisis' AND aggregate_id = :id")
        .bind("id", crisis).mapTo(Long.class).one());
  }

  @Test
  void declaredOnceThenOncePerVersionAndNeverForARefusedChange() {
    Crisis draft = crises.create(Samples.CRISIS_CELL, new CrisisDraft("Floods", "FLOOD", "SEVERE",
        List.of(new ZoneInput("France", null, null, "FR")), null, List.of(Map.of("fr", "Restez chez vous."))));
    assertThat(rows(draft.id())).as("declared").isEqualTo(1);

    Crisis active = crises.activate(Samples.CRISIS_CELL, draft.id());
    assertThat(active.version()).isEqualTo(2);
    assertThat(rows(draft.id())).as("activated").isEqualTo(2);

    assertThatThrownBy(() -> crises.activate(Samples.CRISIS_CELL, draft.id())).isInstanceOf(ConflictException.class);
    assertThat(rows(draft.id())).as("a refused change leaves nothing").isEqualTo(2);

    crises.close(Samples.CRISIS_CELL, draft.id(), "over");
    assertThat(rows(draft.id())).as("closed").isEqualTo(3);
  }
}
