package crisis.core.repatriation;

import crisis.core.audit.AuditTrail;
import crisis.core.crisis.CrisisService;
import crisis.core.outreach.SenderPlan;
import crisis.core.registry.ZoneSearch;
import crisis.core.repatriation.remains.RemainsCases;
import crisis.core.repatriation.remains.RemainsProgress;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * The repatriation services, built together: requests (reads, opening, changes, the crisis cell's order, the
 * officer's queue across crises), legs, planning, the gate and its closing (the clock's too), manifests, remains
 * (cases, and their progress).
 */
public record Repatriation(EvacuationRequests requests, RequestOpening requestOpening, RequestChanges requestChanges,
    EvacuationOrder evacuationOrder, EvacuationQueue queue, TransportLegs legs, EvacuationPlanning planning, Gate gate,
    GateClosing gateClosing, Manifests manifests, RemainsCases remains, RemainsProgress remainsProgress) {

  /** How long before departure the clock closes a gate no officer closed, unless configured otherwise. */
  public static final Duration GATE_CLOSES_BEFORE = Duration.ofMinutes(20);

  /** @param senders the SMS senders notices are routed to (null: one sender named "default") */
  public static Repatriation build(Jdbi jdbi, CrisisService crises, ZoneSearch search, AuditTrail audit,
      SenderPlan senders, RepatriationSettings settings, Clock clock) {
    SenderPlan routes = senders != null ? senders : SenderPlan.single("+10000000000", 1);
    Notices notices = new Notices(routes);
    EvacuationPlanning planning = new EvacuationPlanning(jdbi, crises, settings.priority(),
        new SeatPlanner(settings.reachKm()), notices, audit, clock);
    GateClosing closing = new GateClosing(jdbi, crises, planning, notices, audit, clock,
        settings.gateClosesBefore(), settings.gateOpensBefore());
    Gate gate = new Gate(jdbi, crises, closing, audit, clock);
    return new Repatriation(new EvacuationRequests(jdbi, crises, audit),
        new RequestOpening(jdbi, crises, audit, clock), new RequestChanges(jdbi, audit, notices, clock),
        new EvacuationOrder(jdbi, crises, search, audit, clock), new EvacuationQueue(jdbi, crises, audit),
        new TransportLegs(jdbi, crises, planning, clock),
        planning, gate, closing, new Manifests(jdbi, gate, audit), new RemainsCases(jdbi, audit, clock),
        new RemainsProgress(jdbi, audit, clock));
  }
}
