package crisis.core.reintegration;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.reintegration.db.ReintegrationReportDao;
import java.time.Clock;
import java.time.Instant;
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
    Actor.RegionScope scope = actor.regionScope();
    if (scope.none()) {
      throw new crisis.core.common.NotFoundException("region");
    }
    if (!scope.every()) {
      region = scope.region();  // a case worker's report is its own region's, whatever it asked
    } else if (region != null && !regions.exists(region)) {
      throw new crisis.core.common.ValidationException("region", "must be one of MA.01 to MA.12");
    }
    String r = region;
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      ReintegrationReportDao dao = h.attach(ReintegrationReportDao.class);
      dao.snapshot();
      Map<String, long[]> overdue = new HashMap<>();
      dao.overdue(r, now).forEach(o -> overdue.computeIfAbsent(o.region(), k -> new long[2])[o.what()] = o.n());
      List<RegionCount> cases = dao.cases(r).stream().map(c -> {
        Regions.Region named = regions.get(c.region());
        long[] late = overdue.getOrDefault(c.region(), new long[2]);
        return new RegionCount(c.region().isEmpty() ? null : c.region(), named == null ? "region not resolved"
            : named.name(), c.open(), c.closed(), c.unassigned(), late[0], late[1]);
      }).toList();
      List<NeedCount> needs = dao.needs(r).stream().map(n -> new NeedCount(n.dimension(), n.status(), n.needs()))
          .toList();
      List<TimeToMet> timeToMet = dao.timeToMet(r).stream().map(m -> new TimeToMet(m.kind(), m.met(),
          Math.round(m.medianDays() * 10) / 10.0)).toList();
      Map<String, long[]> bins = new HashMap<>();
      Map<String, long[]> totals = new HashMap<>();
      Map<String, Double> medians = new HashMap<>();
      List<String> names = List.of("economic", "social", "psychosocial", "composite");
      names.forEach(n -> {
        bins.put(n, new long[10]);
        totals.put(n, new long[1]);
      });
      for (ReintegrationReportDao.Score s : dao.scores(r)) {
        if (s.bin() == null) {
          medians.put(s.name(), Math.round((s.median() == null ? 0 : s.median()) * 1000) / 1000.0);
        } else {
          bins.get(s.name())[Math.max(1, s.bin()) - 1] += s.n();
          totals.get(s.name())[0] += s.n();
        }
      }
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
