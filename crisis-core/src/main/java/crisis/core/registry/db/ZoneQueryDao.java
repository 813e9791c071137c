package crisis.core.registry.db;

import crisis.core.registry.Registration;
import crisis.core.registry.Vulnerability;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The registry's zone queries: a zone's H3 coverage (numeric ranges of resolution-10 cells, each flagged when wholly
 * inside the zone) becomes B-tree range scans on {@code registration.h3_cell}, within the actor's countries. Rows from
 * inner ranges need no further test; the caller tests the others exactly.
 */
@RegisterRowMapper(ZoneQueryDao.CandidateMapper.class)
@RegisterRowMapper(RegistrationRow.Mapper.class)
public interface ZoneQueryDao {
  /** Active registrations in the coverage's ranges, within the actor's countries; {@code x.is_inner} per row. */
  String IN_COVERAGE = """
      FROM unnest(CAST(:lo AS bigint[]), CAST(:hi AS bigint[]), CAST(:inner AS boolean[])) AS x(lo, hi, is_inner)
      JOIN registration r ON r.h3_cell BETWEEN x.lo AND x.hi
      WHERE r.status = 'ACTIVE' AND r.h3_cell IS NOT NULL
        AND (:allCountries OR r.country_of_residence = ANY(:countries))
      """;

  /** The search's optional filters, on a registration {@code r}. */
  String FILTERS = """
        AND (CAST(:vulnerability AS text) IS NULL OR r.vulnerabilities @> ARRAY[CAST(:vulnerability AS text)])
        AND (CAST(:residenceType AS text) IS NULL OR r.residence_type = :residenceType)
        AND (CAST(:language AS text) IS NULL OR r.preferred_language = :language)
      """;

  /** What the search reads of each registration it tests or counts one by one. */
  String COLUMNS = """
      r.id, r.latitude, r.longitude, r.country_of_residence, r.h3_cell,
      array_to_string(r.vulnerabilities, ',') AS vulnerabilities, r.preferred_language, r.created_at
      """;

  /**
   * A registration found for a zone: whether its range is wholly inside, its point and fine cell (null when it has
   * none), its country of residence, and what the search counts and pages by (null in {@link #ids}).
   */
  record Candidate(UUID id, boolean inner, Double latitude, Double longitude, String residence, Long cell,
      String[] vulnerabilities, String language, Instant createdAt) {}

  /**
   * For this transaction: no JIT (thousands of index probes look expensive to the planner, whose JIT would then
   * cost more than the scans) and a plan made for each statement's own ranges: a plan cached for any ranges (the
   * driver's prepared statements, after five runs) joins them to the whole table and took 240 ms where the custom
   * plan takes 5. Answers, in the same round trip, the planner's estimate of the registrations stored (0 before the
   * table was first analysed).
   */
  @SqlQuery("""
      SELECT greatest(c.reltuples, 0)::bigint
      FROM pg_class c, set_config('jit', 'off', true) AS jit,
           set_config('plan_cache_mode', 'force_custom_plan', true) AS plans
      WHERE c.oid = 'registration'::regclass
      """)
  long planForRanges();

  @SqlQuery("SELECT x.is_inner, " + COLUMNS + IN_COVERAGE + FILTERS)
  List<Candidate> candidates(@Bind("lo") long[] lo, @Bind("hi") long[] hi, @Bind("inner") boolean[] inner,
      @Bind("allCountries") boolean allCountries, @Bind("countries") String[] countries,
      @Bind("vulnerability") String vulnerability, @Bind("residenceType") String residenceType,
      @Bind("language") String language);

