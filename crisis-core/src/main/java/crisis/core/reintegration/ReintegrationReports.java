package crisis.core.reintegration;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Counts over the cases, without personal data: cases by region and state, needs by dimension and status, overdue
 * check-ins and referrals, median days from arrival to each kind of need met, and the distribution of the latest
 * scores. The crisis cell reads every region; a case worker its own.
 */
public final class ReintegrationReports {
  private final Jdbi jdbi;
  private final Regions regions;
  private final Clock clock;

  public ReintegrationReports(Jdbi jdbi, Regions regions, Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.clock = clock;
  }

  public record RegionCount(String region, String name, long open, long closed, long unassigned,
      long overdueCheckIns, long overdueReferrals) {}

  public record NeedCount(String dimension, String status, long needs) {}

  /** @param medianDays median days from arrival to met, over {@code met} needs of that kind */
  public record TimeToMet(String kind, long met, double medianDays) {}

  /**
   * How the latest score of each case (a follow-up or the closure) falls: {@code bins[i]} counts scores in
   * [i/10, (i+1)/10), the last bin including 1.
   */
  public record ScoreDistribution(String score, long cases, Double median, long[] bins) {}

  public record Report(Instant at, String region, List<RegionCount> cases, List<NeedCount> needs,
      List<TimeToMet> timeToMet, List<ScoreDistribution> scores) {}

  /** @param region one region, or null for every region (the crisis cell only) */
  public Report report(Actor actor, String region) {
    actor.require("read reintegration reports", Role.CRISIS_CELL, Role.CASEWORKER);
    if (actor.role() == Role.CASEWORKER) {
      if (actor.region() == null) {
        throw new crisis.core.common.NotFoundException("region");
      }
      region = actor.region();
    } else if (region != null && !regions.exists(region)) {
      throw new crisis.core.common.ValidationException("region", "must be one of MA.01 to MA.12");
    }
    String r = region;
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      // Open check-ins and unanswered referrals past due, by region: from their partial indexes, joined to the cases.
      Map<String, long[]> overdue = new HashMap<>();
      h.createQuery("""
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
          .bind("region", r).bind("now", now)
          .map((rs, ctx) -> overdue.computeIfAbsent(rs.getString(1), k -> new long[2])[rs.getInt(2)] = rs.getLong(3))
          .list();
      List<RegionCount> cases = h.createQuery("""
          SELECT COALESCE(region, '') AS region, count(*) FILTER (WHERE state = 'OPEN') AS open,
            count(*) FILTER (WHERE state = 'CLOSED') AS closed,
            count(*) FILTER (WHERE state = 'OPEN' AND caseworker IS NULL) AS unassigned
          FROM reintegration_case WHERE CAST(:region AS TEXT) IS NULL OR region = :region
          GROUP BY 1 ORDER BY COALESCE(region, '') = '', 1""")
          .bind("region", r)
          .map((rs, ctx) -> {
            String code = rs.getString("region");
            Regions.Region named = regions.get(code);
            long[] late = overdue.getOrDefault(code, new long[2]);
            return new RegionCount(code.isEmpty() ? null : code, named == null ? "region not resolved" : named.name(),
                rs.getLong("open"), rs.getLong("closed"), rs.getLong("unassigned"), late[0], late[1]);
          }).list();
      List<NeedCount> needs = h.createQuery("""
          SELECT n.dimension, n.status, count(*) AS needs FROM reintegration_need n
          JOIN reintegration_case c ON c.id = n.case_id
          WHERE CAST(:region AS TEXT) IS NULL OR c.region = :region
          GROUP BY 1, 2 ORDER BY 1, 2""")
          .bind("region", r)
          .map((rs, ctx) -> new NeedCount(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
      List<TimeToMet> timeToMet = h.createQuery("""
          SELECT n.kind, count(*) AS met,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM n.met_at - c.arrived_at) / 86400.0)
              AS median_days
          FROM reintegration_need n JOIN reintegration_case c ON c.id = n.case_id
          WHERE n.status = 'MET' AND (CAST(:region AS TEXT) IS NULL OR c.region = :region)
          GROUP BY 1 ORDER BY 1""")
          .bind("region", r)
          .map((rs, ctx) -> new TimeToMet(rs.getString(1), rs.getLong(2),
              Math.round(rs.getDouble(3) * 10) / 10.0)).list();
      // The latest assessment of each case, read once for the four scores.
      Map<String, long[]> bins = new HashMap<>();
      Map<String, long[]> totals = new HashMap<>();
      Map<String, Double> medians = new HashMap<>();
      List<String> names = List.of("economic", "social", "psychosocial", "composite");
      names.forEach(n -> {
        bins.put(n, new long[10]);
        totals.put(n, new long[1]);
      });
      h.createQuery("""
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
          .bind("region", r)
          .map((rs, ctx) -> {
            String name = rs.getString("name");
            if (rs.getObject("bin") == null) {
              medians.put(name, Math.round(rs.getDouble("median") * 1000) / 1000.0);
            } else {
              bins.get(name)[Math.max(1, rs.getInt("bin")) - 1] += rs.getLong("n");
              totals.get(name)[0] += rs.getLong("n");
            }
            return 0;
          }).list();
      List<ScoreDistribution> scores = names.stream().map(n -> new ScoreDistribution(n, totals.get(n)[0],
          medians.get(n), bins.get(n))).toList();
      return new Report(now, r, cases, needs, timeToMet, scores);
    });
  }

  /** The same report as CSV rows: section, region or kind, key, value. */
  public static String csv(Report r) {
    StringBuilder b = new StringBuilder("section,subject,key,value\n");
    for (RegionCount c : r.cases()) {
      String region = c.region() == null ? "unresolved" : c.region();
      b.append("cases,").append(region).append(",open,").append(c.open()).append('\n');
      b.append("cases,").append(region).append(",closed,").append(c.closed()).append('\n');
      b.append("cases,").append(region).append(",unassigned,").append(c.unassigned()).append('\n');
      b.append("cases,").append(region).append(",overdue_check_ins,").append(c.overdueCheckIns()).append('\n');
      b.append("cases,").append(region).append(",overdue_referrals,").append(c.overdueReferrals()).append('\n');
    }
    for (NeedCount n : r.needs()) {
      b.append("needs,").append(n.dimension()).append(',').append(n.status()).append(',').append(n.needs())
          .append('\n');
    }
    for (TimeToMet t : r.timeToMet()) {
      b.append("time_to_met,").append(t.kind()).append(",met,").append(t.met()).append('\n');
      b.append("time_to_met,").append(t.kind()).append(",median_days,").append(t.medianDays()).append('\n');
    }
    for (ScoreDistribution s : r.scores()) {
      b.append("scores,").append(s.score()).append(",cases,").append(s.cases()).append('\n');
      b.append("scores,").append(s.score()).append(",median,").append(s.median() == null ? "" : s.median())
          .append('\n');
      for (int i = 0; i < s.bins().length; i++) {
        b.append("scores,").append(s.score()).append(",bin_").append(i).append(',').append(s.bins()[i]).append('\n');
      }
    }
    return b.toString();
  }
}
