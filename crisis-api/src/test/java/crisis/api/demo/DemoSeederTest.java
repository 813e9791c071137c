package crisis.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.config.DemoSettings;
import crisis.api.services.Services;
import crisis.core.db.Jdbis;
import crisis.core.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Two instances started together on one empty database, each with the demo on: the demo is seeded once (one set of
 * users, one import of the nationals), and neither start fails.
 */
class DemoSeederTest {
  @Test
  void twoInstancesStartedTogetherSeedTheDemoOnce() throws Exception {
    TestDatabase db = TestDatabase.create();
    Path dir = Files.createTempDirectory("demo-seed-");
    try {
      CyclicBarrier together = new CyclicBarrier(2);
      List<CompletableFuture<Map<String, String>>> starts = List.of("a", "b").stream().map(name -> {
        DemoSettings demo = new DemoSettings();
        demo.enabled = true;
        demo.registrations = 40;
        demo.credentialsFile = dir.resolve(name + "/credentials.txt").toString();
        // Each instance its own pool and services, as two processes would have.
        Services services = Services.build(crisis.core.testing.TestKeys.install(Jdbis.configure(Jdbi.create(db.url()))),
            Clock.systemUTC());
        return CompletableFuture.supplyAsync(() -> {
          try {
            together.await();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return DemoSeeder.seedIfEmpty(services, demo);
        });
      }).toList();
      List<Map<String, String>> credentials = starts.stream().map(CompletableFuture::join).toList();

      assertThat(credentials).as("one instance seeded and wrote the credentials, the other found the users there")
          .anySatisfy(c -> assertThat(c).hasSize(DemoSeeder.USERS.size()))
          .anySatisfy(c -> assertThat(c).isEmpty());
      Jdbi jdbi = db.jdbi();
      long users = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM app_user").mapTo(Long.class).one());
      long imports = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM import_run").mapTo(Long.class).one());
      assertThat(users).as("users").isEqualTo(DemoSeeder.USERS.size());
      assertThat(imports).as("imports of the demo nationals").isEqualTo(1);
    } finally {
      db.drop();
    }
  }
}