  /**
   * Ids, and what the exact test needs (point, country) only for rows it must test: answered from the covering
   * index, and a large zone's inner rows cost the driver nothing but their id.
   */
  @SqlQuery("""
      SELECT r.id, x.is_inner, CASE WHEN x.is_inner THEN NULL ELSE r.latitude END AS latitude,
             CASE WHEN x.is_inner THEN NULL ELSE r.longitude END AS longitude,
             CASE WHEN x.is_inner THEN NULL ELSE r.country_of_residence END AS country_of_residence,
             NULL AS h3_cell, NULL AS vulnerabilities, NULL AS preferred_language, NULL AS created_at
      """ + IN_COVERAGE)
  List<Candidate> ids(@Bind("lo") long[] lo, @Bind("hi") long[] hi, @Bind("inner") boolean[] inner,
      @Bind("allCountries") boolean allCountries, @Bind("countries") String[] countries);

  /** Cells, and points only for rows outside inner ranges: what a density map counts. */
  @SqlQuery("""
      SELECT NULL AS id, x.is_inner, CASE WHEN x.is_inner THEN NULL ELSE r.latitude END AS latitude,
             CASE WHEN x.is_inner THEN NULL ELSE r.longitude END AS longitude, NULL AS country_of_residence,
             r.h3_cell, NULL AS vulnerabilities, NULL AS preferred_language, NULL AS created_at
      """ + IN_COVERAGE)
  List<Candidate> cells(@Bind("lo") long[] lo, @Bind("hi") long[] hi, @Bind("inner") boolean[] inner,
      @Bind("allCountries") boolean allCountries, @Bind("countries") String[] countries);

  /**
   * The active residents of a country, within the actor's countries, that a zone's coverage does not hold: located in
   * its gaps ({@code gapLo}, {@code gapHi}: {@code Coverage.gaps}, range scans on the residence index) or without a
   * point. What a country zone adds to its outline's cells; the caller keeps those the zone reaches.
   */
  String RESIDENTS_OUTSIDE = """
      FROM unnest(CAST(:gapLo AS bigint[]), CAST(:gapHi AS bigint[])) AS g(lo, hi)
      JOIN registration r ON r.country_of_residence = :residence AND r.h3_cell BETWEEN g.lo AND g.hi
      WHERE r.status = 'ACTIVE' AND (:allCountries OR r.country_of_residence = ANY(:countries))
      """;

  String RESIDENTS_WITHOUT_POINT = """
      FROM registration r
      WHERE r.status = 'ACTIVE' AND r.country_of_residence = :residence AND r.h3_cell IS NULL
        AND (:allCountries OR r.country_of_residence = ANY(:countries))
      """;

  @SqlQuery("SELECT false AS is_inner, " + COLUMNS + RESIDENTS_OUTSIDE + FILTERS
      + " UNION ALL SELECT false AS is_inner, " + COLUMNS + RESIDENTS_WITHOUT_POINT + FILTERS)
  List<Candidate> residentCandidates(@Bind("residence") String residence, @Bind("gapLo") long[] gapLo,
      @Bind("gapHi") long[] gapHi, @Bind("allCountries") boolean allCountries, @Bind("countries") String[] countries,
      @Bind("vulnerability") String vulnerability, @Bind("residenceType") String residenceType,
      @Bind("language") String language);

  String RESIDENT_IDS = """
      SELECT r.id, false AS is_inner, r.latitude, r.longitude, r.country_of_residence, r.h3_cell,
             NULL AS vulnerabilities, NULL AS preferred_language, NULL AS created_at
      """;

  @SqlQuery(RESIDENT_IDS + RESIDENTS_OUTSIDE + " UNION ALL " + RESIDENT_IDS + RESIDENTS_WITHOUT_POINT)
  List<Candidate> residentIds(@Bind("residence") String residence, @Bind("gapLo") long[] gapLo,
      @Bind("gapHi") long[] gapHi, @Bind("allCountries") boolean allCountries, @Bind("countries") String[] countries);

