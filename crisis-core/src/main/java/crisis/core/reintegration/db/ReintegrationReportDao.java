package crisis.core.reintegration.db;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The counts behind the reintegration reports, without personal data; {@code ReintegrationReports} assembles them.
 * Every query takes a region, or null for every region; all are meant to run in one transaction opened by
 * {@link #snapshot}, so that the counts agree with each other.
 */
@RegisterConstructorMapper(ReintegrationReportDao.Overdue.class)
@RegisterConstructorMapper(ReintegrationReportDao.CaseCount.class)
@RegisterConstructorMapper(ReintegrationReportDao.NeedCount.class)
@RegisterConstructorMapper(ReintegrationReportDao.Met.class)
@RegisterConstructorMapper(ReintegrationReportDao.Score.class)
public interface ReintegrationReportDao {
  /**
   * Overdue items of a region ({@code ""}: cases whose region is not resolved).
   *
   * @param what 0: open check-ins past due; 1: unanswered referrals past their reminder
   */
  record Overdue(String region, int what, long n) {}

  /** Cases of a region ({@code ""}: not resolved) by state, and the open ones nobody follows. */
  record CaseCount(String region, long open, long closed, long unassigned) {}

  record NeedCount(String dimension, String status, long needs) {}

  /** Needs of a kind met, and the median days from arrival to met. */
  record Met(String kind, long met, double medianDays) {}

  /**
   * A row of the latest scores' distribution: a bin's count ({@code bin} 1 to 10, {@code n}) or, when {@code bin} is
   * null, the score's median.
   */
  record Score(String name, Integer bin, Long n, Double median) {}

  /** Makes the caller's transaction one read-only snapshot; its first statement. */
  @SqlUpdate("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
  void snapshot();

  /** Open check-ins and unanswered referrals past due, by region: from their partial indexes, joined to the cases. */
  @SqlQuery("""
      SELECT COALESCE(c.region, '') AS region, 0 AS what, count(*) AS n FROM reintegration_checkin k
      JOIN reintegration_case c ON c.id = k.case_id
      WHERE k.state IN ('SCHEDULED', 'SENT') AND k.due_at < :now AND c.state = 'OPEN'
        AND (CAST(:region AS TEXT) IS NULL OR c.region = :region)
      GROUP BY 1
      UNION ALL
      SELECT COALESCE(c.region, ''), 1, count(*) FROM reintegration_referral f
      JOIN reintegration_case c ON c.id = f.case_id
      WHERE f.answered_at IS NULL AND f.remind_at < :now AND c.state = 'OPEN'
        AND (CAST(:region AS TEXT) IS NULL OR c.region = :region)
      GROUP BY 1""")
  List<Overdue> overdue(@Bind("region") String region, @Bind("now") Instant now);

  /** Case counts by region, the unresolved region last. */
  @SqlQuery("""
      SELECT COALESCE(region, '') AS region, count(*) FILTER (WHERE state = 'OPEN') AS open,
        count(*) FILTER (WHERE state = 'CLOSED') AS closed,
        count(*) FILTER (WHERE state = 'OPEN' AND caseworker IS NULL) AS unassigned
      FROM reintegration_case WHERE CAST(:region AS TEXT) IS NULL OR region = :region
      GROUP BY 1 ORDER BY COALESCE(region, '') = '', 1""")
  List<CaseCount> cases(@Bind("region") String region);

  @SqlQuery("""
      SELECT n.dimension, n.status, count(*) AS needs FROM reintegration_need n
      JOIN reintegration_case c ON c.id = n.case_id
      WHERE CAST(:region AS TEXT) IS NULL OR c.region = :region
      GROUP BY 1, 2 ORDER BY 1, 2""")
  List<NeedCount> needs(@Bind("region") String region);

  @SqlQuery("""
      SELECT n.kind, count(*) AS met,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM n.met_at - c.arrived_at) / 86400.0)
          AS median_days
      FROM reintegration_need n JOIN reintegration_case c ON c.id = n.case_id
      WHERE n.status = 'MET' AND (CAST(:region AS TEXT) IS NULL OR c.region = :region)
      GROUP BY 1 ORDER BY 1""")
  List<Met> timeToMet(@Bind("region") String region);

  /**
   * The latest assessment of each case, read once for the four scores (economic, social, psychosocial, composite):
   * per score, its count in each tenth of [0, 1] (1 in the last) and its median.
   */
  @SqlQuery("""
      WITH latest AS MATERIALIZED (
        SELECT DISTINCT ON (a.case_id) a.economic, a.social, a.psychosocial, a.composite
        FROM reintegration_assessment a JOIN reintegration_case c ON c.id = a.case_id
        WHERE CAST(:region AS TEXT) IS NULL OR c.region = :region
        ORDER BY a.case_id, a.at DESC, a.id DESC),
      scores AS (
        SELECT s.name, s.v FROM latest, LATERAL (VALUES ('economic', latest.economic), ('social', latest.social),
          ('psychosocial', latest.psychosocial), ('composite', latest.composite)) s(name, v))
      SELECT name, LEAST(width_bucket(v, 0, 1, 10), 10) AS bin, count(*) AS n, NULL::float8 AS median
      FROM scores GROUP BY 1, 2
      UNION ALL
      SELECT name, NULL, NULL, percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FROM scores GROUP BY 1""")
  List<Score> scores(@Bind("region") String region);
}
