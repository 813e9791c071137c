package crisis.core.registry.db;

import crisis.core.registry.Registration;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
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

  /**
   * A registration found in a zone's coverage: whether its range is wholly inside, its point (null for inner rows of
   * {@link #ids}), and what the search counts.
   */
  record Candidate(UUID id, boolean inner, Double latitude, Double longitude, String[] vulnerabilities,
      String language, Instant createdAt) {}

  /** Thousands of index probes look expensive to the planner, whose JIT would then cost more than the scans. */
  @SqlUpdate("SET LOCAL jit = off")
  void withoutJit();

  @SqlQuery("""
      SELECT r.id, x.is_inner, r.latitude, r.longitude, array_to_string(r.vulnerabilities, ',') AS vulnerabilities,
             r.preferred_language, r.created_at
      """ + IN_COVERAGE + """
        AND (CAST(:vulnerability AS text) IS NULL OR r.vulnerabilities @> ARRAY[CAST(:vulnerability AS text)])
        AND (CAST(:residenceType AS text) IS NULL OR r.residence_type = :residenceType)
        AND (CAST(:language AS text) IS NULL OR r.preferred_language = :language)
      """)
  List<Candidate> candidates(@Bind("lo") long[] lo, @Bind("hi") long[] hi, @Bind("inner") boolean[] inner,
      @Bind("allCountries") boolean allCountries, @Bind("countries") String[] countries,
      @Bind("vulnerability") String vulnerability, @Bind("residenceType") String residenceType,
      @Bind("language") String language);

  /** Ids only, coordinates only where an exact test is needed: answered from the covering index. */
  @SqlQuery("""
      SELECT r.id, x.is_inner, CASE WHEN x.is_inner THEN NULL ELSE r.latitude END AS latitude,
             CASE WHEN x.is_inner THEN NULL ELSE r.longitude END AS longitude,
             NULL AS vulnerabilities, NULL AS preferred_language, NULL AS created_at
      """ + IN_COVERAGE)
  List<Candidate> ids(@Bind("lo") long[] lo, @Bind("hi") long[] hi, @Bind("inner") boolean[] inner,
      @Bind("allCountries") boolean allCountries, @Bind("countries") String[] countries);

  /**
   * The active residents of a country, located or not, within the actor's countries: what a country zone adds to
   * its outline's coverage (the caller keeps those the zone reaches).
   */
  String RESIDENTS = """
      FROM registration r
      WHERE r.status = 'ACTIVE' AND r.country_of_residence = :residence
        AND (:allCountries OR r.country_of_residence = ANY(:countries))
      """;

  @SqlQuery("""
      SELECT r.id, false AS is_inner, r.latitude, r.longitude,
             array_to_string(r.vulnerabilities, ',') AS vulnerabilities, r.preferred_language, r.created_at
      """ + RESIDENTS + """
        AND (CAST(:vulnerability AS text) IS NULL OR r.vulnerabilities @> ARRAY[CAST(:vulnerability AS text)])
        AND (CAST(:residenceType AS text) IS NULL OR r.residence_type = :residenceType)
        AND (CAST(:language AS text) IS NULL OR r.preferred_language = :language)
      """)
  List<Candidate> residentCandidates(@Bind("residence") String residence, @Bind("allCountries") boolean allCountries,
      @Bind("countries") String[] countries, @Bind("vulnerability") String vulnerability,
      @Bind("residenceType") String residenceType, @Bind("language") String language);

  @SqlQuery("""
      SELECT r.id, false AS is_inner, r.latitude, r.longitude,
             NULL AS vulnerabilities, NULL AS preferred_language, NULL AS created_at
      """ + RESIDENTS)
  List<Candidate> residentIds(@Bind("residence") String residence, @Bind("allCountries") boolean allCountries,
      @Bind("countries") String[] countries);

  /** Active registrations by H3 cell (resolution 10) inside a box; west east of east crosses the antimeridian. */
  @SqlQuery("""
      SELECT h3_cell AS cell, count(*) AS n FROM registration
      WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL AND latitude BETWEEN :south AND :north
        AND (CASE WHEN :west <= :east THEN longitude BETWEEN :west AND :east
                  ELSE longitude >= :west OR longitude <= :east END)
        AND (:allCountries OR country_of_residence = ANY(:countries))
      GROUP BY h3_cell
      """)
  @RegisterConstructorMapper(CellCount.class)
  List<CellCount> countByCell(@Bind("west") double west, @Bind("south") double south, @Bind("east") double east,
      @Bind("north") double north, @Bind("allCountries") boolean allCountries, @Bind("countries") String[] countries);

  /** How many registrations an H3 cell holds. */
  record CellCount(long cell, long n) {}

  @SqlQuery("SELECT * FROM registration WHERE id = ANY(:ids)")
  List<Registration> findAll(@Bind("ids") UUID[] ids);

  class CandidateMapper implements RowMapper<Candidate> {
    private static final String[] NONE = new String[0];

    @Override
    public Candidate map(ResultSet rs, StatementContext ctx) throws SQLException {
      String vulnerabilities = rs.getString("vulnerabilities");
      java.sql.Timestamp created = rs.getTimestamp("created_at");
      return new Candidate(rs.getObject("id", UUID.class), rs.getBoolean("is_inner"),
          (Double) rs.getObject("latitude"), (Double) rs.getObject("longitude"),
          vulnerabilities == null || vulnerabilities.isEmpty() ? NONE : vulnerabilities.split(","),
          rs.getString("preferred_language"), created == null ? null : created.toInstant());
    }
  }
}
