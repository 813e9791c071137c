package crisis.core.reintegration;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.reintegration.db.ReintegrationDao;
import crisis.core.reintegration.db.ReintegrationDao.CaseRow;
import crisis.core.users.UserDao;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Who follows a reintegration case: its region (set by the crisis cell) and its case worker (the crisis cell, or a
 * case worker of the region), by default the least loaded of the region.
 */
public final class CaseAssignment {
  private final Jdbi jdbi;
  private final Regions regions;
  private final AuditTrail audit;
  private final Clock clock;

  public CaseAssignment(Jdbi jdbi, Regions regions, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Sets the region (crisis cell) and the case worker (the crisis cell, or a case worker of the region); with no
   * case worker named, the least loaded of the region.
   *
   * @return the case, whole, for a case worker; null for the crisis cell, which does not read cases
   *     ({@link ReintegrationCases#readsContent})
   */
  public ReintegrationCase assign(Actor actor, UUID id, String region, String caseworker) {
    actor.require("assign reintegration cases", Role.CRISIS_CELL, Role.CASEWORKER);
    if (region != null && !regions.exists(region)) {
      throw new ValidationException("region", "must be one of the kingdom's regions, MA.01 to MA.12");
    }
    return jdbi.inTransaction(h -> {
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      CaseRow c;
      if (actor.role() == Role.CASEWORKER) {
        c = ReintegrationCases.workable(h, actor, id, true);
        if (region != null && !region.equals(c.region())) {
          throw new ValidationException("region", "only the crisis cell moves a case to another region");
        }
      } else {
        c = dao.lockCase(id).orElseThrow(() -> new NotFoundException("case " + id));
      }
      String to = region != null ? region : c.region();
      if (to == null) {
        throw new ValidationException("region", "is required: the destination did not tell it");
      }
      String worker = caseworker != null ? caseworkerOf(h, caseworker, to) : leastLoaded(h, to);
      dao.assign(id, to, worker, clock.instant());
      audit.record(h, actor, "REINTEGRATION_CASE_ASSIGN", List.of(), "case " + id + " to " + to + " / " + worker);
      return ReintegrationCases.readsContent(actor, to) ? ReintegrationCases.assemble(h,
          dao.findCase(id).orElseThrow()) : null;
    });
  }

  /** The case worker named, if enabled and of the region; else refused. */
  private static String caseworkerOf(Handle h, String worker, String region) {
    var u = h.attach(UserDao.class).find(worker).filter(x -> x.role() == Role.CASEWORKER && !x.disabled());
    if (u.isEmpty() || !region.equals(u.get().region())) {
      throw new ValidationException("caseworker", "no enabled case worker '" + worker + "' in " + region);
    }
    return worker;
  }

  /** The enabled case worker of the region with the fewest open cases; null without a region or a case worker. */
  static String leastLoaded(Handle h, String region) {
    if (region == null) {
      return null;
    }
    List<String> workers = h.attach(UserDao.class).caseworkers(region);
    Map<String, Integer> load = new HashMap<>();
    h.attach(ReintegrationDao.class).openCaseLoads(workers.toArray(String[]::new))
        .forEach(l -> load.put(l.caseworker(), l.openCases()));
    // The fewest open cases, then the first by name (the list is by name; min keeps the first of equals).
    return workers.stream().min(Comparator.comparingInt(w -> load.getOrDefault(w, 0))).orElse(null);
  }
}
