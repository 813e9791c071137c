package crisis.core.repatriation.remains;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.NotFoundException;
import crisis.core.common.PhoneNumbers;
import crisis.core.common.SafeText;
import crisis.core.common.ValidationException;
import crisis.core.consulate.ConsulateDao;
import crisis.core.country.CountryCodes;
import crisis.core.registry.Registration;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.repatriation.remains.RemainsCase.DocumentKind;
import crisis.core.repatriation.remains.RemainsCase.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Repatriation of remains: a case per national who died abroad, opened and followed by the consulate of the country
 * of death (or the crisis cell), until the remains are handed to the family at home. Here the case is opened and
 * read (an officer: its consulate's cases only, {@link Actor#consulateScope}); its documents, transport, costs and
 * status move forward in {@link RemainsProgress}. Every read is audited.
 */
public final class RemainsCases {
  private final Jdbi jdbi;
  private final AuditTrail audit;
  private final Clock clock;

  public RemainsCases(Jdbi jdbi, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A case as opened: the deceased (a registration, or their details), where and when they died, the family
   * contact, the destination at home, and the crisis it belongs to if any.
   */
  public record CaseInput(UUID registrationId, UUID crisisId, String deceasedName, LocalDate dateOfBirth,
      LocalDate dateOfDeath, String placeOfDeath, String country, String documentNumber, String familyName,
      String familyPhone, String familyRelation, String destinationCity) {}

  static void requireActor(Actor actor) {
    actor.require("handle repatriation of remains", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
  }

  public RemainsCase open(Actor actor, CaseInput in) {
    requireActor(actor);
    if (in == null) {
      throw new ValidationException("body", "is required");
    }
    return jdbi.inTransaction(h -> {
      List<FieldError> errors = new ArrayList<>();
      Deceased d = deceased(h, actor, in, errors);
      String name = text(d.name(), "deceasedName", 200, true, errors);
      String place = text(in.placeOfDeath(), "placeOfDeath", 300, true, errors);
      String destination = text(in.destinationCity(), "destinationCity", 200, true, errors);
      String familyName = text(in.familyName(), "familyName", 200, true, errors);
      String relation = text(in.familyRelation(), "familyRelation", 100, true, errors);
      String document = text(d.document(), "documentNumber", 40, false, errors);
      PhoneNumbers.Result phone = PhoneNumbers.any(in.familyPhone());
      if (!phone.ok()) {
        errors.add(new FieldError("familyPhone", phone.error()));
      }
      LocalDate today = LocalDate.now(clock);
      if (in.dateOfDeath() == null || in.dateOfDeath().isAfter(today)) {
        errors.add(new FieldError("dateOfDeath", "is required, not in the future (YYYY-MM-DD)"));
      } else if (d.dateOfBirth() != null && d.dateOfBirth().isAfter(in.dateOfDeath())) {
        errors.add(new FieldError("dateOfBirth", "is after the date of death"));
      }
      String country = CountryCodes.normalise(in.country());
      String consulate = consulate(h, actor, d.registration(), country, errors);
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      Instant now = clock.instant();
      Registration r = d.registration();
      RemainsCase c = new RemainsCase(Ids.newId(), in.crisisId(), r == null ? null : r.id(), consulate, country,
          name, d.dateOfBirth(), in.dateOfDeath(), place, document,
          new RemainsCase.Family(familyName, phone.e164(), relation), destination, null, Status.OPENED, List.of(),
          List.of(), 1, now, actor.username(), now);
      insert(h, c, now, actor);
      audit.record(h, actor, "REMAINS_OPEN", r == null ? List.of() : List.of(r.id()), "case " + c.id());
      return read(h, c.id());
    });
  }

  /** The deceased as given, completed from their registration (one the actor may see) where a detail is missing. */
  private record Deceased(Registration registration, String name, LocalDate dateOfBirth, String document) {}

  private static Deceased deceased(Handle h, Actor actor, CaseInput in, List<FieldError> errors) {
    String name = in.deceasedName();
    LocalDate dob = in.dateOfBirth();
    String document = in.documentNumber();
    if (in.registrationId() == null) {
      return new Deceased(null, name, dob, document);
    }
    Registration r = h.attach(RegistrationDao.class).find(in.registrationId())
        .filter(x -> actor.sees(x.data().countryOfResidence())).orElse(null);
    if (r == null) {
      errors.add(new FieldError("registrationId", "no registration you may see has this id"));
      return new Deceased(null, name, dob, document);
    }
    name = name == null ? r.data().givenNameLatin() + " " + r.data().familyNameLatin() : name;
    dob = dob == null ? r.data().dateOfBirth() : dob;
    document = document == null ? (r.data().passportNumber() != null ? r.data().passportNumber()
        : r.data().nationalId()) : document;
    return new Deceased(r, name, dob, document);
  }

  /**
   * The consulate that follows the case: an officer's own; else the deceased's registration's; else the first whose
   * jurisdiction holds the country of death. The country must be the actor's to see.
   */
  private static String consulate(Handle h, Actor actor, Registration r, String country, List<FieldError> errors) {
    if (country == null) {
      errors.add(new FieldError("country", "the country of death, an ISO 3166-1 alpha-2 code, is required"));
    } else if (!actor.sees(country)) {
      errors.add(new FieldError("country", "is outside your consulate's jurisdiction"));
    }
    String consulate = actor.consulateScope() != null ? actor.consulateScope()
        : r != null ? r.data().consulateId() : country == null ? null
        : h.attach(ConsulateDao.class).firstFor(country).orElse(null);
    if (consulate == null && country != null) {
      errors.add(new FieldError("country", "no consulate has " + country + " in its jurisdiction"));
    }
    return consulate;
  }

  /** Writes the case, its four documents (none in hand yet) and the first line of its history. */
  private static void insert(Handle h, RemainsCase c, Instant now, Actor actor) {
    RemainsDao dao = h.attach(RemainsDao.class);
    dao.insert(c, crisis.core.privacy.FieldCipher.of(h).seal(crisis.core.privacy.FieldCipher.Field.DOCUMENT_NUMBER,
        c.id(), c.documentNumber()), c.family().name(), c.family().phone(), c.family().relation());
    for (DocumentKind k : DocumentKind.values()) {
      dao.insertDocument(c.id(), k.name(), now);
    }
    dao.opened(c.id(), now, actor.username());
  }

  public RemainsCase get(Actor actor, UUID id) {
    requireActor(actor);
    return jdbi.inTransaction(h -> {
      RemainsCase c = visible(h, actor, id, false);
      audit.record(h, actor, "REMAINS_READ", c.registrationId() == null ? List.of() : List.of(c.registrationId()),
          "case " + id);
      return read(h, id);
    });
  }

  public List<RemainsCase> list(Actor actor, Status status) {
    requireActor(actor);
    return jdbi.inTransaction(h -> {
      List<RemainsCase> cases = h.attach(RemainsDao.class).list(actor.consulateScope(),
          status == null ? null : status.name());
      audit.record(h, actor, "REMAINS_LIST", cases.stream().map(RemainsCase::registrationId)
          .filter(java.util.Objects::nonNull).toList(), cases.size() + " cases");
      return cases.stream().map(c -> read(h, c.id())).toList();
    });
  }

  /** A case the actor may see (an officer: of its consulate), locked when {@code lock}, else 404. */
  static RemainsCase visible(Handle h, Actor actor, UUID id, boolean lock) {
    RemainsDao dao = h.attach(RemainsDao.class);
    return (lock ? dao.lock(id) : dao.find(id))
        .filter(c -> actor.seesConsulate(c.consulateId()))
        .orElseThrow(() -> new NotFoundException("remains case " + id));
  }

  /** The case whole: with its documents and costs. */
  static RemainsCase read(Handle h, UUID id) {
    RemainsDao dao = h.attach(RemainsDao.class);
    RemainsCase c = dao.find(id).orElseThrow();
    return new RemainsCase(c.id(), c.crisisId(), c.registrationId(), c.consulateId(), c.country(), c.deceasedName(),
        c.dateOfBirth(), c.dateOfDeath(), c.placeOfDeath(), c.documentNumber(), c.family(), c.destinationCity(),
        c.transport(), c.status(), dao.documents(id), dao.costs(id), c.version(), c.createdAt(), c.createdBy(),
        c.updatedAt());
  }

  /** A text field stripped, or null with what is wrong added to {@code errors}. */
  static String text(String s, String field, int max, boolean required, List<FieldError> errors) {
    if (s == null || s.isBlank()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return null;
    }
    if (s.length() > max || !SafeText.isPrintable(s)) {
      errors.add(new FieldError(field, "at most " + max + " printable characters"));
      return null;
    }
    return s.strip();
  }
}
