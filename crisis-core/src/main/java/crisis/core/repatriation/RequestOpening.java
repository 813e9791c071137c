package crisis.core.repatriation;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.NotFoundException;
import crisis.core.common.SafeText;
import crisis.core.common.ValidationException;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisService;
import crisis.core.outreach.db.OutreachDao;
import crisis.core.registry.Registration;
import crisis.core.repatriation.EvacuationRequest.Source;
import crisis.core.repatriation.TravellerInputs.TravellerInput;
import crisis.core.repatriation.db.EvacuationDao;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Opening an evacuation request at a desk or on the phone, or from a HELP assistance request: one per household and
 * crisis, for a registered national the officer may see and who travels with them.
 */
public final class RequestOpening {
  private final Jdbi jdbi;
  private final CrisisService crises;
  private final AuditTrail audit;
  private final Clock clock;

  RequestOpening(Jdbi jdbi, CrisisService crises, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.crises = crises;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A request for a registered national's household.
   *
   * @param needs the registered national's own needs (added to what their registration already says)
   * @param companions who travels with them; null: the household members of their registration
   */
  public record RequestInput(UUID registrationId, UUID assistanceRequestId, Set<SpecialNeed> needs,
      List<TravellerInput> companions, String notes) {}

  /** Opens a request at a desk or from an assistance request; 409 when the household already has one. */
  public EvacuationRequest open(Actor actor, UUID crisisId, RequestInput in) {
    EvacuationRequests.requireActor(actor);
    Crisis crisis = EvacuationRequests.activeCrisis(crises, actor, crisisId);
    return jdbi.inTransaction(h -> {
      Source source = Source.DESK;
      UUID registrationId = in.registrationId();
      if (in.assistanceRequestId() != null) {
        registrationId = h.attach(OutreachDao.class).assistanceRegistration(in.assistanceRequestId(), crisis.id())
            .orElseThrow(() -> new NotFoundException("assistance request " + in.assistanceRequestId()
                + " of crisis " + crisisId));
        source = Source.ASSISTANCE;
      }
      if (registrationId == null) {
        throw new ValidationException("registrationId", "is required (or assistanceRequestId)");
      }
      Registration r = TravellerInputs.visibleRegistration(h, actor, registrationId);
      List<FieldError> errors = new ArrayList<>();
      List<Traveller> travellers = travellers(h, actor, r, in, errors);
      String notes = notes(in.notes(), errors);
      checkHousehold(travellers, errors);
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      EvacuationDao dao = h.attach(EvacuationDao.class);
      dao.lockCrisis(crisis.id());
      EvacuationRequest created = Households.insert(h, crisis.id(), r, source, notes, travellers, actor.username(),
          clock.instant());
      if (created == null) {
        throw new ConflictException("registrationId", "this household already has an evacuation request in "
            + "this crisis, or one of its people travels in another");
      }
      audit.record(h, actor, "EVACUATION_REQUEST", travellers.stream().map(Traveller::registrationId)
          .filter(java.util.Objects::nonNull).toList(), "crisis " + crisisId + " " + source);
      return created;
    });
  }

  /**
   * The household as asked: the registered national, then their companions as given (null: the household members of
   * their registration), each checked; what is wrong is added to {@code errors}.
   */
  private List<Traveller> travellers(Handle h, Actor actor, Registration r, RequestInput in,
      List<FieldError> errors) {
    List<Traveller> travellers = new ArrayList<>();
    travellers.add(Households.principal(r, TravellerInputs.needs(in.needs(), "needs", errors)));
    if (in.companions() == null) {
      r.data().household().forEach(m -> travellers.add(Households.member(m)));
    } else {
      for (int i = 0; i < in.companions().size(); i++) {
        Traveller t = TravellerInputs.traveller(h, actor, in.companions().get(i), "companions[" + i + "]", errors,
            clock);
        if (t != null) {
          travellers.add(t);
        }
      }
    }
    return travellers;
  }

  /** Nobody registered travels twice in the request, and it holds at most {@link EvacuationRequests#MAX_TRAVELLERS}. */
  private static void checkHousehold(List<Traveller> travellers, List<FieldError> errors) {
    Set<UUID> registered = new java.util.HashSet<>();
    for (int i = 0; i < travellers.size(); i++) {
      UUID id = travellers.get(i).registrationId();
      if (id != null && !registered.add(id)) {
        errors.add(new FieldError("companions[" + (i - 1) + "].registrationId",
            "travels in this request already"));
      }
    }
    if (travellers.size() > EvacuationRequests.MAX_TRAVELLERS) {
      errors.add(new FieldError("companions", "at most " + (EvacuationRequests.MAX_TRAVELLERS - 1)
          + " people travel with one"));
    }
  }

  private static String notes(String notes, List<FieldError> errors) {
    if (notes == null || notes.isBlank()) {
      return null;
    }
    if (notes.length() > 2000 || !SafeText.isPrintable(notes.replace('\n', ' '))) {
      errors.add(new FieldError("notes", "at most 2000 printable characters"));
    }
    return notes.strip();
  }
}