  /**
   * Active registrations after {@code (after, afterId)}, oldest first, with what the zone test needs: the walk that
   * pages a large zone, answered from the index {@code registration_active_created} alone when no filter is given.
   */
  @SqlQuery("""
      SELECT false AS is_inner, r.id, r.latitude, r.longitude, r.country_of_residence, r.h3_cell,
             NULL AS vulnerabilities, NULL AS preferred_language, r.created_at
      FROM registration r
      WHERE r.status = 'ACTIVE' AND (r.created_at, r.id) > (:after, :afterId)
        AND (:allCountries OR r.country_of_residence = ANY(:countries))
      """ + FILTERS + """
      ORDER BY r.created_at, r.id LIMIT :batch
      """)
  List<Candidate> oldest(@Bind("after") Instant after, @Bind("afterId") UUID afterId, @Bind("batch") int batch,
      @Bind("allCountries") boolean allCountries, @Bind("countries") String[] countries,
      @Bind("vulnerability") String vulnerability, @Bind("residenceType") String residenceType,
      @Bind("language") String language);

  /**
   * How many registrations of one language, and how many of them have each vulnerability ({@code withVulnerability},
   * indexed by {@link Vulnerability#ordinal()}).
   */
  record LanguageCount(String language, long n, long[] withVulnerability) {}

  /**
   * The sum of each vulnerability's column, named as the columns of {@code registration_cell_total}.
   *
   * <p>The cell tables are read range by range through a LATERAL subquery that the planner may not flatten
   * ({@code OFFSET 0}): joined plainly to a few dozen ranges, a table of 100,000 cells looked cheaper to scan whole,
   * and a city polygon's counts took 570 ms on 1M registrations where the index takes 3.
   */
  String VULNERABILITY_SUMS = """
      sum(c.n_medical_condition) AS n_medical_condition, sum(c.n_reduced_mobility) AS n_reduced_mobility,
      sum(c.n_pregnancy) AS n_pregnancy, sum(c.n_elderly) AS n_elderly,
      sum(c.n_unaccompanied_minor) AS n_unaccompanied_minor
      """;

  /**
   * The registrations of the cells in the ranges (of count cells) by language, from the cell totals: a search
   * without a vulnerability filter.
   */
  @SqlQuery("SELECT c.language, sum(c.n) AS n, " + VULNERABILITY_SUMS + """
      FROM unnest(CAST(:lo AS bigint[]), CAST(:hi AS bigint[])) AS x(lo, hi)
      CROSS JOIN LATERAL (SELECT * FROM registration_cell_total t WHERE t.cell BETWEEN x.lo AND x.hi OFFSET 0) c
      WHERE (:allCountries OR c.country = ANY(:countries))
        AND (CAST(:residenceType AS text) IS NULL OR c.residence_type = :residenceType)
        AND (CAST(:language AS text) IS NULL OR c.language = :language)
      GROUP BY c.language HAVING sum(c.n) <> 0
      """)
  @RegisterRowMapper(LanguageCountMapper.class)
  List<LanguageCount> totals(@Bind("lo") long[] lo, @Bind("hi") long[] hi, @Bind("allCountries") boolean allCountries,
      @Bind("countries") String[] countries, @Bind("residenceType") String residenceType,
      @Bind("language") String language);

  /** How many registrations of a combination of vulnerabilities and a language. */
  record KeyCount(String language, String[] vulnerabilities, long n) {}

  /**
   * The registrations with a given vulnerability in the cells of the ranges (of count cells), by language and
   * combination of vulnerabilities, from the counts by combination (which hold only registrations with one).
   */
  @SqlQuery("""
      SELECT c.language, array_to_string(c.vulnerabilities, ',') AS vulnerabilities, sum(c.n) AS n
      FROM unnest(CAST(:lo AS bigint[]), CAST(:hi AS bigint[])) AS x(lo, hi)
      CROSS JOIN LATERAL (SELECT * FROM registration_cell_count t WHERE t.cell BETWEEN x.lo AND x.hi OFFSET 0) c
      WHERE (:allCountries OR c.country = ANY(:countries))
        AND c.vulnerabilities @> ARRAY[CAST(:vulnerability AS text)]
        AND (CAST(:residenceType AS text) IS NULL OR c.residence_type = :residenceType)
        AND (CAST(:language AS text) IS NULL OR c.language = :language)
      GROUP BY c.language, c.vulnerabilities HAVING sum(c.n) <> 0
      """)
  @RegisterRowMapper(KeyCountMapper.class)
  List<KeyCount> counts(@Bind("lo") long[] lo, @Bind("hi") long[] hi, @Bind("allCountries") boolean allCountries,
      @Bind("countries") String[] countries, @Bind("vulnerability") String vulnerability,
      @Bind("residenceType") String residenceType, @Bind("language") String language);

