package crisis.core.registry;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ValidationException;
import crisis.core.geo.Coverage;
import crisis.core.geo.Zone;
import crisis.core.registry.db.RegistrationRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * "Who of ours is inside this zone?": the zone's H3 coverage becomes B-tree range scans on
 * {@code registration.h3_cell}; candidates from ranges on the zone's edge are tested exactly. Answers the total, the
 * counts by vulnerability and language, and one page of registrations (oldest first), within the actor's
 * jurisdiction. Thread-safe.
 */
public final class ZoneSearch {
  /** Active registrations in the coverage's ranges, within the actor's countries; {@code x.is_inner} per row. */
  private static final String IN_COVERAGE = """
      FROM unnest(CAST(:lo AS bigint[]), CAST(:hi AS bigint[]), CAST(:inner AS boolean[])) AS x(lo, hi, is_inner)
      JOIN registration r ON r.h3_cell BETWEEN x.lo AND x.hi
      WHERE r.status = 'ACTIVE' AND r.h3_cell IS NOT NULL
        AND (:allCountries OR r.country_of_residence = ANY(:countries))
      """;

  private static final String CANDIDATES = """
      SELECT r.id, x.is_inner, r.latitude, r.longitude, array_to_string(r.vulnerabilities, ',') AS vulnerabilities,
             r.preferred_language, r.created_at
      """ + IN_COVERAGE + """
        AND (CAST(:vulnerability AS text) IS NULL OR r.vulnerabilities @> ARRAY[CAST(:vulnerability AS text)])
        AND (CAST(:residenceType AS text) IS NULL OR r.residence_type = :residenceType)
        AND (CAST(:language AS text) IS NULL OR r.preferred_language = :language)
      """;

  /** Ids only, coordinates only where an exact test is needed: answered from the covering index. */
  private static final String IDS = """
      SELECT r.id, x.is_inner, CASE WHEN x.is_inner THEN NULL ELSE r.latitude END,
             CASE WHEN x.is_inner THEN NULL ELSE r.longitude END
      """ + IN_COVERAGE;

  private final Jdbi jdbi;
  private final AuditTrail audit;

  public ZoneSearch(Jdbi jdbi, AuditTrail audit) {
    this.jdbi = jdbi;
    this.audit = audit;
  }

  /** Optional filters: a vulnerability flag, RESIDENT or TEMPORARY, a language code. */
  public record Filter(Vulnerability vulnerability, ResidenceType residenceType, Language language) {}

  /** The answer: counts over every match, and one page of them. */
  public record Result(long total, Map<String, Long> byVulnerability, Map<String, Long> byLanguage,
      List<Registration> items, int offset, int limit) {}

  private static final String[] NONE = new String[0];

  private static String[] split(String list) {
    return list == null || list.isEmpty() ? NONE : list.split(",");
  }

  private record Match(UUID id, Instant createdAt, String[] vulnerabilities, String language) {}

  private static List<Match> matches(Handle h, Actor actor, Zone zone, Filter filter) {
    return inZone(h, CANDIDATES, actor, zone)
        .bind("vulnerability", filter.vulnerability() == null ? null : filter.vulnerability().name())
        .bind("residenceType", filter.residenceType() == null ? null : filter.residenceType().name())
        .bind("language", filter.language() == null ? null : filter.language().code())
        .map((rs, ctx) -> inside(rs, zone)
            ? new Match(rs.getObject("id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                split(rs.getString("vulnerabilities")), rs.getString("preferred_language"))
            : null)
        .list().stream().filter(java.util.Objects::nonNull).toList();
  }

  /** A query over the zone's coverage (columns 2..4: inner flag, latitude, longitude), bound for the actor. */
  private static Query inZone(Handle h, String sql, Actor actor, Zone zone) {
    Coverage c = zone.cover();
    // Thousands of index probes look expensive to the planner, whose JIT compilation would then cost more than the
    // scans themselves.
    h.execute("SET LOCAL jit = off");
    return h.createQuery(sql).bind("lo", c.lo()).bind("hi", c.hi()).bind("inner", c.inner())
        .bind("allCountries", actor.seesEveryCountry()).bind("countries", actor.jurisdictionArray());
  }

  /** Inner rows need no test; the others are tested exactly. */
  private static boolean inside(java.sql.ResultSet rs, Zone zone) throws java.sql.SQLException {
    return rs.getBoolean(2) || zone.contains(rs.getDouble(3), rs.getDouble(4));
  }

  /** The ids of every active registration inside the zone that the actor may see (no filter, no audit). */
  public List<UUID> ids(Actor actor, Zone zone) {
    RegistrationService.requireReader(actor);
    return jdbi.inTransaction(h -> inZone(h, IDS, actor, zone)
        .map((rs, ctx) -> inside(rs, zone) ? rs.getObject(1, UUID.class) : null)
        .list().stream().filter(java.util.Objects::nonNull).toList());
  }

  public Result search(Actor actor, Zone zone, Filter filter, int offset, int limit) {
    RegistrationService.requireReader(actor);
    if (limit < 1 || limit > RegistrationService.MAX_PAGE) {
      throw new ValidationException("limit", "must be between 1 and " + RegistrationService.MAX_PAGE);
    }
    if (offset < 0) {
      throw new ValidationException("offset", "must not be negative");
    }
    return jdbi.inTransaction(h -> {
      List<Match> matches = matches(h, actor, zone, filter);
      Map<String, Long> byVulnerability = new TreeMap<>();
      Map<String, Long> byLanguage = new TreeMap<>();
      for (Match m : matches) {
        for (String v : m.vulnerabilities()) {
          byVulnerability.merge(v, 1L, Long::sum);
        }
        byLanguage.merge(m.language(), 1L, Long::sum);
      }
      List<UUID> page = matches.stream()
          .sorted(Comparator.comparing(Match::createdAt).thenComparing(Match::id))
          .skip(offset).limit(limit).map(Match::id).toList();
      List<Registration> items = new ArrayList<>(page.size());
      if (!page.isEmpty()) {
        Map<UUID, Registration> byId = new HashMap<>();
        h.createQuery("SELECT * FROM registration WHERE id = ANY(:ids)").bind("ids", page.toArray(UUID[]::new))
            .map(new RegistrationRow.Mapper()).forEach(r -> byId.put(r.id(), r));
        page.forEach(id -> items.add(byId.get(id)));
      }
      audit.record(h, actor, "SEARCH", page, "zone search: " + matches.size() + " matches");
      return new Result(matches.size(), byVulnerability, byLanguage, items, offset, limit);
    });
  }
}
