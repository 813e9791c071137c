package crisis.core.registry;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.Ids;
import crisis.core.common.NotFoundException;
import crisis.core.common.Page;
import crisis.core.common.PageRequest;
import crisis.core.privacy.FieldCipher;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.registry.db.RegistrationRow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Registrations citizens declared themselves (issue 34): checked as an officer's record is, written ACTIVE so that a
 * crisis reaches them at once, and PENDING until an officer of their consulate confirms them. Recorded in the audit
 * trail as {@value #BY}.
 */
public final class PendingRegistrations {
  /** Who writes a citizen's declaration, in {@code created_by} and the audit trail. */
  public static final String BY = "citizen";
  private static final Actor CITIZEN = new Actor(BY, crisis.core.access.Role.CRISIS_CELL, null, null, "citizen");

  private final Jdbi jdbi;
  private final RegistrationValidator validator;
  private final AuditTrail audit;
  private final Clock clock;

  public PendingRegistrations(Jdbi jdbi, RegistrationValidator validator, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.validator = validator;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A declaration checked by the registry's rules, normalised; nothing written.
   *
   * @throws crisis.core.common.ValidationException naming each field that breaks a rule
   */
  public RegistrationData check(RegistrationData declared) {
    return validator.validate(declared);
  }

  /**
   * Writes a checked declaration, pending, in the caller's transaction: its id; or empty when the registry already
   * holds the same person (by the duplicate rules), which is audited ({@code DECLARED_AGAIN}, naming that record)
   * and writes nothing else: the citizen is told the same either way.
   */
  public Optional<UUID> declare(Handle h, RegistrationData checked) {
    RegistrationDao dao = h.attach(RegistrationDao.class);
    UUID id = Ids.newId();
    // One declaration pending per phone: a household declares together; more would only fill the officer's queue.
    Optional<UUID> waiting = dao.pendingAt(checked.phone());
    if (waiting.isPresent()) {
      audit.record(h, CITIZEN, "DECLARED_AGAIN", List.of(waiting.get()), "a declaration of this phone is pending");
      return Optional.empty();
    }
    try {
      RegistrationService.rejectDuplicate(dao, id, checked);
    } catch (DuplicateRegistrationException e) {
      return again(h, e);
    }
    Instant now = clock.instant();
    Registration r = new Registration(id, checked, RegistrationStatus.ACTIVE, null, 1, now, BY, now, BY,
        Confirmation.PENDING);
    FieldCipher cipher = FieldCipher.of(h);
    h.savepoint("declare");
    try {
      dao.insert(RegistrationRow.of(r, ContentHash.of(cipher, checked), BY, cipher));
    } catch (RuntimeException e) {
      // The same person declared at the same moment by another request: told the same as any person already held.
      if (!crisis.core.common.ErrorFacts.sqlState(e).filter(crisis.core.common.ErrorFacts.UNIQUE_VIOLATION::equals)
          .isPresent()) {
        throw e;
      }
      h.rollbackToSavepoint("declare");
      return again(h, new DuplicateRegistrationException(null, "declared at the same moment"));
    }
    h.releaseSavepoint("declare");
    audit.record(h, CITIZEN, "DECLARE", List.of(id), null);
    return Optional.of(id);
  }

  private Optional<UUID> again(Handle h, DuplicateRegistrationException e) {
    audit.record(h, CITIZEN, "DECLARED_AGAIN", e.existingId() == null ? List.of() : List.of(e.existingId()),
        "matched on " + e.rule());
    return Optional.empty();
  }

  /** The pending registrations an officer sees (their consulate's; every one for the crisis cell), oldest first. */
  public Page<Registration> list(Actor actor, int offset, int limit) {
    RegistrationService.requireReader(actor);
    PageRequest page = PageRequest.of(offset, limit);
    return jdbi.inTransaction(h -> {
      RegistrationDao dao = h.attach(RegistrationDao.class);
      List<Registration> items = dao.pendingIds(actor.consulateScope(), page.offset(), page.limit()).stream()
          .map(id -> dao.find(id).orElseThrow()).toList();
      audit.record(h, actor, "READ_PENDING", items.stream().map(Registration::id).toList(), null);
      return new Page<>(items, dao.pendingCount(actor.consulateScope()), page.offset(), page.limit());
    });
  }

  /**
   * An officer confirms a declaration: the record stays as it is and stops being pending.
   *
   * @throws NotFoundException not a registration the officer sees
   * @throws ConflictException not pending (confirmed already, merged or archived)
   */
  public Registration confirm(Actor actor, UUID id) {
    RegistrationService.requireWriter(actor);
    return jdbi.inTransaction(h -> {
      Registration r = requirePending(h, actor, id);
      if (h.attach(RegistrationDao.class).confirm(id, clock.instant(), actor.username()) != 1) {
        throw new ConflictException("status", "the registration is not pending confirmation");
      }
      audit.record(h, actor, "CONFIRM", List.of(id), null);
      return h.attach(RegistrationDao.class).find(id).orElseThrow();
    });
  }

  /**
   * A pending registration the officer may decide on, locked in the caller's transaction.
   *
   * @throws NotFoundException not a registration the officer sees
   * @throws ConflictException not pending (confirmed already, merged or archived)
   */
  public Registration requirePending(Handle h, Actor actor, UUID id) {
    RegistrationService.requireWriter(actor);
    RegistrationDao dao = h.attach(RegistrationDao.class);
    // Locked: a confirmation and a refusal at once decide one after the other, the second seeing the first's outcome.
    Registration r = dao.lock(id).filter(x -> actor.seesConsulate(x.data().consulateId())
        && actor.sees(x.data().countryOfResidence())).orElseThrow(() -> new NotFoundException("registration " + id));
    if (r.status() != RegistrationStatus.ACTIVE || r.confirmation() != Confirmation.PENDING) {
      throw new ConflictException("status", "the registration is not pending confirmation");
    }
    return r;
  }

}
