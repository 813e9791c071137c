package crisis.core.repatriation;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.NotFoundException;
import crisis.core.common.PersonNames;
import crisis.core.common.SafeText;
import crisis.core.common.ValidationException;
import crisis.core.country.CountryCodes;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.CrisisStatus;
import crisis.core.crisis.CrisisZone;
import crisis.core.outreach.db.OutreachDao;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationStatus;
import crisis.core.registry.Sex;
import crisis.core.registry.ZoneSearch;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.repatriation.EvacuationRequest.Source;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.Traveller.DocumentType;
import crisis.core.repatriation.Traveller.LaissezPasser;
import crisis.core.repatriation.db.EvacuationDao;
import crisis.core.repatriation.remains.RemainsDao;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Evacuation requests: opened at a desk or on the phone, from a HELP assistance request, by SMS, or for everyone
 * inside a crisis's zones when the crisis cell orders an evacuation; one per household and crisis. Consular officers
 * see and change their jurisdiction's requests, the crisis cell all of them. Every read of a request is audited.
 */
public final class EvacuationRequests {
  public static final int MAX_TRAVELLERS = 30;

  private final Jdbi jdbi;
  private final CrisisService crises;
  private final ZoneSearch search;
  private final AuditTrail audit;
  private final Notices notices;
  private final Clock clock;

  EvacuationRequests(Jdbi jdbi, CrisisService crises, ZoneSearch search, AuditTrail audit, Notices notices,
      Clock clock) {
    this.jdbi = jdbi;
    this.crises = crises;
    this.search = search;
    this.audit = audit;
    this.notices = notices;
    this.clock = clock;
  }

  /** A person travelling with the household who is not (or not only) the registration that asked. */
  public record TravellerInput(UUID registrationId, String fullName, Sex sex, LocalDate dateOfBirth,
      String nationality, DocumentType documentType, String documentNumber, Set<SpecialNeed> needs) {}

  /**
   * A request for a registered national's household.
   *
   * @param needs the registered national's own needs (added to what their registration already says)
   * @param companions who travels with them; null: the household members of their registration
   */
  public record RequestInput(UUID registrationId, UUID assistanceRequestId, Set<SpecialNeed> needs,
      List<TravellerInput> companions, String notes) {}

