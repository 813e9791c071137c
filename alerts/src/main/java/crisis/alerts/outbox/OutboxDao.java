package crisis.alerts.outbox;

import crisis.alerts.pipeline.RegistrationEvent;
import crisis.core.reintegration.ReintegrationCase;
import crisis.core.repatriation.EvacuationRequest;
import crisis.core.repatriation.TransportLeg;
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
 * The relay's side of the {@code outbox} table: rows are written by the crisis service and by the registration
 * triggers, read here in id order with the current state of what they name, and deleted once Kafka has them.
 */
@RegisterRowMapper(OutboxDao.RowMapperImpl.class)
public interface OutboxDao {
  /** An outbox row, with the registration's current state when it names one (null when it no longer exists). */
  record Row(long id, Aggregate aggregate, UUID aggregateId, RegistrationEvent registration) {}

  /** Whether this transaction now holds the relay (one relay at a time across instances). */
  @SqlQuery("SELECT pg_try_advisory_xact_lock(:key)")
  boolean tryLock(@Bind("key") long key);

  /** Large plans are cheap here; compiling them would not be. */
  @SqlUpdate("SET LOCAL jit = off")
  void withoutJit();

  /**
   * The oldest rows. One index probe per row: a lateral join kept from being flattened (LIMIT 1) — flattened, it
   * became a hash join reading the whole, wide, registration table every round (190 ms instead of 24 ms at 100,000
   * rows).
   */
  @SqlQuery("""
      SELECT o.id, o.aggregate, o.aggregate_id, r.version, r.status, r.latitude, r.longitude, r.h3_cell,
             r.preferred_language, r.country_of_residence
      FROM (SELECT id, aggregate, aggregate_id FROM outbox ORDER BY id LIMIT :n) o
      LEFT JOIN LATERAL (
        SELECT version, status, latitude, longitude, h3_cell, preferred_language, country_of_residence
        FROM registration WHERE o.aggregate = 'registration' AND id = o.aggregate_id LIMIT 1) r ON true
      ORDER BY o.id""")
  List<Row> oldest(@Bind("n") int n);

  /** The current state of evacuation requests, as the topic carries it. */
  @SqlQuery("""
      SELECT q.id, q.version, q.crisis_id, q.consulate_id, q.state, q.registration_id,
             ARRAY(SELECT t.registration_id FROM evacuation_traveller t WHERE t.request_id = q.id
                   AND t.removed_at IS NULL AND t.registration_id IS NOT NULL ORDER BY t.seq) AS registration_ids,
             (SELECT count(*) FROM evacuation_traveller t WHERE t.request_id = q.id AND t.removed_at IS NULL) AS people,
             a.leg_id, l.state AS leg_state, l.destination_city, q.updated_at
      FROM evacuation_request q
      LEFT JOIN evacuation_assignment a ON a.request_id = q.id LEFT JOIN transport_leg l ON l.id = a.leg_id
      WHERE q.id = ANY(:ids)""")
  @RegisterRowMapper(EvacuationMapper.class)
  List<EvacuationEvent> evacuations(@Bind("ids") UUID[] ids);

  class EvacuationMapper implements RowMapper<EvacuationEvent> {
    @Override
    public EvacuationEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new EvacuationEvent(rs.getObject("id", UUID.class), rs.getInt("version"),
          rs.getObject("crisis_id", UUID.class), rs.getString("consulate_id"),
          EvacuationRequest.State.valueOf(rs.getString("state")),
          rs.getObject("registration_id", UUID.class),
          List.of((UUID[]) rs.getArray("registration_ids").getArray()), rs.getInt("people"),
          rs.getObject("leg_id", UUID.class),
          rs.getString("leg_state") == null ? null : TransportLeg.State.valueOf(rs.getString("leg_state")),
          rs.getString("destination_city"),
          rs.getTimestamp("updated_at").toInstant());
    }
  }

  /** The current state of reintegration cases, as the topic carries it. */
  @SqlQuery("""
      SELECT c.id, c.version, c.request_id, c.region, c.state,
        COALESCE((SELECT jsonb_object_agg(s.status, s.n) FROM (SELECT status, count(*) AS n FROM reintegration_need
                  WHERE case_id = c.id GROUP BY status) s), '{}')::text AS needs,
        (SELECT count(*) FROM reintegration_checkin k WHERE k.case_id = c.id AND k.state = 'ANSWERED') AS answered,
        (SELECT count(*) FROM reintegration_checkin k WHERE k.case_id = c.id AND k.state IN ('SCHEDULED', 'SENT'))
          AS open_check_ins,
        (SELECT a.composite FROM reintegration_assessment a WHERE a.case_id = c.id ORDER BY a.at DESC, a.id DESC
         LIMIT 1) AS composite,
        c.updated_at
      FROM reintegration_case c WHERE c.id = ANY(:ids)""")
  @RegisterRowMapper(ReintegrationMapper.class)
  List<ReintegrationEvent> reintegrations(@Bind("ids") UUID[] ids);

  class ReintegrationMapper implements RowMapper<ReintegrationEvent> {
    @Override
    public ReintegrationEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
      java.util.Map<String, Integer> needs = crisis.core.common.Json.read(rs.getString("needs"),
          new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Integer>>() {});
      return new ReintegrationEvent(rs.getObject("id", UUID.class), rs.getInt("version"),
          rs.getObject("request_id", UUID.class), rs.getString("region"),
          ReintegrationCase.State.valueOf(rs.getString("state")),
          new java.util.TreeMap<>(needs), rs.getInt("answered"), rs.getInt("open_check_ins"),
          (Double) rs.getObject("composite"), rs.getTimestamp("updated_at").toInstant());
    }
  }

  @SqlUpdate("DELETE FROM outbox WHERE id = ANY(:ids)")
  void delete(@Bind("ids") long[] ids);

  @SqlQuery("SELECT created_at FROM outbox ORDER BY id LIMIT 1")
  Optional<Instant> oldestCreatedAt();

  @SqlQuery("SELECT count(*) FROM outbox")
  long count();

  class RowMapperImpl implements RowMapper<Row> {
    @Override
    public Row map(ResultSet rs, StatementContext ctx) throws SQLException {
      UUID id = rs.getObject(3, UUID.class);
      RegistrationEvent r = rs.getObject(4) == null ? null : new RegistrationEvent(id, rs.getInt(4),
          rs.getString(5), (Double) rs.getObject(6), (Double) rs.getObject(7), (Long) rs.getObject(8),
          rs.getString(9), rs.getString(10));
      return new Row(rs.getLong(1), Aggregate.of(rs.getString(2)), id, r);
    }
  }
}
