package crisis.core.reintegration.db;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.core.mapper.MapMapper;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import java.time.Instant;

/** Reintegration's part of the retention purge: the registrations its cases' members come from. */
public interface RetentionDao {
  @SqlQuery("SELECT DISTINCT registration_id FROM reintegration_member WHERE registration_id = ANY(:ids)")
  UUID[] named(@Bind("ids") UUID[] ids);

  // A person's copy: the cases they are a member of, and what those cases hold.

  @SqlQuery("SELECT * FROM reintegration_member WHERE registration_id = :id")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> members(@Bind("id") UUID id);

  @SqlQuery("SELECT * FROM reintegration_case WHERE id = ANY(:cases)")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> cases(@Bind("cases") UUID[] cases);

  @SqlQuery("SELECT * FROM reintegration_need WHERE case_id = ANY(:cases) ORDER BY identified_at")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> needs(@Bind("cases") UUID[] cases);

  @SqlQuery("""
      SELECT * FROM reintegration_need_history
      WHERE need_id IN (SELECT id FROM reintegration_need WHERE case_id = ANY(:cases)) ORDER BY at""")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> needHistory(@Bind("cases") UUID[] cases);

  @SqlQuery("SELECT * FROM reintegration_referral WHERE case_id = ANY(:cases) ORDER BY sent_at")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> referrals(@Bind("cases") UUID[] cases);

  @SqlQuery("SELECT * FROM reintegration_checkin WHERE case_id = ANY(:cases) ORDER BY due_at")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> checkIns(@Bind("cases") UUID[] cases);

  @SqlQuery("SELECT * FROM reintegration_assessment WHERE case_id = ANY(:cases)")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> assessments(@Bind("cases") UUID[] cases);

  // A closed case past its legal period goes whole, what points to its needs first.

  /** Locked: a case reopened meanwhile waits, then finds it gone; one reopened first is not taken. */
  @SqlQuery("""
      SELECT id FROM reintegration_case WHERE state = 'CLOSED' AND closed_at < :before ORDER BY id FOR UPDATE""")
  UUID[] closedBefore(@Bind("before") Instant before);

  @SqlUpdate("DELETE FROM reintegration_checkin WHERE case_id = ANY(:cases)")
  int deleteCheckIns(@Bind("cases") UUID[] cases);

  @SqlUpdate("DELETE FROM reintegration_referral WHERE case_id = ANY(:cases)")
  int deleteReferrals(@Bind("cases") UUID[] cases);

  @SqlUpdate("DELETE FROM reintegration_assessment WHERE case_id = ANY(:cases)")
  int deleteAssessments(@Bind("cases") UUID[] cases);

  @SqlUpdate("""
      DELETE FROM reintegration_need_history
      WHERE need_id IN (SELECT id FROM reintegration_need WHERE case_id = ANY(:cases))""")
  int deleteNeedHistory(@Bind("cases") UUID[] cases);

  @SqlUpdate("DELETE FROM reintegration_need WHERE case_id = ANY(:cases)")
  int deleteNeeds(@Bind("cases") UUID[] cases);

  @SqlUpdate("DELETE FROM reintegration_member WHERE case_id = ANY(:cases)")
  int deleteMembers(@Bind("cases") UUID[] cases);

  @SqlUpdate("DELETE FROM reintegration_case WHERE id = ANY(:cases)")
  int deleteCases(@Bind("cases") UUID[] cases);

  /** Among {@code requests} (evacuation requests), those a case still follows: they stay while the case is kept. */
  @SqlQuery("SELECT request_id FROM reintegration_case WHERE request_id = ANY(:requests)")
  UUID[] followed(@Bind("requests") UUID[] requests);
}
