package crisis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.db.Migrations;
import crisis.core.demo.DemoData;
import crisis.core.testing.TestDatabase;
import crisis.standin.LocalTwilio;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Fault E: two release-jar instances started at the same moment on an empty database. Both become ready; the schema is
 * migrated once (every change set of the release recorded exactly once), the demo seeded once (its users, consulates
 * and one import of its nationals: a second seed would clash on the users' names and stop an instance), neither
 * instance logged an error. Two cases: a database with nothing in it, which each instance migrates as the schema's
 * owner ({@code migrateOnStart}; Liquibase's lock makes the second wait for the first); and a database migrated by
 * {@code db migrate} beforehand, where nothing but the demo seed's own lock keeps the two from seeding together.
 */
class EmptyDatabaseIT {
  private static final int DEMO_PEOPLE = 1_500;

  @Test
  void twoInstancesStartedTogetherOnANewDatabaseMigrateOnceAndSeedOnce() throws Exception {
    TestDatabase db = TestDatabase.createEmpty();
    startTogetherAndCheck("on a database with nothing in it", db, s -> s.migratingAs(db.user()));
  }

  @Test
  void twoInstancesStartedTogetherOnAMigratedEmptyDatabaseSeedOnce() throws Exception {
    TestDatabase db = TestDatabase.create();
    startTogetherAndCheck("on a migrated database with no data", db, s -> s);
  }

  private static void startTogetherAndCheck(String what, TestDatabase db,
      java.util.function.UnaryOperator<AppInstance.Settings> shape) throws Exception {
    List<AppInstance> apps = new ArrayList<>();
    try (KafkaCluster kafka = KafkaCluster.start(3); LocalTwilio twilio = new LocalTwilio()) {
      AppInstance.Settings settings = shape.apply(new AppInstance.Settings(db.urlWithoutParameters(),
          db.serverUser(), kafka.bootstrapServers(), true, "cluster-test-token", twilio.base().toString(),
          ClusterFixture.PUBLIC_URL, 60).withDemo(DEMO_PEOPLE));
      for (String name : List.of("a", "b")) {
        apps.add(AppInstance.configure(name, settings));
      }
      long t0 = System.nanoTime();
      for (AppInstance app : apps) {
        app.start();
      }
      for (AppInstance app : apps) {
        app.awaitReady(null, Duration.ofMinutes(4));
      }
      System.out.printf("cluster test E: 2 instances started together %s, both ready in %.1f s%n", what,
          (System.nanoTime() - t0) / 1e9);

      Jdbi jdbi = db.jdbi();
      Set<String> expected = Migrations.expected();
      Map<String, Object> changes = jdbi.withHandle(h -> h.createQuery(
          "SELECT count(*) AS rows, count(DISTINCT id) AS ids FROM databasechangelog").mapToMap().one());
      assertThat(((Number) changes.get("rows")).longValue()).as("change sets recorded").isEqualTo(expected.size());
      assertThat(((Number) changes.get("ids")).longValue()).as("distinct change sets").isEqualTo(expected.size());
      long users = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM app_user").mapTo(Long.class).one());
      long consulates = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM consulate").mapTo(Long.class).one());
      List<Map<String, Object>> runs = jdbi.withHandle(h -> h.createQuery(
          "SELECT created, rejected FROM import_run").mapToMap().list());
      long registrations = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM registration").mapTo(Long.class)
          .one());
      System.out.printf("cluster test E: %d change sets, %d users, %d consulates, %d import runs, %d registrations%n",
          ((Number) changes.get("rows")).longValue(), users, consulates, runs.size(), registrations);
      assertThat(users).as("demo users, once").isEqualTo(6);
      assertThat(consulates).as("demo consulates, once").isEqualTo(DemoData.consulates().size());
      assertThat(runs).as("the demo's import, once").hasSize(1);
      long created = ((Number) runs.get(0).get("created")).longValue();
      assertThat(created).as("the demo's nationals imported").isGreaterThan(DEMO_PEOPLE * 9 / 10);
      assertThat(registrations).as("registrations, the import's only").isEqualTo(created);
      long seeded = apps.stream().filter(a -> Files.exists(a.config.resolveSibling("demo-credentials.txt"))).count();
      assertThat(seeded).as("instances that wrote the demo's credentials (the one that seeded)").isEqualTo(1);
      for (AppInstance app : apps) {
        String log = Files.readString(app.log);
        assertThat(log.lines().filter(l -> l.startsWith("ERROR"))).as("errors in instance %s's log", app.name)
            .isEmpty();
      }
    } finally {
      for (AppInstance app : apps) {
        app.stop();
      }
      db.drop();
    }
  }
}
