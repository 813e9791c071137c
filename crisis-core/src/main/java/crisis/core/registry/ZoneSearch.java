package crisis.core.registry;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.PageRequest;
import crisis.core.geo.CircleZone;
import crisis.core.geo.CountryZone;
import crisis.core.geo.Coverage;
import crisis.core.geo.Zone;
import crisis.core.registry.db.ZoneQueryDao;
import crisis.core.registry.db.ZoneQueryDao.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * "Who of ours is inside this zone?", answered from the zone's H3 coverage (disjoint ranges, so each person is found
 * once): its inner cells of {@link Coverage#COUNT_RESOLUTION} or coarser are counted from the registry's cell counts;
 * the rest is read person by person from the H3 index, and people on the zone's edge are tested exactly; a country
 * zone adds its residents outside the outline's cells that it reaches. Answers the total, the counts by vulnerability
 * and language, and one page of registrations (oldest first), within the actor's jurisdiction, all from one snapshot.
 * Thread-safe.
 */
public final class ZoneSearch {
  /** The first key of the oldest-first walk: before any registration. */
  private static final Instant BEFORE_ALL = Instant.parse("0001-01-01T00:00:00Z");
  private static final UUID NO_ID = new UUID(0, 0);
  private static final Comparator<Candidate> OLDEST_FIRST =
      Comparator.comparing(Candidate::createdAt).thenComparing(Candidate::id);

  private static final Filter NO_FILTER = new Filter(null, null, null);

  private final Jdbi jdbi;
  private final AuditTrail audit;

  public ZoneSearch(Jdbi jdbi, AuditTrail audit) {
    this.jdbi = jdbi;
    this.audit = audit;
  }

  /** Optional filters: a vulnerability flag, RESIDENT or TEMPORARY, a language code. */
  public record Filter(Vulnerability vulnerability, ResidenceType residenceType, Language language) {
    String vulnerabilityName() {
      return vulnerability == null ? null : vulnerability.name();
    }

    String residenceTypeName() {
      return residenceType == null ? null : residenceType.name();
    }

    String languageCode() {
      return language == null ? null : language.code();
    }
  }

  /** The answer: counts over every match, and one page of them. */
  public record Result(long total, Map<String, Long> byVulnerability, Map<String, Long> byLanguage,
      List<Registration> items, int offset, int limit) {}

  /** The ids of every active registration inside the zone that the actor may see (no filter, no audit). */
  public List<UUID> ids(Actor actor, Zone zone) {
    RegistrationService.requireReader(actor);
    Coverage c = zone.cover();
    return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
      Query q = new Query(h.attach(ZoneQueryDao.class), actor, NO_FILTER, zone, c);
      q.dao.planForRanges();
      List<Candidate> reached = q.reached(q.dao.ids(c.lo(), c.hi(), c.inner(), q.all, q.countries));
      if (q.residence != null) {
        long[][] gaps = c.gaps();
        reached.addAll(q.reached(q.dao.residentIds(q.residence, gaps[0], gaps[1], q.all, q.countries)));
      }
      return reached.stream().map(Candidate::id).toList();
    });
  }

  /**
   * The counts of the people inside, and a page of them; {@code limit} 0 for the counts alone (what a map shows
   * while a zone is drawn: nobody's record leaves the database).
   */
  public Result search(Actor actor, Zone zone, Filter filter, int offset, int limit) {
    RegistrationService.requireReader(actor);
    if (limit != 0) {
      PageRequest.of(offset, limit, RegistrationService.MAX_PAGE);
    } else if (offset != 0) {
      throw new crisis.core.common.ValidationException("offset", "must be 0 when limit is 0 (counts only)");
    }
    Coverage coverage = zone.cover();
    Coverage.Counting split = coverage.counting();
    return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
      Query q = new Query(h.attach(ZoneQueryDao.class), actor, filter, zone, coverage);
      q.registry = q.dao.planForRanges();
      Tally tally = new Tally();
      // Inner cells of the count resolution from the registry's counts: the totals by language unless a
      // vulnerability is asked for, then the counts by combination of vulnerabilities.
      if (filter.vulnerability() == null) {
        q.dao.totals(split.countLo(), split.countHi(), q.all, q.countries, filter.residenceTypeName(),
            filter.languageCode()).forEach(tally::add);
      } else {
        for (ZoneQueryDao.KeyCount k : q.dao.counts(split.countLo(), split.countHi(), q.all, q.countries,
            filter.vulnerabilityName(), filter.residenceTypeName(), filter.languageCode())) {
          tally.add(k.language(), k.vulnerabilities(), k.n());
        }
      }
      // The rest of the inner ranges is counted in the database too, and a circle's edge with it (the same
      // haversine); other zones' edges are read person by person and tested here.
      CircleZone circle = zone instanceof CircleZone c ? c : null;
      for (ZoneQueryDao.KeyCount k : q.dao.countRows(split.rowLo(), split.rowHi(), split.rowInner(), q.all,
          q.countries, filter.vulnerabilityName(), filter.residenceTypeName(), filter.languageCode(),
          circle == null ? null : circle.latitude(), circle == null ? null : circle.longitude(),
          circle == null ? null : circle.radiusKm())) {
        tally.add(k.language(), k.vulnerabilities(), k.n());
      }
      long counted = tally.total;
      List<Candidate> people = new ArrayList<>();
      if (circle == null) {
        Ranges edge = Ranges.edgeOf(split);
        people.addAll(q.reached(q.dao.candidates(edge.lo, edge.hi, edge.inner, q.all, q.countries,
            filter.vulnerabilityName(), filter.residenceTypeName(), filter.languageCode())));
      }
      if (zone instanceof CountryZone country) {
        people.addAll(q.reached(q.residentsOutside()));
      }
      people.forEach(m -> tally.add(m.language(), m.vulnerabilities(), 1));
      List<UUID> page = limit == 0 ? List.of() : q.page(people, counted, offset, limit);
      List<Registration> items = new ArrayList<>(page.size());
      if (!page.isEmpty()) {
        Map<UUID, Registration> byId = new HashMap<>();
        q.dao.findAll(page.toArray(UUID[]::new)).forEach(r -> byId.put(r.id(), r));
        page.forEach(id -> items.add(byId.get(id)));
      }
      audit.record(h, actor, "SEARCH", page, "zone search: " + tally.total + " matches");
      return new Result(tally.total, tally.byVulnerability, tally.byLanguage, items, offset, limit);
    });
  }

  /** Fine ranges, with whether each is inner. */
  private record Ranges(long[] lo, long[] hi, boolean[] inner) {
    /** The ranges of the split's person-by-person part that are not inner: the zone's edge. */
    static Ranges edgeOf(Coverage.Counting split) {
      int n = 0;
      for (boolean b : split.rowInner()) {
        n += b ? 0 : 1;
      }
      long[] lo = new long[n];
      long[] hi = new long[n];
      for (int i = 0, j = 0; i < split.rowInner().length; i++) {
        if (!split.rowInner()[i]) {
          lo[j] = split.rowLo()[i];
          hi[j++] = split.rowHi()[i];
        }
      }
      return new Ranges(lo, hi, new boolean[n]);
    }
  }

  /** Counts by vulnerability and language, added group by group. */
  private static final class Tally {
    long total;
    final Map<String, Long> byVulnerability = new TreeMap<>();
    final Map<String, Long> byLanguage = new TreeMap<>();

    void add(ZoneQueryDao.LanguageCount c) {
      total += c.n();
      byLanguage.merge(c.language(), c.n(), Long::sum);
      for (Vulnerability v : Vulnerability.values()) {
        long n = c.withVulnerability()[v.ordinal()];
        if (n != 0) {
          byVulnerability.merge(v.name(), n, Long::sum);
        }
      }
    }

    void add(String language, String[] vulnerabilities, long n) {
      total += n;
      byLanguage.merge(language, n, Long::sum);
      for (String v : vulnerabilities) {
        byVulnerability.merge(v, n, Long::sum);
      }
    }
  }

  /** One search's statements, in its transaction. */
  private static final class Query {
    final ZoneQueryDao dao;
    final boolean all;
    final String[] countries;
    final Filter filter;
    final Zone zone;
    final Coverage coverage;
    final String residence;
    /** The planner's estimate of the registrations stored. */
    long registry;

    Query(ZoneQueryDao dao, Actor actor, Filter filter, Zone zone, Coverage coverage) {
      this.dao = dao;
      this.all = actor.seesEveryCountry();
      this.countries = actor.jurisdictionArray();
      this.filter = filter;
      this.zone = zone;
      this.coverage = coverage;
      this.residence = zone instanceof CountryZone c ? c.country() : null;
    }

    /** A country zone's residents that its coverage does not hold: in its gaps, or without a point. */
    List<Candidate> residentsOutside() {
      long[][] gaps = coverage.gaps();
      return dao.residentCandidates(residence, gaps[0], gaps[1], all, countries, filter.vulnerabilityName(),
          filter.residenceTypeName(), filter.languageCode());
    }

    /** Candidates read one by one that the zone reaches: inner ones as they are, the others after the exact test. */
    List<Candidate> reached(List<Candidate> candidates) {
      List<Candidate> out = new ArrayList<>(candidates.size());
      for (Candidate c : candidates) {
        if (c.inner() || zone.reaches(c.latitude(), c.longitude(), c.residence())) {
          out.add(c);
        }
      }
      return out;
    }

    /**
     * The ids of one page, oldest first. When every match is known one by one, they are sorted here. Otherwise
     * (some were counted by cell) the cheaper of two ways: read the counted people too and sort all of them (about
     * {@code total} rows), or walk the registry oldest first until the page is full (about {@code wanted × all /
     * total} rows, few when the zone holds many).
     */
    List<UUID> page(List<Candidate> people, long counted, int offset, int limit) {
      long total = counted + people.size();
      int wanted = offset + limit;
      if (counted == 0 || offset >= total) {
        return pageOf(people, offset, limit);
      }
      // A table not analysed yet has no estimate: reading the zone's people is right whatever their number.
      if (registry <= 0 || (double) total * total <= (double) wanted * registry) {
        List<Candidate> all = reached(dao.candidates(coverage.lo(), coverage.hi(), coverage.inner(), this.all,
            countries, filter.vulnerabilityName(), filter.residenceTypeName(), filter.languageCode()));
        if (residence != null) {
          all.addAll(reached(residentsOutside()));
        }
        return pageOf(all, offset, limit);
      }
      return walk(total, wanted, registry).stream().skip(offset).toList();
    }

    private List<UUID> walk(long total, int wanted, double registry) {
      List<UUID> found = new ArrayList<>(wanted);
      int batch = (int) Math.max(64, Math.min(10_000, wanted * registry / total * 1.5 + 64));
      Instant after = BEFORE_ALL;
      UUID afterId = NO_ID;
      while (found.size() < wanted) {
        List<Candidate> rows = dao.oldest(after, afterId, batch, all, countries, filter.vulnerabilityName(),
            filter.residenceTypeName(), filter.languageCode());
        for (Candidate r : rows) {
          if (inZone(r)) {
            found.add(r.id());
            if (found.size() == wanted) {
              break;
            }
          }
        }
        if (rows.size() < batch) {
          break;
        }
        after = rows.get(rows.size() - 1).createdAt();
        afterId = rows.get(rows.size() - 1).id();
        batch = Math.min(10_000, batch * 2);
      }
      return found;
    }

    /** Whether a registration met on the walk is one the search counts. */
    private boolean inZone(Candidate r) {
      int range = r.cell() == null ? -1 : coverage.rangeOf(r.cell());
      if (range >= 0) {
        return coverage.inner()[range] || zone.reaches(r.latitude(), r.longitude(), r.residence());
      }
      // Outside the coverage only a country zone reaches anyone: its residents offshore or without a point.
      return residence != null && residence.equals(r.residence())
          && zone.reaches(r.latitude(), r.longitude(), r.residence());
    }

    private static List<UUID> pageOf(List<Candidate> matches, int offset, int limit) {
      return matches.stream().sorted(OLDEST_FIRST).skip(offset).limit(limit).map(Candidate::id).toList();
    }

  }
}
