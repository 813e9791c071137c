package crisis.core.repatriation.db;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.core.mapper.MapMapper;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import java.time.Instant;

/** Repatriation's part of the retention purge: the people its records name. */
public interface RetentionDao {
  @SqlQuery("""
      SELECT registration_id FROM evacuation_request WHERE registration_id = ANY(:ids)
      UNION
      SELECT registration_id FROM evacuation_traveller WHERE registration_id = ANY(:ids)""")
  UUID[] named(@Bind("ids") UUID[] ids);

  // A person's copy: the evacuations that name them, their own traveller rows, seats, passages and legs.

  @SqlQuery("""
      SELECT * FROM evacuation_request WHERE registration_id = :id
        OR id IN (SELECT request_id FROM evacuation_traveller WHERE registration_id = :id)
      ORDER BY requested_at""")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> requests(@Bind("id") UUID id);

  @SqlQuery("SELECT * FROM evacuation_traveller WHERE registration_id = :id")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> travellers(@Bind("id") UUID id);

  @SqlQuery("SELECT * FROM evacuation_assignment WHERE request_id = ANY(:requests)")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> assignments(@Bind("requests") UUID[] requests);

  @SqlQuery("SELECT * FROM gate_passage WHERE traveller_id = ANY(:travellers)")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> passages(@Bind("travellers") UUID[] travellers);

  @SqlQuery("""
      SELECT id, kind, reference, carrier, departs_at, destination_city, state FROM transport_leg
      WHERE id IN (SELECT leg_id FROM evacuation_assignment WHERE request_id = ANY(:requests))""")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> legs(@Bind("requests") UUID[] requests);

  // Evacuation records past their legal period: requests that ended, with their travellers, seats and passages; the
  // gates' replayed answers and the plans no seat comes from any more.

  /**
   * Locked, so that a case opened from one of them meanwhile waits (then finds it gone) or, when it came first, is
   * seen; the requests of an active crisis stay (a withdrawn one is what keeps its household out of a new order).
   */
  @SqlQuery("""
      SELECT id FROM evacuation_request
      WHERE state IN ('ARRIVED', 'NO_SHOW', 'CANCELLED') AND updated_at < :before AND NOT crisis_id = ANY(:active)
      ORDER BY id FOR UPDATE""")
  UUID[] endedBefore(@Bind("before") Instant before, @Bind("active") UUID[] activeCrises);

  @SqlUpdate("""
      DELETE FROM gate_passage
      WHERE traveller_id IN (SELECT id FROM evacuation_traveller WHERE request_id = ANY(:requests))""")
  int deletePassages(@Bind("requests") UUID[] requests);

  @SqlUpdate("DELETE FROM evacuation_assignment WHERE request_id = ANY(:requests)")
  int deleteAssignments(@Bind("requests") UUID[] requests);

  @SqlUpdate("DELETE FROM evacuation_traveller WHERE request_id = ANY(:requests)")
  int deleteTravellers(@Bind("requests") UUID[] requests);

  @SqlUpdate("DELETE FROM evacuation_request WHERE id = ANY(:requests)")
  int deleteRequests(@Bind("requests") UUID[] requests);

  @SqlUpdate("DELETE FROM gate_operation WHERE done_at < :before")
  int deleteGateOperations(@Bind("before") Instant before);

  @SqlUpdate("""
      DELETE FROM evacuation_plan p WHERE planned_at < :before
        AND NOT EXISTS (SELECT 1 FROM evacuation_assignment a WHERE a.plan_id = p.id)""")
  int deletePlans(@Bind("before") Instant before);
}
