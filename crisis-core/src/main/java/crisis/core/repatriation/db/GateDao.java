package crisis.core.repatriation.db;

import crisis.core.repatriation.Gate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What happened at a leg's gate: each traveller's passage, and every operation a device sent (by its id). */
@RegisterRowMapper(GateDao.PassageMapper.class)
public interface GateDao {
  /** A traveller's passage through the gate of a leg. */
  record Passage(UUID travellerId, UUID legId, Instant checkedInAt, String checkedInBy, Instant boardedAt,
      String boardedBy) {}

  /** An operation done before: on which leg, of which type, and its answer (JSON). */
  record Done(UUID legId, Gate.Type kind, String result) {}

  /** The operation done under this id, or empty. */
  @SqlQuery("SELECT leg_id, kind, CAST(result AS text) AS result FROM gate_operation WHERE id = :id")
  @RegisterConstructorMapper(Done.class)
  Optional<Done> answered(@Bind("id") UUID operationId);

  /** Records an operation's answer; false when a concurrent sender recorded it first. */
  @SqlUpdate("""
      INSERT INTO gate_operation (id, leg_id, kind, result, done_at, done_by)
      VALUES (:id, :leg, :kind, CAST(:result AS jsonb), :at, :by) ON CONFLICT (id) DO NOTHING""")
  int record(@Bind("id") UUID operationId, @Bind("leg") UUID legId, @Bind("kind") Gate.Type kind,
      @Bind("result") String resultJson, @Bind("at") Instant at, @Bind("by") String by);

  /** Checks a traveller in; 0 when they already were (the first check-in stands). */
  @SqlUpdate("""
      INSERT INTO gate_passage (traveller_id, leg_id, checked_in_at, checked_in_by) VALUES (:traveller, :leg, :at, :by)
      ON CONFLICT (traveller_id, leg_id) DO NOTHING""")
  int checkIn(@Bind("traveller") UUID travellerId, @Bind("leg") UUID legId, @Bind("at") Instant at,
      @Bind("by") String by);

  /** Boards a checked-in traveller; 0 when not checked in or already boarded. */
  @SqlUpdate("""
      UPDATE gate_passage SET boarded_at = :at, boarded_by = :by
      WHERE traveller_id = :traveller AND leg_id = :leg AND boarded_at IS NULL""")
  int board(@Bind("traveller") UUID travellerId, @Bind("leg") UUID legId, @Bind("at") Instant at,
      @Bind("by") String by);

  @SqlQuery("SELECT * FROM gate_passage WHERE leg_id = :leg")
  List<Passage> passages(@Bind("leg") UUID legId);

  @SqlQuery("SELECT * FROM gate_passage WHERE traveller_id = :traveller AND leg_id = :leg")
  Optional<Passage> passage(@Bind("traveller") UUID travellerId, @Bind("leg") UUID legId);

  class PassageMapper implements RowMapper<Passage> {
    @Override
    public Passage map(ResultSet rs, StatementContext ctx) throws SQLException {
      Timestamp boarded = rs.getTimestamp("boarded_at");
      return new Passage(rs.getObject("traveller_id", UUID.class), rs.getObject("leg_id", UUID.class),
          rs.getTimestamp("checked_in_at").toInstant(), rs.getString("checked_in_by"),
          boarded == null ? null : boarded.toInstant(), rs.getString("boarded_by"));
    }
  }
}
