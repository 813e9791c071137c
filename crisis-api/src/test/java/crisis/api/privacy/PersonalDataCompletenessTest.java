package crisis.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.kafka.Topics;
import crisis.api.services.PersonalDataOwners;
import crisis.core.audit.AuditTrail;
import crisis.core.privacy.PersonalData;
import crisis.core.retention.RetentionPolicy;
import crisis.core.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every table and topic that can hold a person's data is claimed by an owner the retention purge and the person's
 * copy ask (issue 31), each owner's part of the copy covers every table it claims, read
 * from the catalogue of a migrated database and from {@code Topics}: a new table with a person's column, or a table
 * that points to one, or a new topic, fails here until an owner says how its rows are held and forgotten.
 */
@Tag("db")
class PersonalDataCompletenessTest {
  /** Columns that name a person wherever they are. */
  private static final Set<String> PERSON_COLUMNS = Set.of("registration_id", "registration_ids", "phone",
      "family_phone", "traveller_id", "full_name", "deceased_name", "family_name_latin", "phone_index");

  /** Tables with a person's column that hold an institution's, not a national's, and why. */
  private static final Map<String, String> INSTITUTIONS = Map.of(
      "consulate", "the consulate's own phone and e-mail");

  /** Tables that name people and that no purge reaches, and why. */
  private static final Map<String, String> OUTSIDE = Map.of(
      "outbox", "ids for the seconds until the relay sends them: the tombstones themselves");

  @Test
  void everyTableThatCanNameAPersonIsClaimedByAnOwnerOfTheRetentionPurge() {
    TestDatabase db = TestDatabase.create();
    Map<String, Set<String>> columns = new TreeMap<>();
    Map<String, Set<String>> pointsTo = new TreeMap<>();
    List<PersonalData> owners = PersonalDataOwners.purge(db.jdbi(), Clock.systemUTC(), RetentionPolicy.DEFAULT,
        new AuditTrail(db.jdbi(), Clock.systemUTC())).owners();
    try {
      Jdbi jdbi = db.jdbi();
      // Each owner's part of a person's copy has every table it claims (empty for someone it holds nothing on).
      PersonalData.Subject nobody = new PersonalData.Subject(java.util.UUID.randomUUID(), "+33600000000", "FR");
      jdbi.useHandle(h -> owners.forEach(o -> assertThat(o.export(h, nobody).keySet())
          .as("the copy's tables of %s", o.getClass().getSimpleName())
          .containsExactlyInAnyOrderElementsOf(o.tables().keySet())));
      jdbi.useHandle(h -> {
        h.createQuery("""
            SELECT c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND c.table_name NOT LIKE 'databasechangelog%'""")
            .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list()
            .forEach(e -> columns.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
        h.createQuery("""
            SELECT cl.relname, rf.relname FROM pg_constraint k
            JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class rf ON rf.oid = k.confrelid
            WHERE k.contype = 'f'""")
            .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list()
            .forEach(e -> pointsTo.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
      });
    } finally {
      db.drop();
    }
    // A table names a person by one of their columns, or by pointing to a table that does (a case's needs).
    Set<String> naming = new TreeSet<>();
    columns.forEach((t, cs) -> {
      if (cs.stream().anyMatch(PERSON_COLUMNS::contains) && !INSTITUTIONS.containsKey(t)) {
        naming.add(t);
      }
    });
    for (boolean grew = true; grew; ) {
      grew = false;
      for (var e : pointsTo.entrySet()) {
        if (!naming.contains(e.getKey()) && e.getValue().stream().anyMatch(naming::contains)) {
          grew |= naming.add(e.getKey());
        }
      }
    }
    assertThat(naming).as("tables naming a person, found in the catalogue").hasSizeGreaterThan(20)
        .contains("registration", "sms_send", "reintegration_need_history", "remains_cost", "gate_passage");

    Map<String, String> claimed = new TreeMap<>();
    List<String> twice = new ArrayList<>();
    for (PersonalData o : owners) {
      o.tables().forEach((t, how) -> {
        if (claimed.put(t, o.getClass().getSimpleName()) != null) {
          twice.add(t);
        }
      });
    }
    assertThat(twice).as("tables two owners claim").isEmpty();
    assertThat(columns.keySet()).as("claimed tables exist").containsAll(claimed.keySet());
    Set<String> unclaimed = new TreeSet<>(naming);
    unclaimed.removeAll(claimed.keySet());
    unclaimed.removeAll(OUTSIDE.keySet());
    assertThat(unclaimed).as("tables that can name a person and that no owner claims").isEmpty();
  }

  @Test
  void everyTopicSaysHowAPersonLeavesIt() {
    Topics.all().forEach(t -> assertThat(Topics.forgetting(t)).as(t).isNotBlank());
  }
}
