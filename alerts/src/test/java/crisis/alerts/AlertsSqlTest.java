package crisis.alerts;

import static crisis.core.testing.SqlObjects.readOnAHandle;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.outbox.OutboxRelay;
import crisis.alerts.outreach.AlertIngest;
import crisis.alerts.outreach.DeliveryReports;
import crisis.alerts.outreach.Dispatcher;
import crisis.alerts.outreach.Escalation;
import crisis.alerts.outreach.Inbox;
import crisis.alerts.sms.SimulatorGateway;
import crisis.core.testing.SqlObjects;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@Tag("fast")
class AlertsSqlTest {
  /** Every class of the module given a Jdbi that attaches the module's SQL objects, built on that Jdbi. */
  private static final Map<Class<?>, Consumer<Jdbi>> USERS = Map.of(
      DeliveryReports.class, jdbi -> new DeliveryReports(jdbi, Clock.systemUTC()),
      Dispatcher.class, jdbi -> new Dispatcher(jdbi, null, null, null, Clock.systemUTC()),
      Escalation.class, jdbi -> new Escalation(jdbi, null, Clock.systemUTC()),
      AlertIngest.class, jdbi -> new AlertIngest(jdbi, null, null, null, null, Clock.systemUTC()),
      Inbox.class, jdbi -> new Inbox(jdbi, null, Clock.systemUTC()),
      OutboxRelay.class, jdbi -> new OutboxRelay(jdbi, null, 1, null),
      SimulatorGateway.class, jdbi -> new SimulatorGateway(jdbi, 100, Clock.systemUTC()));

  @Test
  void everySqlObjectOfTheModuleIsListed() {
    assertThat(SqlObjects.declaredBeside(AlertsSql.class)).hasSize(4)
        .isEqualTo(AlertsSql.SQL_OBJECTS.stream().map(Class::getName).sorted().toList());
  }

  @Test
  void everyClassAttachingTheModulesSqlObjectsPreparesTheJdbiItIsGiven() {
    USERS.forEach((type, build) -> {
      Jdbi jdbi = Jdbi.create(new PGSimpleDataSource()).installPlugin(new SqlObjectPlugin())
          .installPlugin(new PostgresPlugin());
      build.accept(jdbi);
      for (Class<?> dao : AlertsSql.SQL_OBJECTS) {
        assertThat(readOnAHandle(jdbi, dao)).as("%s prepared by %s", dao.getSimpleName(), type.getSimpleName())
            .isSameAs(readOnAHandle(jdbi, dao));
      }
    });
  }

  /** A class compiled in the module that names one of its SQL objects and is built with a Jdbi is in the list. */
  @Test
  void theListOfUsersIsComplete() throws IOException, URISyntaxException {
    Path classes = Path.of(AlertsSql.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> daos = AlertsSql.SQL_OBJECTS.stream().map(c -> c.getName().replace('.', '/')).toList();
    List<String> users;
    try (Stream<Path> files = Files.walk(classes)) {
      users = files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
          .filter(p -> {
            String constants = read(p);
            return daos.stream().anyMatch(constants::contains);
          })
          .map(p -> classes.relativize(p).toString().replace('/', '.').replaceFirst("\\.class$", ""))
          .filter(AlertsSqlTest::isBuiltWithAJdbi)
          .sorted()
          .toList();
    }
    assertThat(users).hasSizeGreaterThanOrEqualTo(6)
        .isEqualTo(USERS.keySet().stream().map(Class::getName).sorted().toList());
  }

  private static String read(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean isBuiltWithAJdbi(String name) {
    try {
      return Arrays.stream(Class.forName(name).getConstructors())
          .anyMatch(c -> Arrays.asList(c.getParameterTypes()).contains(Jdbi.class));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
