package crisis.core.repatriation;

import crisis.core.access.Actor;
import crisis.core.crisis.Crisis;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.Gate.Answer;
import crisis.core.repatriation.Gate.Operation;
import crisis.core.repatriation.Gate.Outcome;
import crisis.core.repatriation.Gate.Type;
import crisis.core.repatriation.db.EvacuationDao;
import crisis.core.repatriation.db.GateDao;
import crisis.core.repatriation.db.LegDao;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Checking in and boarding at the gate ({@link Gate}'s CHECK_IN and BOARD), in the operation's transaction: the
 * household or traveller the operation names is found on the leg (among the households the officer may see), checked
 * in, and boarded together.
 */
final class Boarding {
  private Boarding() {}

  /** A CHECK_IN or BOARD on the leg, locked, while it is PLANNED or BOARDING. */
  static Answer run(Handle h, Actor actor, Crisis crisis, Gate.View view, TransportLeg leg, Operation op,
      Instant now) {
    if (leg.state() != TransportLeg.State.PLANNED && leg.state() != TransportLeg.State.BOARDING) {
      return Gate.refused(op, "leg " + leg.reference() + " is " + leg.state());
    }
    Found f = find(h, crisis.id(), leg.id(), op);
    if (f.refusal == null && !view.covers(f.request)) {
      f = notFound(op);  // another consulate's household: as if it were not there
    }
    if (f.refusal != null) {
      return Gate.refused(op, f.refusal);
    }
    return op.type() == Type.CHECK_IN ? checkIn(h, actor, leg, f, op, now) : board(h, actor, leg, f, op, now);
  }

  /** Checks in the travellers found; the household is checked in with its first one. */
  private static Answer checkIn(Handle h, Actor actor, TransportLeg leg, Found f, Operation op, Instant now) {
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
  private static Answer board(Handle h, Actor actor, TransportLeg leg, Found f, Operation op, Instant now) {
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
      return Gate.refused(op, "the household boards together; " + String.join("; ", blocking));
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
}
