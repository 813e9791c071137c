package crisis.core.repatriation;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.FieldError;
import crisis.core.common.Json;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisService;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.db.EvacuationDao;
import crisis.core.repatriation.db.GateDao;
import crisis.core.repatriation.db.LegDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The gate of a leg, for consular officers at an assembly point on a bad connection: batches of operations, each
 * with an id the device generated. Each operation runs on its own (one refused does not undo the others) under the
 * crisis's planning lock; its answer is stored under its id, so a batch sent again is answered from what was done
 * and never counts twice, and two devices checking in the same person make one check-in.
 */
public final class Gate {
  public static final int MAX_BATCH = 500;

  private final Jdbi jdbi;
  private final CrisisService crises;
  private final EvacuationPlanning planning;
  private final AuditTrail audit;
  private final Clock clock;
  private final Duration closesBefore;
  private final Duration opensBefore;
  private final Departure departure;

  /** Who closes gates on time when no officer did. */
  static final Actor GATE_CLOCK = Actor.system("gate-clock");

  /** @param closesBefore how long before departure the clock closes a gate no officer closed */
  /**
   * @param closesBefore how long before departure the clock closes a gate no officer closed
   * @param opensBefore from how long before departure a gate may be closed or the leg marked departed
   */
  Gate(Jdbi jdbi, CrisisService crises, EvacuationPlanning planning, Notices notices, AuditTrail audit, Clock clock,
      Duration closesBefore, Duration opensBefore) {
    this.closesBefore = closesBefore;
    this.opensBefore = opensBefore;
    this.departure = new Departure(planning, notices);
    this.jdbi = jdbi;
    this.crises = crises;
    this.planning = planning;
    this.audit = audit;
    this.clock = clock;
  }

  public enum Type {
    /** Checks in a household (by boarding code) or one traveller (by traveller id or document number). */
    CHECK_IN,
    /**
     * Boards checked-in travellers, the same way. A household boards together: refused while one of its travellers
     * is not checked in or still waits for a laissez-passer.
     */
    BOARD,
    /**
     * The gate closes: households of the leg with nobody checked in are no-shows, and their seats re-planned. The
     * server's clock does it a set time before departure if no officer did.
     */
    CLOSE,
    /**
     * The leg left, and everyone on it is settled: households aboard stay BOARDED; those nobody of whom checked in are
     * no-shows; those checked in who did not board go back to the waitlist; travellers of a household partly aboard
     * who did not board get a request of their own on the waitlist. All are told, and the crisis is re-planned.
     */
    DEPART,
    /** The leg arrived home: its boarded households have arrived. */
    ARRIVE
  }

  /** One operation from a device. Exactly one of the identifiers for CHECK_IN and BOARD. */
  public record Operation(UUID id, Type type, String boardingCode, UUID travellerId, String documentNumber) {}

  public enum Outcome { DONE, ALREADY_DONE, REFUSED }

  /** What an operation did; {@code replayed} when it was answered from an earlier sending. */
  public record Answer(UUID id, Type type, Outcome outcome, String message, List<UUID> travellers,
      boolean replayed) {}