  /**
   * Counts by language and combination of vulnerabilities of the registrations in fine ranges, person by person in
   * the database: every row of the inner ranges, and, when a circle is given ({@code radiusKm} not null), the rows of
   * the other ranges whose great-circle distance from its centre is within the radius (the same haversine as
   * {@code CircleZone}, mean Earth radius 6371.0088 km); without a circle, only the inner ranges.
   */
  @SqlQuery("""
      SELECT r.preferred_language AS language, array_to_string(r.vulnerabilities, ',') AS vulnerabilities,
             count(*) AS n
      """ + IN_COVERAGE + FILTERS + """
        AND (x.is_inner OR (CAST(:radiusKm AS double precision) IS NOT NULL
          AND 2 * 6371.0088 * asin(least(1, sqrt(
                sin((radians(r.latitude) - radians(:latitude)) / 2) * sin((radians(r.latitude) - radians(:latitude)) / 2)
                + cos(radians(:latitude)) * cos(radians(r.latitude))
                  * sin(radians(r.longitude - :longitude) / 2) * sin(radians(r.longitude - :longitude) / 2))))
            <= :radiusKm))
      GROUP BY r.preferred_language, r.vulnerabilities
      """)
  @RegisterRowMapper(KeyCountMapper.class)
  List<KeyCount> countRows(@Bind("lo") long[] lo, @Bind("hi") long[] hi, @Bind("inner") boolean[] inner,
      @Bind("allCountries") boolean allCountries, @Bind("countries") String[] countries,
      @Bind("vulnerability") String vulnerability, @Bind("residenceType") String residenceType,
      @Bind("language") String language, @Bind("latitude") Double latitude, @Bind("longitude") Double longitude,
      @Bind("radiusKm") Double radiusKm);

  /** One compaction at a time across instances; false when another holds it. */
  @SqlQuery("SELECT pg_try_advisory_xact_lock(x'63656c6c73'::bigint)")
  boolean lockCompaction();

  /** Folds the fresh deltas of the counts by combination into one compacted row per key; the number folded. */
  @SqlQuery("""
      WITH fresh AS (
        DELETE FROM registration_cell_count WHERE NOT compacted
        RETURNING cell, country, language, residence_type, vulnerabilities, n
      ), folded AS (
        INSERT INTO registration_cell_count AS c (cell, country, language, residence_type, vulnerabilities, n,
                                                  compacted)
        SELECT cell, country, language, residence_type, vulnerabilities, sum(n), true FROM fresh
        GROUP BY cell, country, language, residence_type, vulnerabilities
        ON CONFLICT (cell, country, language, residence_type, vulnerabilities) WHERE compacted
        DO UPDATE SET n = c.n + excluded.n
      )
      SELECT count(*) FROM fresh
      """)
  long compact();

