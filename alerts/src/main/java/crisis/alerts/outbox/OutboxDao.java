package crisis.alerts.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The relay's side of the {@code outbox} table, which it owns: rows are written by the triggers of the aggregates'
 * tables (crisis, registration, evacuation request and seat, reintegration case), in the transaction of the change;
 * read here in id order, and deleted once Kafka has them.
 */
@RegisterRowMapper(OutboxDao.RowMapperImpl.class)
public interface OutboxDao {
  /** An outbox row: which aggregate changed. */
  record Row(long id, Aggregate aggregate, UUID aggregateId) {}

  /** Whether this transaction now holds the relay (one relay at a time across instances). */
  @SqlQuery("SELECT pg_try_advisory_xact_lock(:key)")
  boolean tryLock(@Bind("key") long key);

  /** Large plans are cheap here; compiling them would not be. */
  @SqlUpdate("SET LOCAL jit = off")
  void withoutJit();

  /**
   * The oldest rows, in id order. The state each names is read from its owner ({@code RegistrationDao.states},
   * {@code CrisisDao.findAll}, {@code EvacuationDao.events}, {@code ReintegrationDao.events}), never here.
   */
  @SqlQuery("SELECT id, aggregate, aggregate_id FROM outbox ORDER BY id LIMIT :n")
  List<Row> oldest(@Bind("n") int n);

  @SqlUpdate("DELETE FROM outbox WHERE id = ANY(:ids)")
  void delete(@Bind("ids") long[] ids);

  @SqlQuery("SELECT created_at FROM outbox ORDER BY id LIMIT 1")
  Optional<Instant> oldestCreatedAt();

  @SqlQuery("SELECT count(*) FROM outbox")
  long count();

  class RowMapperImpl implements RowMapper<Row> {
    @Override
    public Row map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Row(rs.getLong(1), Aggregate.of(rs.getString(2)), rs.getObject(3, UUID.class));
    }
  }
}
