package crisis.alerts;

import static crisis.core.testing.SqlObjects.readOnAHandle;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.outbox.OutboxRelay;
import crisis.alerts.sms.SimulatorGateway;
import crisis.core.testing.SqlObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * Every class of the module that is given a Jdbi reads the module's SQL objects it attaches into that Jdbi's
 * configuration once ({@code Jdbis.prepare}), not again in each transaction. The core's SQL objects (the outreach's
 * {@code SmsDao} and {@code InboxDao} among them) are prepared by {@code Jdbis.configure}, which every Jdbi of the
 * system goes through. {@code Leases} is built with a connector, not a Jdbi: its {@code LeaseDao} is prepared on the
 * Jdbi of its own connection.
 */
@Tag("fast")
class PreparedSqlObjectsTest {
  /** Every class of the module given a Jdbi that attaches the module's SQL objects, built on that Jdbi. */
  private static final Map<Class<?>, Consumer<Jdbi>> USERS = Map.of(
      OutboxRelay.class, jdbi -> new OutboxRelay(jdbi, null, 1, null),
      SimulatorGateway.class, jdbi -> new SimulatorGateway(jdbi, 100, Clock.systemUTC()));

  /** The module's SQL objects (its DAO interfaces), by name. */
  private static final List<String> DAOS = SqlObjects.declaredBeside(AlertPipeline.class);

  @Test
  void everyClassGivenAJdbiPreparesTheModulesSqlObjectsItNames() {
    assertThat(DAOS).hasSize(3);
    USERS.forEach((type, build) -> {
      Jdbi jdbi = Jdbi.create(new PGSimpleDataSource()).installPlugin(new SqlObjectPlugin())
          .installPlugin(new PostgresPlugin());
      build.accept(jdbi);
      List<Class<?>> named = namedIn(type.getName());
      assertThat(named).as("the module's SQL objects %s names", type.getSimpleName()).isNotEmpty();
      for (Class<?> dao : named) {
        assertThat(readOnAHandle(jdbi, dao)).as("%s prepared by %s", dao.getSimpleName(), type.getSimpleName())
            .isSameAs(readOnAHandle(jdbi, dao));
      }
    });
  }

  /** A class compiled in the module that names one of its SQL objects and is built with a Jdbi is in the list. */
  @Test
  void theListOfUsersIsComplete() throws IOException {
    List<String> users;
    try (Stream<Path> files = Files.walk(classes())) {
      users = files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
          .map(p -> classes().relativize(p).toString().replace('/', '.').replaceFirst("\\.class$", ""))
          .filter(name -> !namedIn(name).isEmpty())
          .filter(PreparedSqlObjectsTest::isBuiltWithAJdbi)
          .sorted()
          .toList();
    }
    assertThat(users).hasSizeGreaterThanOrEqualTo(2)
        .isEqualTo(USERS.keySet().stream().map(Class::getName).sorted().toList());
  }

  /** The module's SQL objects a class's compiled code names, its nested classes' and lambdas' included. */
  private static List<Class<?>> namedIn(String className) {
    int dot = className.lastIndexOf('.');
    Path dir = classes().resolve(className.substring(0, dot).replace('.', '/'));
    String self = className.substring(dot + 1);
    StringBuilder constants = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(p -> p.getFileName().toString().equals(self + ".class")
              || p.getFileName().toString().startsWith(self + "$"))
          .forEach(p -> constants.append(read(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DAOS.stream().filter(dao -> !dao.equals(className))
        .filter(dao -> constants.indexOf(dao.replace('.', '/')) >= 0)
        .<Class<?>>map(PreparedSqlObjectsTest::load)
        .toList();
  }

  private static Path classes() {
    try {
      return Path.of(AlertPipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The class, not initialised (nothing of it runs). */
  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, PreparedSqlObjectsTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isBuiltWithAJdbi(String name) {
    return Arrays.stream(load(name).getConstructors())
        .anyMatch(c -> Arrays.asList(c.getParameterTypes()).contains(Jdbi.class));
  }
}
