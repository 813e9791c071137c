package crisis.core.repatriation.remains;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.Json;
import crisis.core.common.NotFoundException;
import crisis.core.common.PhoneNumbers;
import crisis.core.common.SafeText;
import crisis.core.common.ValidationException;
import crisis.core.consulate.ConsulateDao;
import crisis.core.country.CountryCodes;
import crisis.core.registry.Registration;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.repatriation.remains.RemainsCase.BorneBy;
import crisis.core.repatriation.remains.RemainsCase.Cost;
import crisis.core.repatriation.remains.RemainsCase.DocumentKind;
import crisis.core.repatriation.remains.RemainsCase.DocumentState;
import crisis.core.repatriation.remains.RemainsCase.Status;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Repatriation of remains: a case per national who died abroad, opened and followed by the consulate of the country
 * of death (or the crisis cell), until the remains are handed to the family at home. The remains may travel only
 * once the four documents are in hand; the status moves forward only. Every read is audited, every change recorded
 * in the case's history; changes need the version read.
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

  public record CostInput(String item, String amount, String currency, BorneBy borneBy) {}

  private static void requireActor(Actor actor) {
    actor.require("handle repatriation of remains", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
  }

  public RemainsCase open(Actor actor, CaseInput in) {
    requireActor(actor);
    if (in == null) {
      throw new ValidationException("body", "is required");
    }
    return jdbi.inTransaction(h -> {
      List<FieldError> errors = new ArrayList<>();
      Registration r = null;
      String name = in.deceasedName();
      LocalDate dob = in.dateOfBirth();
      String document = in.documentNumber();
      if (in.registrationId() != null) {
        r = h.attach(RegistrationDao.class).find(in.registrationId())
            .filter(x -> actor.sees(x.data().countryOfResidence())).orElse(null);
        if (r == null) {
          errors.add(new FieldError("registrationId", "no registration you may see has this id"));
        } else {
          name = name == null ? r.data().givenNameLatin() + " " + r.data().familyNameLatin() : name;
          dob = dob == null ? r.data().dateOfBirth() : dob;
          document = document == null ? (r.data().passportNumber() != null ? r.data().passportNumber()
              : r.data().nationalId()) : document;
        }
      }
      name = text(name, "deceasedName", 200, true, errors);
      String place = text(in.placeOfDeath(), "placeOfDeath", 300, true, errors);
      String destination = text(in.destinationCity(), "destinationCity", 200, true, errors);
      String familyName = text(in.familyName(), "familyName", 200, true, errors);
      String relation = text(in.familyRelation(), "familyRelation", 100, true, errors);
      document = text(document, "documentNumber", 40, false, errors);
      PhoneNumbers.Result phone = PhoneNumbers.any(in.familyPhone());
      if (!phone.ok()) {
        errors.add(new FieldError("familyPhone", phone.error()));
      }
      LocalDate today = LocalDate.now(clock);
      if (in.dateOfDeath() == null || in.dateOfDeath().isAfter(today)) {
        errors.add(new FieldError("dateOfDeath", "is required, not in the future (YYYY-MM-DD)"));
      } else if (dob != null && dob.isAfter(in.dateOfDeath())) {
        errors.add(new FieldError("dateOfBirth", "is after the date of death"));
      }
      String country = CountryCodes.normalise(in.country());
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
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      Instant now = clock.instant();
      RemainsCase c = new RemainsCase(Ids.newId(), in.crisisId(), r == null ? null : r.id(), consulate, country,
          name, dob, in.dateOfDeath(), place, document, new RemainsCase.Family(familyName, phone.e164(), relation),
          destination, null, Status.OPENED, List.of(), List.of(), 1, now, actor.username(), now);
      RemainsDao dao = h.attach(RemainsDao.class);
      dao.insert(c, familyName, phone.e164(), relation);
      for (DocumentKind k : DocumentKind.values()) {
        dao.insertDocument(c.id(), k.name(), now);
      }
      dao.opened(c.id(), now, actor.username());
      audit.record(h, actor, "REMAINS_OPEN", r == null ? List.of() : List.of(r.id()), "case " + c.id());
      return read(h, c.id());
    });
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

  public RemainsCase setDocument(Actor actor, UUID id, int version, DocumentKind kind, DocumentState state,
      String reference) {
    requireActor(actor);
    if (kind == null || state == null) {
      throw new ValidationException(kind == null ? "kind" : "state", "is required");
    }
    String ref = reference == null || reference.isBlank() ? null : reference.strip();
    if (ref != null && (ref.length() > 100 || !SafeText.isPrintable(ref))) {
      throw new ValidationException("reference", "at most 100 printable characters");
    }
    return change(actor, id, version, (h, c) -> {
      if (c.status().compareTo(Status.CLEARED_FOR_TRANSPORT) >= 0 && !state.inHand()) {
        throw new ConflictException("state", "the remains were cleared for transport: a document in hand stays so");
      }
      RemainsDao dao = h.attach(RemainsDao.class);
      dao.setDocument(id, kind.name(), state.name(), ref, clock.instant());
      if (c.status() == Status.OPENED) {
        dao.setStatus(id, Status.DOCUMENTS_IN_PROGRESS.name());
      }
      return kind + " " + state + (ref == null ? "" : " " + ref);
    });
  }

  public RemainsCase setTransport(Actor actor, UUID id, int version, RemainsCase.Transport t) {
    requireActor(actor);
    List<FieldError> errors = new ArrayList<>();
    if (t == null) {
      throw new ValidationException("body", "is required");
    }
    String mode = text(t.mode(), "mode", 40, true, errors);
    String carrier = text(t.carrier(), "carrier", 200, true, errors);
    String reference = text(t.reference(), "reference", 40, true, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return change(actor, id, version, (h, c) -> {
      h.attach(RemainsDao.class).setTransport(id, Json.write(new RemainsCase.Transport(mode, carrier, reference,
          t.departsAt())));
      return mode + " " + carrier + " " + reference;
    });
  }

  public RemainsCase addCost(Actor actor, UUID id, int version, CostInput in) {
    requireActor(actor);
    List<FieldError> errors = new ArrayList<>();
    if (in == null) {
      throw new ValidationException("body", "is required");
    }
    String item = text(in.item(), "item", 200, true, errors);
    BigDecimal amount = null;
    try {
      amount = in.amount() == null ? null : new BigDecimal(in.amount().strip()).setScale(2);
    } catch (NumberFormatException | ArithmeticException e) {
      amount = null;
    }
    if (amount == null || amount.signum() < 0 || amount.precision() > 12) {
      errors.add(new FieldError("amount", "a decimal amount such as \"1250.00\", at least 0, at most 2 decimals"));
    }
    String currency = in.currency() == null ? null : in.currency().strip().toUpperCase(java.util.Locale.ROOT);
    try {
      Currency.getInstance(currency == null ? "" : currency);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("currency", "an ISO 4217 code such as MAD or EUR"));
    }
    if (in.borneBy() == null) {
      errors.add(new FieldError("borneBy", "FAMILY, STATE, INSURER, EMPLOYER or OTHER"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    BigDecimal a = amount;
    return change(actor, id, version, (h, c) -> {
      h.attach(RemainsDao.class).insertCost(id, new Cost(Ids.newId(), item, a, currency, in.borneBy(),
          clock.instant(), actor.username()), in.borneBy().name());
      return item + " " + a + " " + currency + " " + in.borneBy();
    });
  }

  /** Moves the case forward; the remains travel only with every document in hand, and a transport recorded. */
  public RemainsCase advance(Actor actor, UUID id, int version, Status to) {
    requireActor(actor);
    if (to == null) {
      throw new ValidationException("status", "is required");
    }
    return change(actor, id, version, (h, c) -> {
      if (to.compareTo(c.status()) <= 0) {
        throw new ConflictException("status", "the case is " + c.status() + ": it moves forward only");
      }
      RemainsCase full = read(h, id);
      if (to.compareTo(Status.CLEARED_FOR_TRANSPORT) >= 0) {
        List<String> missing = full.documents().stream().filter(d -> !d.state().inHand())
            .map(d -> d.kind().name()).toList();
        if (!missing.isEmpty()) {
          throw new ConflictException("documents", "not in hand yet: " + String.join(", ", missing));
        }
      }
      if (to.compareTo(Status.IN_TRANSIT) >= 0 && full.transport() == null) {
        throw new ConflictException("transport", "record the transport first");
      }
      h.attach(RemainsDao.class).setStatus(id, to.name());
      return c.status() + " -> " + to;
    });
  }

  private interface Change {
    String apply(Handle h, RemainsCase current);
  }

  private RemainsCase change(Actor actor, UUID id, int version, Change change) {
    return jdbi.inTransaction(h -> {
      RemainsCase c = visible(h, actor, id, true);
      if (c.version() != version) {
        throw new ConflictException("version", "the case is at version " + c.version() + ", not " + version
            + ": read it again");
      }
      String what = change.apply(h, c);
      h.attach(RemainsDao.class).changed(id, "CHANGE", what, clock.instant(), actor.username());
      audit.record(h, actor, "REMAINS_CHANGE", c.registrationId() == null ? List.of() : List.of(c.registrationId()),
          "case " + id);
      return read(h, id);
    });
  }

  private static RemainsCase visible(Handle h, Actor actor, UUID id, boolean lock) {
    RemainsDao dao = h.attach(RemainsDao.class);
    return (lock ? dao.lock(id) : dao.find(id))
        .filter(c -> actor.seesConsulate(c.consulateId()))
        .orElseThrow(() -> new NotFoundException("remains case " + id));
  }

  private static RemainsCase read(Handle h, UUID id) {
    RemainsDao dao = h.attach(RemainsDao.class);
    RemainsCase c = dao.find(id).orElseThrow();
    return new RemainsCase(c.id(), c.crisisId(), c.registrationId(), c.consulateId(), c.country(), c.deceasedName(),
        c.dateOfBirth(), c.dateOfDeath(), c.placeOfDeath(), c.documentNumber(), c.family(), c.destinationCity(),
        c.transport(), c.status(), dao.documents(id), dao.costs(id), c.version(), c.createdAt(), c.createdBy(),
        c.updatedAt());
  }

  private static String text(String s, String field, int max, boolean required, List<FieldError> errors) {
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
