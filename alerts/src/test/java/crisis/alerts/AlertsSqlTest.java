package crisis.alerts;

import static crisis.core.testing.SqlObjects.readOnAHandle;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.outreach.DeliveryReports;
import crisis.alerts.outreach.SmsDao;
import crisis.core.testing.SqlObjects;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@Tag("fast")
class AlertsSqlTest {
  @Test
  void everySqlObjectOfTheModuleIsListed() {
    assertThat(SqlObjects.declaredBeside(AlertsSql.class)).hasSize(3)
        .isEqualTo(AlertsSql.SQL_OBJECTS.stream().map(Class::getName).sorted().toList());
  }

  @Test
  void aClassAttachingTheModulesSqlObjectsPreparesTheJdbiItIsGiven() {
    Jdbi jdbi = Jdbi.create(new PGSimpleDataSource()).installPlugin(new SqlObjectPlugin())
        .installPlugin(new PostgresPlugin());
    assertThat(readOnAHandle(jdbi, SmsDao.class)).as("not prepared yet")
        .isNotSameAs(readOnAHandle(jdbi, SmsDao.class));
    new DeliveryReports(jdbi, Clock.systemUTC());
    assertThat(readOnAHandle(jdbi, SmsDao.class)).isSameAs(readOnAHandle(jdbi, SmsDao.class));
  }

}
