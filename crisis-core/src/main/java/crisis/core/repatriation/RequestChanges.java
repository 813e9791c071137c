package crisis.core.repatriation;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.NotFoundException;
import crisis.core.common.SafeText;
import crisis.core.common.ValidationException;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.TravellerInputs.TravellerInput;
import crisis.core.repatriation.db.EvacuationDao;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Changes to an evacuation request the actor may see: who travels in it, a laissez-passer issued, the request
 * cancelled (by an officer or the citizen's SMS). Each change needs the version read, under the crisis's lock.
 */
public final class RequestChanges {
  private final Jdbi jdbi;
  private final AuditTrail audit;
  private final Notices notices;
  private final Clock clock;

  RequestChanges(Jdbi jdbi, AuditTrail audit, Notices notices, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.notices = notices;
    this.clock = clock;
  }

  /** Adds a traveller to a request still waiting or assigned (the next plan seats the household as it is then). */
  public EvacuationRequest addTraveller(Actor actor, UUID crisisId, UUID id, int expectedVersion,
      TravellerInput in) {
    EvacuationRequests.requireActor(actor);
    return change(actor, crisisId, id, expectedVersion, (h, r) -> {
      List<FieldError> errors = new ArrayList<>();
      Traveller t = TravellerInputs.traveller(h, actor, in, "", errors, clock);
      if (r.travellers().size() >= EvacuationRequests.MAX_TRAVELLERS) {
        errors.add(new FieldError("travellers", "a request holds at most " + EvacuationRequests.MAX_TRAVELLERS
            + " people"));
      }
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      if (t.registrationId() != null
          && !h.attach(EvacuationDao.class).travelling(r.crisisId(), new UUID[] {t.registrationId()}).isEmpty()) {
        throw new ConflictException("registrationId", "this person already travels in a request of this crisis");
      }
      h.attach(EvacuationDao.class).insertTravellers(List.of(Households.row(
          crisis.core.privacy.FieldCipher.of(h), r.crisisId(), r.id(), t, clock.instant())));
    });
  }

  public EvacuationRequest removeTraveller(Actor actor, UUID crisisId, UUID id, int expectedVersion,
      UUID travellerId) {
    EvacuationRequests.requireActor(actor);
    return change(actor, crisisId, id, expectedVersion, (h, r) -> {
      if (r.travellers().size() == 1) {
        throw new ConflictException("travellerId", "the last traveller cannot be removed: cancel the request");
      }
      if (h.attach(EvacuationDao.class).removeTraveller(r.id(), travellerId, clock.instant()) == 0) {
        throw new NotFoundException("traveller " + travellerId + " of request " + id);
      }
    });
  }

  /**
   * Records a laissez-passer issued to a traveller without a valid document: they may now board. Possible until the
   * household boards, at the gate too (checked in): boarding waits for it.
   */
  public EvacuationRequest issueLaissezPasser(Actor actor, UUID crisisId, UUID id, int expectedVersion,
      UUID travellerId, String number) {
    EvacuationRequests.requireActor(actor);
    if (number == null || number.isBlank() || number.length() > 40 || !SafeText.isPrintable(number)) {
      throw new ValidationException("number", "is required, at most 40 printable characters");
    }
    return change(actor, crisisId, id, expectedVersion, EnumSet.of(State.OPEN, State.ASSIGNED, State.CHECKED_IN),
        (h, r) -> {
          if (h.attach(EvacuationDao.class).issueLaissezPasser(r.id(), travellerId,
              crisis.core.privacy.FieldCipher.of(h).seal(crisis.core.privacy.FieldCipher.Field.DOCUMENT_NUMBER,
                  travellerId, number.strip())) == 0) {
            throw new NotFoundException("traveller " + travellerId + " of request " + id);
          }
        });
  }

  /** Cancels a request by a citizen's SMS or an officer; its seat (if any) goes to the waitlist at the next plan. */
  public EvacuationRequest cancel(Actor actor, UUID crisisId, UUID id, String reason) {
    EvacuationRequests.requireActor(actor);
    String why = reason == null || reason.isBlank() ? "cancelled by " + actor.username() : reason.strip();
    if (why.length() > 500 || !SafeText.isPrintable(why)) {
      throw new ValidationException("reason", "at most 500 printable characters");
    }
    return jdbi.inTransaction(h -> {
      EvacuationDao dao = h.attach(EvacuationDao.class);
      // The crisis's lock before the request's row, as every path takes them (plans, the gate): never a deadlock.
      dao.lockCrisis(crisisId);
      EvacuationRequest r = EvacuationRequests.visible(h, actor, crisisId, id, true);
      if (r.state() == State.CANCELLED) {
        return r;
      }
      if (!r.state().plannable()) {
        throw new ConflictException("state", "a request " + r.state() + " cannot be cancelled");
      }
      dao.cancelRequest(r.id(), actor.username(), why, clock.instant());
      // The household is told: its seat (if any) goes to the waitlist at the next plan.
      notices.queue(h, r, "cancelled", Notices.cancelled(r.language()), clock.instant());
      audit.record(h, actor, "EVACUATION_CANCEL", List.of(r.registrationId()), "request " + id);
      return EvacuationRequests.withTravellers(h, List.of(dao.find(r.id()).orElseThrow())).get(0);
    });
  }

  private interface Change {
    void apply(Handle h, EvacuationRequest current);
  }

  private EvacuationRequest change(Actor actor, UUID crisisId, UUID id, int expectedVersion, Change change) {
    return change(actor, crisisId, id, expectedVersion, EnumSet.of(State.OPEN, State.ASSIGNED), change);
  }

  /** A change of a request in one of the {@code allowed} states, at the version read, audited. */
  private EvacuationRequest change(Actor actor, UUID crisisId, UUID id, int expectedVersion, Set<State> allowed,
      Change change) {
    return jdbi.inTransaction(h -> {
      EvacuationDao dao = h.attach(EvacuationDao.class);
      dao.lockCrisis(crisisId);
      EvacuationRequest r = EvacuationRequests.visible(h, actor, crisisId, id, true);
      if (r.version() != expectedVersion) {
        throw new ConflictException("version", "the request is at version " + r.version() + ", not "
            + expectedVersion + ": read it again");
      }
      if (!allowed.contains(r.state())) {
        throw new ConflictException("state", "a request " + r.state() + " cannot be changed");
      }
      change.apply(h, r);
      dao.touch(r.id(), clock.instant());
      audit.record(h, actor, "EVACUATION_REQUEST_CHANGE", List.of(r.registrationId()), "request " + id);
      return EvacuationRequests.withTravellers(h, List.of(dao.find(r.id()).orElseThrow())).get(0);
    });
  }
}
