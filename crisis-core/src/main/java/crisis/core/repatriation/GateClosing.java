package crisis.core.repatriation;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisService;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.Gate.Answer;
import crisis.core.repatriation.Gate.Operation;
import crisis.core.repatriation.Gate.Outcome;
import crisis.core.repatriation.Gate.Type;
import crisis.core.repatriation.db.EvacuationDao;
import crisis.core.repatriation.db.LegDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The end of a leg's gate ({@link Gate}'s CLOSE, DEPART and ARRIVE, by the crisis cell or the leg's gate officer): the
 * gate closes (its no-shows' seats re-planned), the leg departs (everyone on it settled, {@link Departure}) and
 * arrives. The server's clock closes, as the crisis cell would, the gates no officer closed in time ({@link #closeDue}).
 */
public final class GateClosing {
  /** Who closes gates on time when no officer did. */
  static final Actor GATE_CLOCK = Actor.system("gate-clock");

  private final Jdbi jdbi;
  private final CrisisService crises;
  private final EvacuationPlanning planning;
  private final Departure departure;
  private final AuditTrail audit;
  private final Clock clock;
  private final Duration closesBefore;
  private final Duration opensBefore;

  /**
   * @param closesBefore how long before departure the clock closes a gate no officer closed
   * @param opensBefore from how long before departure a gate may be closed or the leg marked departed
   */
  GateClosing(Jdbi jdbi, CrisisService crises, EvacuationPlanning planning, Notices notices, AuditTrail audit,
      Clock clock, Duration closesBefore, Duration opensBefore) {
    this.jdbi = jdbi;
    this.crises = crises;
    this.planning = planning;
    this.departure = new Departure(planning, notices);
    this.audit = audit;
    this.clock = clock;
    this.closesBefore = closesBefore;
    this.opensBefore = opensBefore;
  }

  /** A CLOSE, DEPART or ARRIVE on the leg, locked, in the operation's transaction. */
  Answer run(Handle h, Actor actor, Crisis crisis, Gate.View view, TransportLeg leg, Operation op, Instant now) {
    String refusal = mayRun(view, leg, op.type(), now);
    if (refusal != null) {
      return Gate.refused(op, refusal);
    }
    return switch (op.type()) {
      case CHECK_IN, BOARD -> throw new IllegalArgumentException(op.type() + " is not a leg operation");
      case CLOSE -> {
        Closing c = close(h, actor, crisis, leg, now);
        yield new Answer(op.id(), op.type(), Outcome.DONE, c.noShows().size() + " households did not come; "
            + c.notified() + " households notified of a seat", c.noShows(), false);
      }
      case DEPART -> depart(h, actor, crisis, leg, op, now);
      case ARRIVE -> arrive(h, leg, op, now);
    };
  }

  /**
   * Why the actor may not close, depart or arrive the leg now, or null: only the crisis cell and the leg's gate
   * officer do, and closing and departing only from {@code gateOpensBefore} before departure (not days ahead).
   */
  private String mayRun(Gate.View view, TransportLeg leg, Type type, Instant now) {
    if (!view.whole()) {
      return "only the crisis cell or the leg's gate officer"
          + (leg.gateOfficer() == null ? "" : " (" + leg.gateOfficer() + ")") + " can close its gate, or mark it "
          + "departed or arrived";
    }
    if (type != Type.ARRIVE && now.isBefore(leg.departsAt().minus(opensBefore))) {
      return "the gate of " + leg.reference() + " opens " + opensBefore.toHours() + " hours before departure, at "
          + leg.departsAt().minus(opensBefore);
    }
    return null;
  }

  private Answer depart(Handle h, Actor actor, Crisis crisis, TransportLeg leg, Operation op, Instant now) {
    if (leg.state() == TransportLeg.State.DEPARTED || leg.state() == TransportLeg.State.ARRIVED) {
      return new Answer(op.id(), op.type(), Outcome.ALREADY_DONE, "leg is " + leg.state(), List.of(), false);
    }
    if (leg.state() == TransportLeg.State.CANCELLED) {
      return Gate.refused(op, "leg is CANCELLED");
    }
    h.attach(LegDao.class).setState(leg.id(), TransportLeg.State.DEPARTED.name(), now);
    Departure.Settled s = departure.settle(h, actor, crisis, leg, now);
    return new Answer(op.id(), op.type(), Outcome.DONE, "departed: " + s.summary(), s.unsettled(), false);
  }

  private static Answer arrive(Handle h, TransportLeg leg, Operation op, Instant now) {
    if (leg.state() == TransportLeg.State.ARRIVED) {
      return new Answer(op.id(), op.type(), Outcome.ALREADY_DONE, "leg has arrived", List.of(), false);
    }
    if (leg.state() != TransportLeg.State.DEPARTED) {
      return Gate.refused(op, "leg is " + leg.state() + ": it arrives after it has departed");
    }
    h.attach(LegDao.class).setState(leg.id(), TransportLeg.State.ARRIVED.name(), now);
    EvacuationDao dao = h.attach(EvacuationDao.class);
    List<UUID> arrived = dao.onLeg(leg.id()).stream().filter(r -> r.state() == State.BOARDED)
        .map(EvacuationRequest::id).toList();
    dao.setState(arrived.toArray(UUID[]::new), State.ARRIVED.name(), now);
    return new Answer(op.id(), op.type(), Outcome.DONE, arrived.size() + " households arrived", arrived, false);
  }

  /** What closing a gate did: the households that did not come, and how many were told of a seat instead. */
  private record Closing(List<UUID> noShows, int notified) {}

  /**
   * Closes the gate in the caller's transaction: the leg's households with nobody checked in are no-shows (told
   * their seats are gone), and the crisis is re-planned so that their seats go to the next households on the
   * waitlist, who are told by SMS.
   */
  private Closing close(Handle h, Actor actor, Crisis crisis, TransportLeg leg, Instant now) {
    List<UUID> noShows = departure.markNoShows(h, leg, now);
    h.attach(LegDao.class).closeGate(leg.id(), now);
    EvacuationPlanning.Result plan = planning.plan(h, actor, crisis);
    return new Closing(noShows, plan.notified());
  }

  /**
   * Closes, as the crisis cell would, the gate of every leg leaving within {@code closesBefore} whose gate is still
   * open; each leg in its own transaction under its crisis's planning lock. Run by the server's clock every few
   * seconds; an officer can close a gate earlier with a CLOSE operation.
   *
   * @return the number of gates closed
   */
  public int closeDue() {
    Instant now = clock.instant();
    List<TransportLeg> due = jdbi.withHandle(h -> h.attach(LegDao.class).gatesDue(now.plus(closesBefore)));
    int closed = 0;
    for (TransportLeg leg : due) {
      Crisis crisis = crises.get(GATE_CLOCK, leg.crisisId());
      boolean done = jdbi.inTransaction(h -> {
        h.attach(EvacuationDao.class).lockCrisis(leg.crisisId());
        LegDao legs = h.attach(LegDao.class);
        TransportLeg locked = legs.lock(leg.id()).orElseThrow();
        if (legs.gateClosed(leg.id())
            || (locked.state() != TransportLeg.State.PLANNED && locked.state() != TransportLeg.State.BOARDING)) {
          return false;  // closed by an officer, or cancelled, since it was read
        }
        Closing c = close(h, GATE_CLOCK, crisis, locked, clock.instant());
        audit.record(h, GATE_CLOCK, "GATE_CLOSE", List.of(), "leg " + leg.id() + ": " + c.noShows().size()
            + " households did not come, " + c.notified() + " notified of a seat");
        return true;
      });
      closed += done ? 1 : 0;
    }
    return closed;
  }
}