  public List<Answer> apply(Actor actor, UUID legId, List<Operation> operations) {
    actor.require("work at a gate", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
    check(operations);
    View view = legFor(actor, legId);
    TransportLeg leg = view.leg();
    Crisis crisis = crises.get(actor, leg.crisisId());
    List<Answer> out = new ArrayList<>();
    boolean[] closedInBatch = {false};
    for (Operation op : operations) {
      out.add(jdbi.inTransaction(h -> {
        h.attach(EvacuationDao.class).lockCrisis(leg.crisisId());
        GateDao gate = h.attach(GateDao.class);
        Optional<GateDao.Done> before = gate.answered(op.id());
        if (before.isPresent()) {
          GateDao.Done done = before.get();
          if (!done.legId().equals(legId) || done.kind() != op.type()) {
            // Never the other operation's answer (it may name people of another leg), never silently not done.
            return refused(op, "operation id " + op.id() + " was already used for another operation: the device "
                + "must generate a new id");
          }
          Answer a = Json.read(done.result(), Answer.class);
          return new Answer(a.id(), a.type(), a.outcome(), a.message(), a.travellers(), true);
        }
        Answer a;
        if (op.type() == Type.CLOSE && closedInBatch[0]) {
          // Once per batch: a device that sends CLOSE again in one batch does not re-plan the crisis again.
          a = new Answer(op.id(), op.type(), Outcome.ALREADY_DONE, "closed by an earlier operation of this batch",
              List.of(), false);
        } else {
          a = run(h, actor, crisis, view, op);
        }
        closedInBatch[0] |= op.type() == Type.CLOSE && a.outcome() == Outcome.DONE;
        gate.record(op.id(), legId, op.type(), Json.write(a), clock.instant(), actor.username());
        audit.record(h, actor, "GATE_" + op.type(), List.of(), "leg " + legId + ": " + a.outcome());
        return a;
      }));
    }
    return out;
  }

  /**
   * A leg as an actor may work its gate: the whole of it (the crisis cell, and the consular officer the cell named
   * to run it), or only the households of the officer's own consulate (an officer of a country of one of its points,
   * or with households of its consulate aboard): each officer sees and acts on its own consulate's households only,
   * on any leg they are on.
   */
  record View(TransportLeg leg, boolean whole, String consulateId) {
    boolean covers(EvacuationRequest r) {
      return whole || r.consulateId().equals(consulateId);
    }
  }

  /** The leg as the actor may work its gate; 404 for an officer with nothing to do with it. */
  View legFor(Actor actor, UUID legId) {
    return jdbi.withHandle(h -> {
      TransportLeg leg = TransportLegs.withPoints(h, List.of(h.attach(LegDao.class).find(legId)
          .orElseThrow(() -> new NotFoundException("leg " + legId)))).get(0);
      if (!mayWork(actor, leg, h.attach(LegDao.class).consulatesAboard(legId))) {
        throw new NotFoundException("leg " + legId);
      }
      boolean whole = actor.role() != Role.CONSULAR_OFFICER || actor.username().equals(leg.gateOfficer());
      return new View(leg, whole, whole ? null : actor.consulateId());
    });
  }

  /**
   * The one rule of who works a leg's gate (its list of legs follows it too): the crisis cell; the officer named to
   * run it; an officer of a country of one of its points; an officer whose consulate has households aboard.
   *
   * @param consulatesAboard the consulates of the households with a seat on the leg
   */
  static boolean mayWork(Actor actor, TransportLeg leg, java.util.Collection<String> consulatesAboard) {
    return actor.role() != Role.CONSULAR_OFFICER || actor.username().equals(leg.gateOfficer())
        || leg.points().stream().anyMatch(p -> actor.sees(p.country()))
        || consulatesAboard.contains(actor.consulateId());
  }

  private Answer run(Handle h, Actor actor, Crisis crisis, View view, Operation op) {
    UUID legId = view.leg().id();
    // Its state now, under its row lock (its points, which the operations do not need, were read with the view).
    TransportLeg leg = h.attach(LegDao.class).lock(legId).orElseThrow();
    Instant now = clock.instant();
    return switch (op.type()) {
      case CHECK_IN, BOARD -> {
        if (leg.state() != TransportLeg.State.PLANNED && leg.state() != TransportLeg.State.BOARDING) {
          yield refused(op, "leg " + leg.reference() + " is " + leg.state());
        }
        Found f = find(h, crisis.id(), legId, op);
        if (f.refusal == null && !view.covers(f.request)) {
          f = notFound(op);  // another consulate's household: as if it were not there
        }
        if (f.refusal != null) {
          yield refused(op, f.refusal);
        }
        yield op.type() == Type.CHECK_IN ? checkIn(h, actor, leg, f, op, now) : board(h, actor, leg, f, op, now);
      }
      case CLOSE, DEPART, ARRIVE -> {
        String refusal = mayRun(view, leg, op.type(), now);
        yield refusal != null ? refused(op, refusal) : runLeg(h, actor, crisis, leg, op, now);
      }
    };
  }

  /**
   * Why the actor may not close, depart or arrive the leg now, or null: only the crisis cell and the leg's gate
   * officer do, and closing and departing only from {@code gateOpensBefore} before departure (not days ahead).
   */
  private String mayRun(View view, TransportLeg leg, Type type, Instant now) {
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

  private Answer runLeg(Handle h, Actor actor, Crisis crisis, TransportLeg leg, Operation op, Instant now) {
    UUID legId = leg.id();
    EvacuationDao dao = h.attach(EvacuationDao.class);
    return switch (op.type()) {
      case CHECK_IN, BOARD -> throw new IllegalArgumentException(op.type() + " is not a leg operation");
      case CLOSE -> {
        Closing c = close(h, actor, crisis, leg, now);
        yield new Answer(op.id(), op.type(), Outcome.DONE, c.noShows().size() + " households did not come; "
            + c.notified() + " households notified of a seat", c.noShows(), false);
      }
      case DEPART -> {
        if (leg.state() == TransportLeg.State.DEPARTED || leg.state() == TransportLeg.State.ARRIVED) {
          yield new Answer(op.id(), op.type(), Outcome.ALREADY_DONE, "leg is " + leg.state(), List.of(), false);
        }
        if (leg.state() == TransportLeg.State.CANCELLED) {
          yield refused(op, "leg is CANCELLED");
        }
        h.attach(LegDao.class).setState(legId, TransportLeg.State.DEPARTED.name(), now);
        Departure.Settled s = departure.settle(h, actor, crisis, leg, now);
        yield new Answer(op.id(), op.type(), Outcome.DONE, "departed: " + s.summary(), s.unsettled(), false);
      }
      case ARRIVE -> {
        if (leg.state() == TransportLeg.State.ARRIVED) {
          yield new Answer(op.id(), op.type(), Outcome.ALREADY_DONE, "leg has arrived", List.of(), false);
        }
        if (leg.state() != TransportLeg.State.DEPARTED) {
          yield refused(op, "leg is " + leg.state() + ": it arrives after it has departed");
        }
        h.attach(LegDao.class).setState(legId, TransportLeg.State.ARRIVED.name(), now);
        List<UUID> arrived = dao.onLeg(legId).stream().filter(r -> r.state() == State.BOARDED)
            .map(EvacuationRequest::id).toList();
        dao.setState(arrived.toArray(UUID[]::new), State.ARRIVED.name(), now);
        yield new Answer(op.id(), op.type(), Outcome.DONE, arrived.size() + " households arrived", arrived, false);
      }
    };
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

  /** Checks in the travellers found; the household is checked in with its first one. */
  private Answer checkIn(Handle h, Actor actor, TransportLeg leg, Found f, Operation op, Instant now) {
    GateDao gate = h.attach(GateDao.class);
    List<UUID> done = new ArrayList<>();
    for (Traveller t : f.travellers) {
      if (gate.checkIn(t.id(), leg.id(), now, actor.username()) == 1) {
        done.add(t.id());
      }
    }
    if (!done.isEmpty()) {
      if (f.request.state() == State.ASSIGNED) {
        h.attach(EvacuationDao.class).setState(new UUID[] {f.request.id()}, State.CHECKED_IN.name(), now);
      }
      startBoarding(h, leg, now);
    }
    return new Answer(op.id(), op.type(), done.isEmpty() ? Outcome.ALREADY_DONE : Outcome.DONE,
        done.size() + " checked in", done, false);
  }

  /**
   * Boards the travellers found. A household boards together or not at all: nobody of it boards while one of its
   * travellers is not checked in or still needs a laissez-passer (the refusal names them, so the officer can record
   * the document or check them in). The household is BOARDED when all its travellers are.
   */
  private Answer board(Handle h, Actor actor, TransportLeg leg, Found f, Operation op, Instant now) {
    GateDao gate = h.attach(GateDao.class);
    java.util.Map<UUID, GateDao.Passage> passages = new java.util.HashMap<>();
    gate.passages(leg.id()).forEach(p -> passages.put(p.travellerId(), p));
    List<String> blocking = new ArrayList<>();
    for (Traveller t : f.request.travellers()) {
      if (!t.mayBoard()) {
        blocking.add(t.fullName() + " needs a laissez-passer before boarding");
      } else if (!passages.containsKey(t.id())) {
        blocking.add(t.fullName() + " is not checked in");
      }
    }
    if (!blocking.isEmpty()) {
      return refused(op, "the household boards together; " + String.join("; ", blocking));
    }
    List<UUID> done = new ArrayList<>();
    for (Traveller t : f.travellers) {
      if (gate.board(t.id(), leg.id(), now, actor.username()) == 1) {
        done.add(t.id());
      }
    }
    long aboard = f.request.travellers().stream()
        .filter(t -> done.contains(t.id()) || passages.get(t.id()).boardedAt() != null).count();
    if (aboard == f.request.travellers().size()) {
      h.attach(EvacuationDao.class).setState(new UUID[] {f.request.id()}, State.BOARDED.name(), now);
    }
    return new Answer(op.id(), op.type(), done.isEmpty() ? Outcome.ALREADY_DONE : Outcome.DONE,
        done.size() + " boarded" + (aboard < f.request.travellers().size()
            ? "; " + (f.request.travellers().size() - aboard) + " of the household still to board" : ""),
        done, false);
  }

  private static void startBoarding(Handle h, TransportLeg leg, Instant now) {
    if (leg.state() == TransportLeg.State.PLANNED) {
      h.attach(LegDao.class).setState(leg.id(), TransportLeg.State.BOARDING.name(), now);
    }
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

  private record Found(EvacuationRequest request, List<Traveller> travellers, String refusal) {}

  private static Found find(Handle h, UUID crisisId, UUID legId, Operation op) {
    EvacuationDao dao = h.attach(EvacuationDao.class);
    if (op.boardingCode() != null) {
      String code = op.boardingCode().strip().toUpperCase(Locale.ROOT);
      EvacuationRequest r = dao.byBoardingCode(crisisId, code).orElse(null);
      if (r == null) {
        return new Found(null, List.of(), "no household has boarding code " + code);
      }
      if (!r.assignment().legId().equals(legId)) {
        return new Found(null, List.of(), "boarding code " + code + " is for another leg");
      }
      r = EvacuationRequests.withTravellers(h, List.of(r)).get(0);
      return new Found(r, r.travellers(), null);
    }
    for (EvacuationRequest r : EvacuationRequests.withTravellers(h, dao.onLeg(legId))) {
      for (Traveller t : r.travellers()) {
        if (t.id().equals(op.travellerId()) || (op.documentNumber() != null && t.documentNumber() != null
            && t.documentNumber().equalsIgnoreCase(op.documentNumber().strip()))) {
          return new Found(r, List.of(t), null);
        }
      }
    }
    return notFound(op);
  }

  /** The answer when nobody the operation names has a seat on the leg (or none the actor may see). */
  private static Found notFound(Operation op) {
    if (op.boardingCode() != null) {
      return new Found(null, List.of(), "no household has boarding code "
          + op.boardingCode().strip().toUpperCase(Locale.ROOT));
    }
    return new Found(null, List.of(), "nobody with this " + (op.travellerId() != null ? "traveller id"
        : "document number") + " has a seat on this leg");
  }

  private static Answer refused(Operation op, String why) {
    return new Answer(op.id(), op.type(), Outcome.REFUSED, why, List.of(), false);
  }

  private static void check(List<Operation> operations) {
    List<FieldError> errors = new ArrayList<>();
    if (operations == null || operations.isEmpty() || operations.size() > MAX_BATCH) {
      throw new ValidationException("operations", "1 to " + MAX_BATCH + " operations are required");
    }
    java.util.Set<UUID> ids = new java.util.HashSet<>();
    for (int i = 0; i < operations.size(); i++) {
      Operation op = operations.get(i);
      String f = "operations[" + i + "]";
      if (op == null) {
        errors.add(new FieldError(f, "is required"));
        continue;
      }
      if (op.id() == null) {
        errors.add(new FieldError(f + ".id", "is required: a UUID the device generates for the operation"));
      } else if (!ids.add(op.id())) {
        errors.add(new FieldError(f + ".id", "appears twice in the batch"));
      }
      if (op.type() == null) {
        errors.add(new FieldError(f + ".type", "is required: CHECK_IN, BOARD, CLOSE, DEPART or ARRIVE"));
      } else if (op.type() == Type.CHECK_IN || op.type() == Type.BOARD) {
        int given = (op.boardingCode() == null ? 0 : 1) + (op.travellerId() == null ? 0 : 1)
            + (op.documentNumber() == null ? 0 : 1);
        if (given != 1) {
          errors.add(new FieldError(f, "give exactly one of boardingCode, travellerId, documentNumber"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }
}