  public static void requireActor(Actor actor) {
    actor.require("handle evacuations", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
  }

  /** Opens a request at a desk or from an assistance request; 409 when the household already has one. */
  public EvacuationRequest open(Actor actor, UUID crisisId, RequestInput in) {
    requireActor(actor);
    Crisis crisis = activeCrisis(actor, crisisId);
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
      Registration r = visibleRegistration(h, actor, registrationId);
      List<Traveller> travellers = new ArrayList<>();
      List<FieldError> errors = new ArrayList<>();
      travellers.add(Households.principal(r, needs(in.needs(), "needs", errors)));
      if (in.companions() == null) {
        r.data().household().forEach(m -> travellers.add(Households.member(m)));
      } else {
        for (int i = 0; i < in.companions().size(); i++) {
          Traveller t = traveller(h, actor, in.companions().get(i), "companions[" + i + "]", errors);
          if (t != null) {
            travellers.add(t);
          }
        }
      }
      String notes = notes(in.notes(), errors);
      Set<UUID> registered = new java.util.HashSet<>();
      for (int i = 0; i < travellers.size(); i++) {
        UUID id = travellers.get(i).registrationId();
        if (id != null && !registered.add(id)) {
          errors.add(new FieldError("companions[" + (i - 1) + "].registrationId",
              "travels in this request already"));
        }
      }
      if (travellers.size() > MAX_TRAVELLERS) {
        errors.add(new FieldError("companions", "at most " + (MAX_TRAVELLERS - 1) + " people travel with one"));
      }
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

  /** The answer to a bulk order: how many households got a request, and how many already had one. */
  public record Ordered(int opened, int alreadyRequested, int people) {}

  /**
   * The crisis cell orders everyone inside the crisis's zones to leave: one request per phone (people sharing a
   * phone are one household, as the alerts treat them), with every registration at that phone and their household
   * members. Households that already have a request, or whose people travel in one, are left as they are.
   */
  public Ordered orderEvacuation(Actor actor, UUID crisisId) {
    CrisisService.requireCell(actor);
    Crisis crisis = activeCrisis(actor, crisisId);
    Set<UUID> inside = new LinkedHashSet<>();
    for (CrisisZone z : crisis.zones()) {
      inside.addAll(search.ids(actor, z.zone()));
    }
    return jdbi.inTransaction(h -> {
      EvacuationDao dao = h.attach(EvacuationDao.class);
      dao.lockCrisis(crisis.id());
      UUID[] insideIds = inside.toArray(UUID[]::new);
      // Left as they are: people travelling in a request already; households that withdrew theirs (STAY: the
      // citizen decides, an order does not overrule them); nationals whose remains are being repatriated.
      Set<UUID> travelling = new java.util.HashSet<>(dao.travelling(crisis.id(), insideIds));
      Set<UUID> withdrawn = new java.util.HashSet<>(dao.withdrawn(crisis.id(), insideIds));
      Set<UUID> deceased = new java.util.HashSet<>(h.attach(RemainsDao.class).withCase(insideIds));
      Map<String, List<Registration>> byPhone = new LinkedHashMap<>();
      Set<String> alreadyRequested = new LinkedHashSet<>();
      crisis.core.registry.db.ZoneQueryDao registrations = h.attach(crisis.core.registry.db.ZoneQueryDao.class);
      List<UUID> ids = new ArrayList<>(inside);
      for (int i = 0; i < ids.size(); i += 1000) {
        for (Registration r : registrations.findAll(ids.subList(i, Math.min(ids.size(), i + 1000))
            .toArray(UUID[]::new))) {
          if (r.status() != RegistrationStatus.ACTIVE || deceased.contains(r.id())) {
            continue;
          }
          if (travelling.contains(r.id()) || withdrawn.contains(r.id())) {
            alreadyRequested.add(r.data().phone());
          } else {
            byPhone.computeIfAbsent(r.data().phone(), p -> new ArrayList<>()).add(r);
          }
        }
      }
      // A phone some of whose people already asked (or withdrew) is a household that already answered.
      alreadyRequested.forEach(byPhone::remove);
      // The households are disjoint (one per phone) and none of their people travels yet (checked above, under the
      // crisis's lock): they are written in batches.
      List<Households.Household> households = new ArrayList<>();
      for (List<Registration> household : byPhone.values()) {
        households.add(new Households.Household(household.get(0), Households.household(household)));
      }
      List<EvacuationRequest> created = Households.insertAll(h, crisis.id(), households, Source.ZONE, null, actor.username(),
          clock.instant());
      int opened = created.size();
      int already = alreadyRequested.size() + households.size() - opened;
      int people = created.stream().mapToInt(q -> q.travellers().size()).sum();
      audit.record(h, actor, "EVACUATION_ORDER", List.of(), "crisis " + crisisId + ": " + opened
          + " households, " + people + " people");
      return new Ordered(opened, already, people);
    });
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

  /** Adds a traveller to a request still waiting or assigned (the next plan seats the household as it is then). */
  public EvacuationRequest addTraveller(Actor actor, UUID crisisId, UUID id, int expectedVersion,
      TravellerInput in) {
    requireActor(actor);
    return change(actor, crisisId, id, expectedVersion, (h, r) -> {
      List<FieldError> errors = new ArrayList<>();
      Traveller t = traveller(h, actor, in, "", errors);
      if (r.travellers().size() >= MAX_TRAVELLERS) {
        errors.add(new FieldError("travellers", "a request holds at most " + MAX_TRAVELLERS + " people"));
      }
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      if (t.registrationId() != null
          && !h.attach(EvacuationDao.class).travelling(r.crisisId(), new UUID[] {t.registrationId()}).isEmpty()) {
        throw new ConflictException("registrationId", "this person already travels in a request of this crisis");
      }
      h.attach(EvacuationDao.class).insertTravellers(List.of(Households.row(r.crisisId(), r.id(), t, clock.instant())));
    });
  }

  public EvacuationRequest removeTraveller(Actor actor, UUID crisisId, UUID id, int expectedVersion,
      UUID travellerId) {
    requireActor(actor);
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
    requireActor(actor);
    if (number == null || number.isBlank() || number.length() > 40 || !SafeText.isPrintable(number)) {
      throw new ValidationException("number", "is required, at most 40 printable characters");
    }
    return change(actor, crisisId, id, expectedVersion, EnumSet.of(State.OPEN, State.ASSIGNED, State.CHECKED_IN),
        (h, r) -> {
          if (h.attach(EvacuationDao.class).issueLaissezPasser(r.id(), travellerId, number.strip()) == 0) {
            throw new NotFoundException("traveller " + travellerId + " of request " + id);
          }
        });
  }

  /** Cancels a request by a citizen's SMS or an officer; its seat (if any) goes to the waitlist at the next plan. */
  public EvacuationRequest cancel(Actor actor, UUID crisisId, UUID id, String reason) {
    requireActor(actor);
    String why = reason == null || reason.isBlank() ? "cancelled by " + actor.username() : reason.strip();
    if (why.length() > 500 || !SafeText.isPrintable(why)) {
      throw new ValidationException("reason", "at most 500 printable characters");
    }
    return jdbi.inTransaction(h -> {
      EvacuationDao dao = h.attach(EvacuationDao.class);
      // The crisis's lock before the request's row, as every path takes them (plans, the gate): never a deadlock.
      dao.lockCrisis(crisisId);
      EvacuationRequest r = visible(h, actor, crisisId, id, true);
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
      return withTravellers(h, List.of(dao.find(r.id()).orElseThrow())).get(0);
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
      EvacuationRequest r = visible(h, actor, crisisId, id, true);
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
      return withTravellers(h, List.of(dao.find(r.id()).orElseThrow())).get(0);
    });
  }

  /** A request of the crisis the actor may see (an officer: of its consulate), else 404. */
  private EvacuationRequest visible(Handle h, Actor actor, UUID crisisId, UUID id, boolean lock) {
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

  private Crisis activeCrisis(Actor actor, UUID crisisId) {
    Crisis c = crises.get(actor, crisisId);
    if (c.status() != CrisisStatus.ACTIVE) {
      throw new ConflictException("crisis", "crisis " + crisisId + " is " + c.status() + ", not ACTIVE");
    }
    return c;
  }

  private static Registration visibleRegistration(Handle h, Actor actor, UUID id) {
    return h.attach(RegistrationDao.class).find(id)
        .filter(r -> r.status() == RegistrationStatus.ACTIVE && actor.sees(r.data().countryOfResidence())
            && actor.seesConsulate(r.data().consulateId()))
        .orElseThrow(() -> new NotFoundException("registration " + id));
  }

  private Traveller traveller(Handle h, Actor actor, TravellerInput in, String prefix, List<FieldError> errors) {
    String p = prefix.isEmpty() ? "" : prefix + ".";
    if (in == null) {
      errors.add(new FieldError(prefix, "is required"));
      return null;
    }
    Set<SpecialNeed> needs = needs(in.needs(), p + "needs", errors);
    if (in.registrationId() != null) {
      try {
        Registration r = visibleRegistration(h, actor, in.registrationId());
        return Households.principal(r, needs);
      } catch (NotFoundException e) {
        errors.add(new FieldError(p + "registrationId", "no active registration you may see has this id"));
        return null;
      }
    }
    String name = in.fullName();
    if (name == null || name.isBlank() || name.length() > 200 || !SafeText.isPrintable(name)) {
      errors.add(new FieldError(p + "fullName", "is required, at most 200 printable characters"));
    } else if (PersonNames.problem(name) != null) {
      errors.add(new FieldError(p + "fullName", PersonNames.problem(name)));
    }
    if (in.dateOfBirth() != null && in.dateOfBirth().isAfter(LocalDate.now(clock))) {
      errors.add(new FieldError(p + "dateOfBirth", "is in the future"));
    }
    String nationality = CountryCodes.normalise(in.nationality());
    if (nationality == null) {
      errors.add(new FieldError(p + "nationality", "must be an ISO 3166-1 alpha-2 country code"));
    }
    DocumentType type = in.documentType() == null ? DocumentType.NONE : in.documentType();
    String number = in.documentNumber() == null || in.documentNumber().isBlank() ? null : in.documentNumber().strip();
    if (type != DocumentType.NONE && (number == null || number.length() > 40 || !SafeText.isPrintable(number))) {
      errors.add(new FieldError(p + "documentNumber", "is required with a document, at most 40 printable characters"));
    }
    if (type == DocumentType.NONE && number != null) {
      errors.add(new FieldError(p + "documentNumber", "is given without a documentType"));
    }
    if (!errors.isEmpty()) {
      return null;
    }
    return new Traveller(Ids.newId(), null, name.strip(), null, in.sex(), in.dateOfBirth(), nationality, type, number,
        needs, type == DocumentType.NONE ? LaissezPasser.REQUIRED : LaissezPasser.NOT_NEEDED);
  }

  /** A set of needs as sent (null: none); an unreadable element is refused naming the field. */
  private static Set<SpecialNeed> needs(Set<SpecialNeed> in, String field, List<FieldError> errors) {
    if (in == null) {
      return Set.of();
    }
    if (in.stream().anyMatch(java.util.Objects::isNull)) {
      errors.add(new FieldError(field, "each need is one of " + java.util.Arrays.toString(SpecialNeed.values())));
      return Set.of();
    }
    return in;
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