  /** Folds the fresh deltas of the cell totals into one compacted row per key; the number folded. */
  @SqlQuery("""
      WITH fresh AS (
        DELETE FROM registration_cell_total WHERE NOT compacted
        RETURNING cell, country, language, residence_type, n, n_medical_condition, n_reduced_mobility, n_pregnancy,
                  n_elderly, n_unaccompanied_minor
      ), folded AS (
        INSERT INTO registration_cell_total AS c (cell, country, language, residence_type, n, n_medical_condition,
            n_reduced_mobility, n_pregnancy, n_elderly, n_unaccompanied_minor, compacted)
        SELECT cell, country, language, residence_type, sum(n), sum(n_medical_condition), sum(n_reduced_mobility),
               sum(n_pregnancy), sum(n_elderly), sum(n_unaccompanied_minor), true
        FROM fresh GROUP BY cell, country, language, residence_type
        ON CONFLICT (cell, country, language, residence_type) WHERE compacted
        DO UPDATE SET n = c.n + excluded.n, n_medical_condition = c.n_medical_condition + excluded.n_medical_condition,
          n_reduced_mobility = c.n_reduced_mobility + excluded.n_reduced_mobility,
          n_pregnancy = c.n_pregnancy + excluded.n_pregnancy, n_elderly = c.n_elderly + excluded.n_elderly,
          n_unaccompanied_minor = c.n_unaccompanied_minor + excluded.n_unaccompanied_minor
      )
      SELECT count(*) FROM fresh
      """)
  long compactTotals();

  /**
   * Vacuums the cell counts after a fold, so that searches read them from the index alone. VACUUM cannot run inside
   * a transaction: call it on a handle of its own ({@code jdbi.useExtension}), never in {@code inTransaction}.
   */
  @SqlUpdate("VACUUM (SKIP_LOCKED, ANALYZE) registration_cell_count, registration_cell_total")
  void vacuumCounts();

  /** Active registrations by cell of the cell counts, over ranges of those cells, within the actor's countries. */
  @SqlQuery("""
      SELECT c.cell, sum(c.n) AS n
      FROM unnest(CAST(:lo AS bigint[]), CAST(:hi AS bigint[])) AS x(lo, hi)
      CROSS JOIN LATERAL (SELECT * FROM registration_cell_total t WHERE t.cell BETWEEN x.lo AND x.hi OFFSET 0) c
      WHERE (:allCountries OR c.country = ANY(:countries))
      GROUP BY c.cell HAVING sum(c.n) <> 0
      """)
  @RegisterConstructorMapper(CellCount.class)
  List<CellCount> countByCountCell(@Bind("lo") long[] lo, @Bind("hi") long[] hi,
      @Bind("allCountries") boolean allCountries, @Bind("countries") String[] countries);

  /** How many registrations an H3 cell holds. */
  record CellCount(long cell, long n) {}

  @SqlQuery("SELECT * FROM registration WHERE id = ANY(:ids)")
  List<Registration> findAll(@Bind("ids") UUID[] ids);

  class CandidateMapper implements RowMapper<Candidate> {
    @Override
    public Candidate map(ResultSet rs, StatementContext ctx) throws SQLException {
      java.sql.Timestamp created = rs.getTimestamp("created_at");
      return new Candidate(rs.getObject("id", UUID.class), rs.getBoolean("is_inner"),
          (Double) rs.getObject("latitude"), (Double) rs.getObject("longitude"),
          rs.getString("country_of_residence"), (Long) rs.getObject("h3_cell"),
          list(rs.getString("vulnerabilities")), rs.getString("preferred_language"),
          created == null ? null : created.toInstant());
    }
  }

  class KeyCountMapper implements RowMapper<KeyCount> {
    @Override
    public KeyCount map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new KeyCount(rs.getString("language"), list(rs.getString("vulnerabilities")), rs.getLong("n"));
    }
  }

  class LanguageCountMapper implements RowMapper<LanguageCount> {
    @Override
    public LanguageCount map(ResultSet rs, StatementContext ctx) throws SQLException {
      Vulnerability[] all = Vulnerability.values();
      long[] with = new long[all.length];
      for (Vulnerability v : all) {
        with[v.ordinal()] = rs.getLong("n_" + v.name().toLowerCase(Locale.ROOT));
      }
      return new LanguageCount(rs.getString("language"), rs.getLong("n"), with);
    }
  }

  private static String[] list(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isEmpty() ? new String[0] : commaSeparated.split(",");
  }
}
