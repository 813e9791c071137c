package crisis.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.registry.db.ZoneQueryDao;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.ExtensionMetadata;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectFactory;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@Tag("fast")
class JdbisTest {
  /** A handle's configuration is a copy of the Jdbi's: what a handle reads when a SQL object is attached to it. */
  private static ExtensionMetadata readOnAHandle(Jdbi jdbi, Class<?> type) {
    Extensions extensions = jdbi.getConfig().createCopy().get(Extensions.class);
    ExtensionFactory factory = extensions.findFactory(SqlObjectFactory.class).orElseThrow();
    return extensions.findMetadata(type, factory);
  }

  @Test
  void aPreparedSqlObjectIsReadOnceNotOnEveryHandle() {
    Jdbi prepared = Jdbis.configure(Jdbi.create(new PGSimpleDataSource()));
    assertThat(readOnAHandle(prepared, ZoneQueryDao.class)).isSameAs(readOnAHandle(prepared, ZoneQueryDao.class));

    Jdbi plain = Jdbi.create(new PGSimpleDataSource()).installPlugin(new SqlObjectPlugin())
        .installPlugin(new PostgresPlugin());
    assertThat(readOnAHandle(plain, ZoneQueryDao.class)).as("without preparation each handle reads it again")
        .isNotSameAs(readOnAHandle(plain, ZoneQueryDao.class));
  }

  @Test
  void everySqlObjectOfTheModuleIsPrepared() throws IOException, URISyntaxException {
    Path classes = Path.of(Jdbis.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> daos;
    try (Stream<Path> files = Files.walk(classes)) {
      daos = files.map(p -> classes.relativize(p).toString())
          .filter(n -> n.endsWith("Dao.class"))
          .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
          .filter(JdbisTest::isInterface)
          .sorted()
          .toList();
    }
    assertThat(daos).hasSizeGreaterThan(10);
    assertThat(Jdbis.SQL_OBJECTS.stream().map(Class::getName).sorted().toList()).isEqualTo(daos);
  }

  private static boolean isInterface(String name) {
    try {
      return Class.forName(name).isInterface();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
