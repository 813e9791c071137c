package crisis.benchmarks;

import crisis.api.config.CrisisConfiguration;
import crisis.api.config.DataSources;
import crisis.api.services.Services;
import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.reintegration.Reintegration;
import crisis.core.reintegration.ReintegrationCase;
import crisis.core.reintegration.ReintegrationReports;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code benchmark-reintegration CONFIG --cases N}: on a fresh database on the configured server, N open cases over
 * the 12 regions and 5 case workers per region, each with 3 people, 4 needs, 4 scheduled check-ins (a tenth of those
 * fallen due still open: overdue), and for 40% of the cases a referral and an assessment. Times what the API runs:
 * a case worker's "overdue first" list (first page of 50, random case workers) and the regional report (one region,
 * and all regions for the crisis cell). Beside the list, the same list computed at read time from the check-ins and
 * referrals (what a schema without the kept next due date does), on the same data.
 */
public final class BenchmarkReintegrationCommand extends ConfiguredCommand<CrisisConfiguration> {
  public BenchmarkReintegrationCommand() {
    super("benchmark-reintegration", "times the case worker's list and the regional report on generated cases");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--cases").type(Integer.class).setDefault(100_000).help("open cases to generate");
    subparser.addArgument("--runs").type(Integer.class).setDefault(200).help("timed lists (reports: a tenth)");
    subparser.addArgument("--keep").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help("keep the scratch database (its name is printed) to look into it");
  }

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace ns, CrisisConfiguration config)
      throws Exception {
    int cases = ns.getInt("cases");
    int runs = ns.getInt("runs");
    try (ScratchDatabase scratch = new ScratchDatabase(DataSources.server(config),
        "crisis_reintegration_", ns.getBoolean("keep"))) {
      Jdbi jdbi = scratch.jdbi;
      if (ns.getBoolean("keep")) {
        System.out.println("scratch database kept: " + scratch.name());
      }
      Services services = Services.build(jdbi, Clock.systemUTC());
      long t0 = System.nanoTime();
      generate(jdbi, cases);
      System.out.printf("generated %s in %.1f s%n", jdbi.withHandle(h -> h.createQuery("""
          SELECT (SELECT count(*) FROM reintegration_case) || ' cases, '
            || (SELECT count(*) FROM reintegration_need) || ' needs, '
            || (SELECT count(*) FROM reintegration_checkin) || ' check-ins ('
            || (SELECT count(*) FROM reintegration_checkin WHERE state IN ('SCHEDULED', 'SENT') AND due_at < now())
            || ' overdue), ' || (SELECT count(*) FROM reintegration_referral) || ' referrals, '
            || (SELECT count(*) FROM reintegration_assessment) || ' assessments'""").mapTo(String.class).one()),
          (System.nanoTime() - t0) / 1e9);
      Reintegration rei = services.reintegration();
      Random random = new Random(20261202L);

      double[] list = new double[runs];
      double[] naive = new double[runs];
      int overdueOnFirstPage = 0;
      for (int i = -10; i < runs; i++) {
        int region = 1 + random.nextInt(12);
        Actor worker = new Actor("cw." + region + "." + (1 + random.nextInt(5)), Role.CASEWORKER, null, null,
            "benchmark", String.format("MA.%02d", region));
        long s = System.nanoTime();
        List<ReintegrationCase.Summary> page = rei.cases().worklist(worker, 50, 0);
        double ms = (System.nanoTime() - s) / 1e6;
        s = System.nanoTime();
        List<String> computed = naiveWorklist(jdbi, worker.username());
        double naiveMs = (System.nanoTime() - s) / 1e6;
        if (i >= 0) {
          list[i] = ms;
          naive[i] = naiveMs;
          overdueOnFirstPage += (int) page.stream().filter(ReintegrationCase.Summary::overdue).count();
          if (!page.stream().map(x -> x.id().toString()).toList().equals(computed)) {
            throw new IllegalStateException("the kept next due date and the computed one disagree for "
                + worker.username());
          }
        }
      }
      int reportRuns = Math.max(5, runs / 10);
      double[] regional = new double[reportRuns];
      double[] national = new double[reportRuns];
      Actor cell = Actor.cli("benchmark");
      ReintegrationReports.Report last = null;
      for (int i = -2; i < reportRuns; i++) {
        long s = System.nanoTime();
        last = rei.reports().report(cell, String.format("MA.%02d", 1 + random.nextInt(12)));
        double ms = (System.nanoTime() - s) / 1e6;
        s = System.nanoTime();
        rei.reports().report(cell, null);
        double all = (System.nanoTime() - s) / 1e6;
        if (i >= 0) {
          regional[i] = ms;
          national[i] = all;
        }
      }
      System.out.printf("case worker's list, overdue first (50 of ~%d cases each): p50 %.1f ms, p99 %.1f ms, max "
          + "%.1f ms over %d runs (%.1f overdue on a first page on average)%n", cases / 60, pct(list, 50),
          pct(list, 99), pct(list, 100), runs, overdueOnFirstPage / (double) runs);
      System.out.printf("  the same list computed at read time: p50 %.1f ms, p99 %.1f ms (same cases, same order)%n",
          pct(naive, 50), pct(naive, 99));
      System.out.printf("regional report (one region, ~%d cases): p50 %.1f ms, p99 %.1f ms over %d runs%n",
          cases / 12, pct(regional, 50), pct(regional, 99), reportRuns);
      System.out.printf("national report (12 regions, %d cases): p50 %.1f ms, p99 %.1f ms%n", cases,
          pct(national, 50), pct(national, 99));
      System.out.printf("  e.g. %s: %d open, %d overdue check-ins, %d overdue referrals%n", last.cases().get(0)
          .region(), last.cases().get(0).open(), last.cases().get(0).overdueCheckIns(),
          last.cases().get(0).overdueReferrals());
    }
  }

  /** The first page of a case worker's list, computed from check-ins and referrals at read time. */
  private static List<String> naiveWorklist(Jdbi jdbi, String worker) {
    return jdbi.withHandle(h -> h.createQuery("""
        SELECT c.id::text FROM reintegration_case c
        WHERE c.caseworker = :w AND c.state = 'OPEN'
        ORDER BY (SELECT min(d) FROM (
            SELECT min(due_at) AS d FROM reintegration_checkin k WHERE k.case_id = c.id
              AND k.state IN ('SCHEDULED', 'SENT')
            UNION ALL
            SELECT min(remind_at) FROM reintegration_referral f WHERE f.case_id = c.id AND f.answered_at IS NULL) x)
          NULLS LAST, c.id
        LIMIT 50""").bind("w", worker).mapTo(String.class).list());
  }

  private static double pct(double[] values, int p) {
    double[] v = values.clone();
    Arrays.sort(v);
    int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, i))];
  }

  /** The cases and all that hangs on them, in set-based statements (the triggers keep the next due dates). */
  private static void generate(Jdbi jdbi, int cases) {
    List<String> statements = new ArrayList<>(List.of("""
        INSERT INTO app_user (username, password_hash, role, region)
        SELECT 'cw.' || r || '.' || k, 'not a hash: nobody signs in', 'CASEWORKER', 'MA.' || lpad(r::text, 2, '0')
        FROM generate_series(1, 12) r, generate_series(1, 5) k""", """
        CREATE TEMP TABLE bench_case AS
        SELECT gen_random_uuid() AS id, i, 1 + i % 12 AS region, 1 + (i / 12) % 5 AS worker,
          now() - ((i::bigint * 7919) % 200) * interval '1 day' - ((i::bigint * 104729) % 86400) * interval '1 second' AS arrived
        FROM generate_series(0, :cases - 1) i""", """
        INSERT INTO reintegration_case (id, destination_city, place_name, region, caseworker, state, arrived_at,
          opened_at, opened_by, updated_at)
        SELECT id, 'Ville ' || region, 'Ville ' || region, 'MA.' || lpad(region::text, 2, '0'),
          'cw.' || region || '.' || worker, 'OPEN', arrived, arrived, 'benchmark', arrived FROM bench_case""", """
        INSERT INTO reintegration_member (case_id, seq, full_name, sex, date_of_birth, phone, language, follow_up,
          sharing)
        SELECT c.id, m, 'Person ' || c.i || '-' || m, CASE WHEN m = 2 THEN 'F' ELSE 'M' END,
          date '1980-01-01' + (c.i % 9000), CASE WHEN m = 1 THEN '+2126' || lpad((c.i % 100000000)::text, 8, '0') END,
          'ar', true, c.i % 3 <> 0
        FROM bench_case c, generate_series(1, 3) m""", """
        INSERT INTO reintegration_need (id, case_id, member_seq, dimension, kind, status, identified_at, status_at,
          met_at)
        SELECT gen_random_uuid(), c.id, CASE WHEN n = 4 THEN NULL ELSE n END, d.dimension, d.kind,
          s.status, c.arrived, c.arrived + (n * 9) * interval '1 day',
          CASE WHEN s.status = 'MET' THEN c.arrived + (n * 9 + c.i % 40) * interval '1 day' END
        FROM bench_case c, generate_series(1, 4) n,
          LATERAL (SELECT (ARRAY['ECONOMIC', 'SOCIAL', 'SOCIAL', 'PSYCHOSOCIAL'])[n] AS dimension,
                          (ARRAY['EMPLOYMENT', 'SCHOOL_ENROLMENT', 'HOUSING', 'PSYCHOSOCIAL_SUPPORT'])[n] AS kind) d,
          LATERAL (SELECT (ARRAY['IDENTIFIED', 'REFERRED', 'IN_PROGRESS', 'MET', 'MET', 'NOT_MET'])
                          [1 + (c.i + n) % 6] AS status) s""", """
        INSERT INTO reintegration_checkin (id, case_id, seq, label, due_at, state, phone, language, sent_at,
          answered_at, answer)
        SELECT gen_random_uuid(), c.id, k, (ARRAY['1 week', '1 month', '3 months', '6 months'])[k], due,
          CASE WHEN due > now() THEN 'SCHEDULED' WHEN (c.i + k) % 10 = 0 THEN 'SENT' ELSE 'ANSWERED' END,
          '+2126' || lpad((c.i % 100000000)::text, 8, '0'), 'ar',
          CASE WHEN due <= now() THEN due END, CASE WHEN due <= now() AND (c.i + k) % 10 <> 0 THEN due END,
          CASE WHEN due <= now() AND (c.i + k) % 10 <> 0 THEN 1 + (c.i % 2) END
        FROM bench_case c, generate_series(1, 4) k,
          LATERAL (SELECT c.arrived + (ARRAY[7, 30, 90, 180])[k] * interval '1 day' AS due) x""", """
        INSERT INTO reintegration_partner (id, region, name, contact, kinds, created_at)
        SELECT gen_random_uuid(), 'MA.' || lpad(r::text, 2, '0'), 'Partner ' || r, 'partner' || r || '@example.org',
          ARRAY['EMPLOYMENT', 'SCHOOL_ENROLMENT', 'HOUSING', 'PSYCHOSOCIAL_SUPPORT'], now()
        FROM generate_series(1, 12) r""", """
        INSERT INTO reintegration_referral (id, case_id, need_id, partner_id, asked, personal_data, sent_at, sent_by,
          remind_at, answer, answered_at)
        SELECT gen_random_uuid(), c.id, n.id, p.id, 'please help', c.i % 3 <> 0, c.arrived + interval '3 days',
          'cw', c.arrived + interval '17 days', CASE WHEN c.i % 3 <> 0 THEN 'done' END,
          CASE WHEN c.i % 3 <> 0 THEN c.arrived + interval '10 days' END
        FROM bench_case c
        JOIN reintegration_need n ON n.case_id = c.id AND n.kind = 'HOUSING'
        JOIN reintegration_partner p ON p.region = 'MA.' || lpad(c.region::text, 2, '0')
        WHERE c.i % 5 < 2""", """
        INSERT INTO reintegration_assessment (id, case_id, kind, indicators, economic, social, psychosocial, composite,
          at, by)
        SELECT gen_random_uuid(), c.id, 'FOLLOW_UP', '{}', e, s, p, round(((e + s + p) / 3)::numeric, 3), now(), 'cw'
        FROM bench_case c,
          LATERAL (SELECT ((c.i::bigint * 37) % 1000) / 1000.0 AS e, ((c.i::bigint * 53) % 1000) / 1000.0 AS s,
                          ((c.i::bigint * 71) % 1000) / 1000.0 AS p) x
        WHERE c.i % 5 >= 3""", """
        DELETE FROM outbox""", """
        ANALYZE"""));
    jdbi.useHandle(h -> {
      for (String sql : statements) {
        var update = h.createUpdate(sql);
        if (sql.contains(":cases")) {
          update.bind("cases", cases);
        }
        update.execute();
      }
    });
  }
}
