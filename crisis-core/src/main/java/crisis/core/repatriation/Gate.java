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
import crisis.core.repatriation.db.EvacuationDao;
import crisis.core.repatriation.db.GateDao;
import crisis.core.repatriation.db.LegDao;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The gate of a leg, for consular officers at an assembly point on a bad connection: batches of operations, each
 * with an id the device generated. Each operation runs on its own (one refused does not undo the others) under the
 * crisis's planning lock; its answer is stored under its id, so a batch sent again is answered from what was done
 * and never counts twice, and two devices checking in the same person make one check-in. Checking in and boarding
 * are {@link Boarding}'s; closing, departure and arrival {@link GateClosing}'s; who works a gate is here
 * ({@link #mayWork}).
 */
public final class Gate {
  public static final int MAX_BATCH = 500;

  private final Jdbi jdbi;
  private final CrisisService crises;
  private final GateClosing closing;
  private final AuditTrail audit;
  private final Clock clock;

  Gate(Jdbi jdbi, CrisisService crises, GateClosing closing, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.crises = crises;
    this.closing = closing;
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

  /**
   * What an operation did; {@code replayed} when it was answered from an earlier sending. {@code reasons}: the
   * message's sentences (a refusal names each traveller held back), each with its code and parameters.
   */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = "reasons", allowGetters = true)
  public record Answer(UUID id, Type type, Outcome outcome, String message, List<UUID> travellers,
      boolean replayed) {

    @com.fasterxml.jackson.annotation.JsonProperty("reasons")
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    public List<crisis.core.common.FieldError> reasons() {
      return message == null ? List.of() : java.util.Arrays.stream(message.split("; "))
          .map(sentence -> new crisis.core.common.FieldError(null, sentence)).toList();
    }
  }

  public List<Answer> apply(Actor actor, UUID legId, List<Operation> operations) {
    actor.require("work at a gate", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
    check(operations);
    View view = legFor(actor, legId);
    Crisis crisis = crises.get(actor, view.leg().crisisId());
    List<Answer> out = new ArrayList<>();
    boolean[] closedInBatch = {false};
    for (Operation op : operations) {
      out.add(jdbi.inTransaction(h -> {
        h.attach(EvacuationDao.class).lockCrisis(view.leg().crisisId());
        Answer a = applyOne(h, actor, crisis, view, op, closedInBatch[0]);
        // An answer replayed from an earlier sending closed nothing in this batch.
        closedInBatch[0] |= op.type() == Type.CLOSE && a.outcome() == Outcome.DONE && !a.replayed();
        return a;
      }));
    }
    return out;
  }

  /**
   * One operation, in its transaction under the crisis's lock: answered from its earlier sending if there was one,
   * else run, its answer stored under its id and audited.
   */
  private Answer applyOne(Handle h, Actor actor, Crisis crisis, View view, Operation op, boolean closedInBatch) {
    UUID legId = view.leg().id();
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
    if (op.type() == Type.CLOSE && closedInBatch) {
      // Once per batch: a device that sends CLOSE again in one batch does not re-plan the crisis again.
      a = new Answer(op.id(), op.type(), Outcome.ALREADY_DONE, "closed by an earlier operation of this batch",
          List.of(), false);
    } else {
      a = run(h, actor, crisis, view, op);
    }
    gate.record(op.id(), legId, op.type(), Json.write(a), clock.instant(), actor.username());
    audit.record(h, actor, "GATE_" + op.type(), List.of(), "leg " + legId + ": " + a.outcome());
    return a;
  }

  /**
   * A leg as an actor may work its gate: the whole of it (the crisis cell, and the consular officer the cell named
   * to run it), or only the households of the officer's own consulate (an officer of a country of one of its points,
   * or with households of its consulate aboard): each officer sees and acts on its own consulate's households only,
   * on any leg they are on.
   */
  record View(TransportLeg leg, boolean whole, Actor actor) {
    boolean covers(EvacuationRequest r) {
      return whole || actor.seesConsulate(r.consulateId());
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
      return new View(leg, actor.seesEveryConsulate() || actor.username().equals(leg.gateOfficer()), actor);
    });
  }

  /**
   * The one rule of who works a leg's gate (its list of legs follows it too): the crisis cell; the officer named to
   * run it; an officer of a country of one of its points; an officer whose consulate has households aboard.
   *
   * @param consulatesAboard the consulates of the households with a seat on the leg
   */
  static boolean mayWork(Actor actor, TransportLeg leg, java.util.Collection<String> consulatesAboard) {
    return actor.seesEveryConsulate() || actor.username().equals(leg.gateOfficer())
        || leg.points().stream().anyMatch(p -> actor.sees(p.country()))
        || consulatesAboard.stream().anyMatch(actor::seesConsulate);
  }

  private Answer run(Handle h, Actor actor, Crisis crisis, View view, Operation op) {
    // Its state now, under its row lock (its points, which the operations do not need, were read with the view).
    TransportLeg leg = h.attach(LegDao.class).lock(view.leg().id()).orElseThrow();
    Instant now = clock.instant();
    return switch (op.type()) {
      case CHECK_IN, BOARD -> Boarding.run(h, actor, crisis, view, leg, op, now);
      case CLOSE, DEPART, ARRIVE -> closing.run(h, actor, crisis, view, leg, op, now);
    };
  }

  static Answer refused(Operation op, String why) {
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
