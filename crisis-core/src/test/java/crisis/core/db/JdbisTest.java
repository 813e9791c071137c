package crisis.core.db;

import static crisis.core.testing.SqlObjects.readOnAHandle;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.registry.db.ZoneQueryDao;
import crisis.core.testing.SqlObjects;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@Tag("fast")
class JdbisTest {
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
  void everySqlObjectOfTheModuleIsPrepared() {
    List<String> daos = SqlObjects.declaredBeside(Jdbis.class);
    assertThat(daos).hasSizeGreaterThan(10);
    assertThat(Jdbis.SQL_OBJECTS.stream().map(Class::getName).sorted().toList()).isEqualTo(daos);
  }
}
