package crisis.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.testing.TestDatabase;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.NoSuchMapperException;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A SQL object read once into the Jdbi's configuration ({@link Jdbis#prepare}) still runs each statement with the
 * configuration of the handle it is attached to: what a handle registers before attaching is used.
 */
class PreparedSqlObjectTest {
  /** A type only a handle's own mapper knows. */
  record Shout(String text) {}

  interface ProbeDao {
    @SqlQuery("SELECT 'قف' || ' stop'")
    Shout shout();
  }

  private static TestDatabase db;
  private static Jdbi jdbi;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    jdbi = Jdbis.prepare(db.jdbi(), List.of(ProbeDao.class));
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  @Test
  void aMapperRegisteredOnTheHandleBeforeAttachingIsUsed() {
    String text = jdbi.withHandle(h -> {
      h.registerColumnMapper(Shout.class, (rs, col, ctx) -> new Shout(rs.getString(col).toUpperCase()));
      return h.attach(ProbeDao.class).shout().text();
    });
    assertThat(text).isEqualTo("قف STOP");
  }

  @Test
  void withoutItTheStatementFindsNoMapperRatherThanAnotherHandles() {
    jdbi.useHandle(h -> h.registerColumnMapper(Shout.class, (rs, col, ctx) -> new Shout(rs.getString(col))));
    assertThatThrownBy(() -> jdbi.withHandle(h -> h.attach(ProbeDao.class).shout()))
        .isInstanceOf(NoSuchMapperException.class);
  }
}
