package crisis.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.CrisisApplication;
import crisis.api.config.CrisisConfiguration;
import crisis.core.db.Migrations;
import crisis.core.testing.TestDatabase;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code db migrate} run twice at the same moment on an empty database, as two operators (or a deployment script on
 * two machines) would: both succeed, each change set is recorded once. The command runs under the lock the server's
 * {@code migrateOnStart} takes ({@link Migrations#locked}); without it Liquibase's two runs both create
 * {@code databasechangelog} and one fails (seen in 1 of 3 runs of the cluster test {@code EmptyDatabaseIT}, which
 * proves the server's side). Three rounds, a new empty database each.
 */
class DbCommandTest {
  @Test
  void twoMigrationsStartedTogetherOnAnEmptyDatabaseBothSucceedOnce() throws Exception {
    Path config = Files.createTempFile("db-command-", ".yml");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 1; round <= 3; round++) {
        TestDatabase db = TestDatabase.createEmpty();
        try {
          String yaml = Files.readString(Path.of("../config/test.yml"))
              .replace("url: jdbc:postgresql://127.0.0.1:5432/test", "url: \"" + db.urlWithoutParameters() + "\"")
              .replace("user: postgres", "user: \"" + db.user() + "\"");
          // Never the shared test database: config/test.yml must still read as replaced here.
          assertThat(yaml).as("the command's configuration").contains(db.urlWithoutParameters(), db.user());
          Files.writeString(config, yaml);
          CyclicBarrier together = new CyclicBarrier(2);
          List<Future<String>> runs = new ArrayList<>();
          for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> {
              together.await();
              return migrate(config);
            }));
          }
          for (Future<String> run : runs) {
            assertThat(run.get()).as("round %d: a db migrate's failure", round).isEmpty();
          }
          long recorded = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM databasechangelog")
              .mapTo(Long.class).one());
          assertThat(recorded).as("round %d: change sets recorded", round).isEqualTo(Migrations.expected().size());
        } finally {
          db.drop();
        }
      }
    } finally {
      pool.shutdownNow();
      Files.deleteIfExists(config);
    }
  }

  /** Runs {@code db migrate CONFIG} as the release jar's command line does; returns its failure, or "". */
  private static String migrate(Path config) {
    Bootstrap<CrisisConfiguration> bootstrap = new Bootstrap<>(new CrisisApplication());
    bootstrap.getApplication().initialize(bootstrap);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Optional<Throwable> failure = new Cli(new JarLocation(DbCommandTest.class), bootstrap,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run("db", "migrate", config.toString());
    return failure.map(t -> t + "\n" + err.toString(StandardCharsets.UTF_8)).orElse("");
  }
}
