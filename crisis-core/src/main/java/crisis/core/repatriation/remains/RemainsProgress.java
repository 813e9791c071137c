package crisis.core.repatriation.remains;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.Json;
import crisis.core.common.SafeText;
import crisis.core.common.ValidationException;
import crisis.core.repatriation.remains.RemainsCase.BorneBy;
import crisis.core.repatriation.remains.RemainsCase.Cost;
import crisis.core.repatriation.remains.RemainsCase.DocumentKind;
import crisis.core.repatriation.remains.RemainsCase.DocumentState;
import crisis.core.repatriation.remains.RemainsCase.Status;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A case of remains moving forward ({@link RemainsCases}): its documents, its transport, its costs and its status.
 * The remains may travel only once the four documents are in hand; the status moves forward only. Every change needs
 * the version read, is recorded in the case's history and audited.
 */
public final class RemainsProgress {
  private final Jdbi jdbi;
  private final AuditTrail audit;
  private final Clock clock;

  public RemainsProgress(Jdbi jdbi, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  public record CostInput(String item, String amount, String currency, BorneBy borneBy) {}

  public RemainsCase setDocument(Actor actor, UUID id, int version, DocumentKind kind, DocumentState state,
      String reference) {
    RemainsCases.requireActor(actor);
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
    RemainsCases.requireActor(actor);
    List<FieldError> errors = new ArrayList<>();
    if (t == null) {
      throw new ValidationException("body", "is required");
    }
    String mode = RemainsCases.text(t.mode(), "mode", 40, true, errors);
    String carrier = RemainsCases.text(t.carrier(), "carrier", 200, true, errors);
    String reference = RemainsCases.text(t.reference(), "reference", 40, true, errors);
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
    RemainsCases.requireActor(actor);
    List<FieldError> errors = new ArrayList<>();
    if (in == null) {
      throw new ValidationException("body", "is required");
    }
    String item = RemainsCases.text(in.item(), "item", 200, true, errors);
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
    RemainsCases.requireActor(actor);
    if (to == null) {
      throw new ValidationException("status", "is required");
    }
    return change(actor, id, version, (h, c) -> {
      if (to.compareTo(c.status()) <= 0) {
        throw new ConflictException("status", "the case is " + c.status() + ": it moves forward only");
      }
      RemainsCase full = RemainsCases.read(h, id);
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
      RemainsCase c = RemainsCases.visible(h, actor, id, true);
      if (c.version() != version) {
        throw new ConflictException("version", "the case is at version " + c.version() + ", not " + version
            + ": read it again");
      }
      String what = change.apply(h, c);
      h.attach(RemainsDao.class).changed(id, "CHANGE", what, clock.instant(), actor.username());
      audit.record(h, actor, "REMAINS_CHANGE", c.registrationId() == null ? List.of() : List.of(c.registrationId()),
          "case " + id);
      return RemainsCases.read(h, id);
    });
  }
}
