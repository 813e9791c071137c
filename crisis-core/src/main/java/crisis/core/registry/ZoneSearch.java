package crisis.core.registry;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.PageRequest;
import crisis.core.geo.CountryZone;
import crisis.core.geo.Coverage;
import crisis.core.geo.Zone;
import crisis.core.registry.db.ZoneQueryDao;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * "Who of ours is inside this zone?": the zone's H3 coverage becomes B-tree range scans on
 * {@code registration.h3_cell}; candidates from ranges on the zone's edge are tested exactly. Answers the total, the
 * counts by vulnerability and language, and one page of registrations (oldest first), within the actor's
 * jurisdiction. Thread-safe.
 */
public final class ZoneSearch {
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

  /**
   * Candidates the actor may see, inside the zone, each once: inner ones as they are, edge ones after the exact test.
   * The ranges of a zone's parts can overlap (parts that touch or overlap, cells shared by neighbouring parts), so a
   * registration can come back from several ranges.
   */
  private static List<ZoneQueryDao.Candidate> inside(List<ZoneQueryDao.Candidate> candidates,
      List<ZoneQueryDao.Candidate> residents, Zone zone) {
    Map<UUID, ZoneQueryDao.Candidate> once = new java.util.LinkedHashMap<>();
    for (ZoneQueryDao.Candidate c : candidates) {
      if (!once.containsKey(c.id()) && (c.inner() || zone.contains(c.latitude(), c.longitude()))) {
        once.put(c.id(), c);
      }
    }
    if (zone instanceof CountryZone country) {
      for (ZoneQueryDao.Candidate c : residents) {
        if (!once.containsKey(c.id()) && country.reaches(c.latitude(), c.longitude(), country.country())) {
          once.put(c.id(), c);
        }
      }
    }
    return new ArrayList<>(once.values());
  }

  /** The ids of every active registration inside the zone that the actor may see (no filter, no audit). */
  public List<UUID> ids(Actor actor, Zone zone) {
    RegistrationService.requireReader(actor);
    Coverage c = zone.cover();
    return jdbi.inTransaction(h -> {
      ZoneQueryDao dao = h.attach(ZoneQueryDao.class);
      dao.withoutJit();
      List<ZoneQueryDao.Candidate> residents = zone instanceof CountryZone country
          ? dao.residentIds(country.country(), actor.seesEveryCountry(), actor.jurisdictionArray()) : List.of();
      return inside(dao.ids(c.lo(), c.hi(), c.inner(), actor.seesEveryCountry(), actor.jurisdictionArray()),
          residents, zone).stream().map(ZoneQueryDao.Candidate::id).toList();
    });
  }

  public Result search(Actor actor, Zone zone, Filter filter, int offset, int limit) {
    RegistrationService.requireReader(actor);
    PageRequest.of(offset, limit, RegistrationService.MAX_PAGE);
    Coverage c = zone.cover();
    return jdbi.inTransaction(h -> {
      ZoneQueryDao dao = h.attach(ZoneQueryDao.class);
      dao.withoutJit();
      String vulnerability = filter.vulnerability() == null ? null : filter.vulnerability().name();
      String residenceType = filter.residenceType() == null ? null : filter.residenceType().name();
      String language = filter.language() == null ? null : filter.language().code();
      List<ZoneQueryDao.Candidate> residents = zone instanceof CountryZone country
          ? dao.residentCandidates(country.country(), actor.seesEveryCountry(), actor.jurisdictionArray(),
              vulnerability, residenceType, language)
          : List.of();
      List<ZoneQueryDao.Candidate> matches = inside(dao.candidates(c.lo(), c.hi(), c.inner(),
          actor.seesEveryCountry(), actor.jurisdictionArray(), vulnerability, residenceType, language), residents,
          zone);
      Map<String, Long> byVulnerability = new TreeMap<>();
      Map<String, Long> byLanguage = new TreeMap<>();
      for (ZoneQueryDao.Candidate m : matches) {
        for (String v : m.vulnerabilities()) {
          byVulnerability.merge(v, 1L, Long::sum);
        }
        byLanguage.merge(m.language(), 1L, Long::sum);
      }
      List<UUID> page = matches.stream()
          .sorted(Comparator.comparing(ZoneQueryDao.Candidate::createdAt).thenComparing(ZoneQueryDao.Candidate::id))
          .skip(offset).limit(limit).map(ZoneQueryDao.Candidate::id).toList();
      List<Registration> items = new ArrayList<>(page.size());
      if (!page.isEmpty()) {
        Map<UUID, Registration> byId = new HashMap<>();
        dao.findAll(page.toArray(UUID[]::new)).forEach(r -> byId.put(r.id(), r));
        page.forEach(id -> items.add(byId.get(id)));
      }
      audit.record(h, actor, "SEARCH", page, "zone search: " + matches.size() + " matches");
      return new Result(matches.size(), byVulnerability, byLanguage, items, offset, limit);
    });
  }
}
