package crisis.core.repatriation;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.NotFoundException;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.CrisisStatus;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.db.EvacuationDao;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Evacuation requests as they are read: one per household and crisis. Consular officers see their consulate's
 * requests, the crisis cell all of them ({@link Actor#consulateScope}, {@link #visible}). Every read of a request is
 * audited. Opening one at a desk is {@link RequestOpening}'s, the crisis cell's order to leave
 * {@link EvacuationOrder}'s, changes and cancelling {@link RequestChanges}'.
 */
public final class EvacuationRequests {
  public static final int MAX_TRAVELLERS = 30;

  private final Jdbi jdbi;
  private final CrisisService crises;
  private final AuditTrail audit;

  EvacuationRequests(Jdbi jdbi, CrisisService crises, AuditTrail audit) {
    this.jdbi = jdbi;
    this.crises = crises;
    this.audit = audit;
  }

  public static void requireActor(Actor actor) {
    actor.require("handle evacuations", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
  }

  /** The crisis's requests the actor may see, oldest first, optionally in one state. */
  public List<EvacuationRequest> list(Actor actor, UUID crisisId, State state) {
    requireActor(actor);
    crises.get(actor, crisisId);
    return jdbi.inTransaction(h -> {
      String consulate = actor.consulateScope();
      List<EvacuationRequest> out = withTravellers(h, h.attach(EvacuationDao.class).ofCrisis(crisisId, consulate,
          state == null ? new String[0] : new String[] {state.name()}));
      audit.record(h, actor, "READ_EVACUATION_REQUESTS", out.stream().map(EvacuationRequest::registrationId)
          .toList(), "crisis " + crisisId);
      return out;
    });
  }

  public EvacuationRequest get(Actor actor, UUID crisisId, UUID id) {
    requireActor(actor);
    return jdbi.inTransaction(h -> {
      EvacuationRequest r = visible(h, actor, crisisId, id, false);
      audit.record(h, actor, "READ_EVACUATION_REQUEST", List.of(r.registrationId()), "request " + id);
      return r;
    });
  }

  /** A request of the crisis the actor may see (an officer: of its consulate), else 404. */
  static EvacuationRequest visible(Handle h, Actor actor, UUID crisisId, UUID id, boolean lock) {
    EvacuationDao dao = h.attach(EvacuationDao.class);
    EvacuationRequest r = (lock ? dao.lock(id) : dao.find(id)).filter(x -> x.crisisId().equals(crisisId))
        .filter(x -> actor.seesConsulate(x.consulateId()))
        .orElseThrow(() -> new NotFoundException("evacuation request " + id));
    return withTravellers(h, List.of(r)).get(0);
  }

  /** Requests with their active travellers. */
  public static List<EvacuationRequest> withTravellers(Handle h, List<EvacuationRequest> requests) {
    if (requests.isEmpty()) {
      return requests;
    }
    Map<UUID, List<Traveller>> by = new HashMap<>();
    h.attach(EvacuationDao.class).travellers(requests.stream().map(EvacuationRequest::id).toArray(UUID[]::new))
        .forEach(t -> by.computeIfAbsent(t.requestId(), k -> new ArrayList<>()).add(t.traveller()));
    return requests.stream().map(r -> r.withTravellers(by.getOrDefault(r.id(), List.of()))).toList();
  }

  /** The crisis, if the actor may read it and it is ACTIVE: requests are opened in an active crisis only. */
  static Crisis activeCrisis(CrisisService crises, Actor actor, UUID crisisId) {
    Crisis c = crises.get(actor, crisisId);
    if (c.status() != CrisisStatus.ACTIVE) {
      throw new ConflictException("crisis", "crisis " + crisisId + " is " + c.status() + ", not ACTIVE");
    }
    return c;
  }
}
