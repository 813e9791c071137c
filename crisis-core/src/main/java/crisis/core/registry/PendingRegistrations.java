package crisis.core.registry;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.ErrorFacts;
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
  /** The citizen as the audit trail and the change history name them (no staff role of theirs). */
  public static final Actor CITIZEN = new Actor(BY, crisis.core.access.Role.CRISIS_CELL, null, null, "citizen");

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
      if (!ErrorFacts.sqlState(e).filter(ErrorFacts.UNIQUE_VIOLATION::equals).isPresent()) {
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

  /**
   * A record a pending declaration may be the same person as: by which rule (a duplicate rule, or only the same
   * phone), confirmed or pending. Its id and consulate are given only when the officer may see the record (its
   * country is in their jurisdiction, as for reading it); otherwise only that it exists elsewhere.
   */
  public record PossibleDuplicate(UUID id, String rule, Confirmation confirmation, String consulateId) {}

  /** A declaration in the queue, with the records it may duplicate. */
  public record Pending(Registration registration, List<PossibleDuplicate> possibleDuplicates) {}

  /**
   * The pending registrations an officer sees (their consulate's; every one for the crisis cell), oldest first, each
   * with its possible duplicates. The reading is audited with the records named; a match the officer may not see
   * is audited {@code DUPLICATE_HIDDEN}.
   */
  public Page<Pending> list(Actor actor, int offset, int limit) {
    RegistrationService.requireReader(actor);
    PageRequest page = PageRequest.of(offset, limit);
    return jdbi.inTransaction(h -> {
      RegistrationDao dao = h.attach(RegistrationDao.class);
      List<Pending> items = new java.util.ArrayList<>();
      List<UUID> read = new java.util.ArrayList<>();
      List<UUID> hidden = new java.util.ArrayList<>();
      for (UUID id : dao.pendingIds(actor.consulateScope(), page.offset(), page.limit())) {
        Registration r = dao.find(id).orElseThrow();
        read.add(id);
        List<PossibleDuplicate> matches = new java.util.ArrayList<>();
        for (RegistrationDao.Match m : dao.matches(id)) {
          boolean visible = actor.sees(m.countryOfResidence());
          (visible ? read : hidden).add(m.id());
          matches.add(new PossibleDuplicate(visible ? m.id() : null, m.rule(),
              m.confirmation(), visible ? m.consulateId() : null));
        }
        items.add(new Pending(r, List.copyOf(matches)));
      }
      audit.record(h, actor, "READ_PENDING", read, null);
      if (!hidden.isEmpty()) {
        audit.record(h, actor, "DUPLICATE_HIDDEN", hidden, "possible duplicates of pending declarations");
      }
      return new Page<>(items, dao.pendingCount(actor.consulateScope()), page.offset(), page.limit());
    });
  }

  /**
   * An officer confirms a declaration: the record stays as it is and stops being pending; other declarations of the
   * same person are superseded by it.
   *
   * @throws NotFoundException not a registration the officer sees
   * @throws ConflictException not pending (confirmed already, merged or archived)
   * @throws DuplicateRegistrationException a confirmed record holds the same person: merge the declaration into it
   */
  public Registration confirm(Actor actor, UUID id) {
    RegistrationService.requireWriter(actor);
    try {
      return jdbi.inTransaction(h -> {
        Registration r = requirePending(h, actor, id);
        RegistrationDao dao = h.attach(RegistrationDao.class);
        RegistrationService.rejectDuplicate(dao, id, r.data());
        Instant now = clock.instant();
        if (dao.confirm(id, now, actor.username()) != 1) {
          throw new ConflictException("status", "the registration is not pending confirmation");
        }
        audit.record(h, actor, "CONFIRM", List.of(id), null);
        supersede(h, audit, actor, "api", now);
        return dao.find(id).orElseThrow();
      });
    } catch (DuplicateRegistrationException e) {
      throw jdbi.inTransaction(h -> RegistrationService.disclose(h, audit, actor, e));
    } catch (RuntimeException e) {
      if (!ErrorFacts.sqlState(e).filter(ErrorFacts.UNIQUE_VIOLATION::equals).isPresent()) {
        throw e;
      }
      // A record of the same person confirmed at the same moment: told as the check would have.
      throw jdbi.inTransaction(h -> {
        Registration r = h.attach(RegistrationDao.class).find(id).orElseThrow();
        try {
          RegistrationService.rejectDuplicate(h.attach(RegistrationDao.class), id, r.data());
        } catch (DuplicateRegistrationException d) {
          return RegistrationService.disclose(h, audit, actor, d);
        }
        return new DuplicateRegistrationException(null, "confirmed at the same moment");
      });
    }
  }

  /**
   * Retires each pending declaration of a person a confirmed record now holds (an officer registered or confirmed
   * them: an identity number with the same birth date and family name, or the phone with name and birth date; see
   * {@link RegistrationDao#superseded}): merged into that record, with both change rows, audited {@code SUPERSEDE} as
   * the writer's act. Every write that makes or changes a confirmed record calls it in its own transaction, after its
   * write, so that the person is alerted once, by the consulate's record. Returns how many were retired.
   */
  public static int supersede(Handle h, AuditTrail audit, Actor actor, String via, Instant now) {
    RegistrationDao dao = h.attach(RegistrationDao.class);
    List<RegistrationDao.Superseded> found = dao.superseded();
    for (RegistrationDao.Superseded s : found) {
      dao.retire(s.pending(), RegistrationStatus.MERGED.name(), s.kept(), now, actor.username());
      dao.recordChange(s.pending(), s.pendingVersion() + 1, "MERGED_INTO", new String[] {"status"}, null, s.kept(),
          via, actor.username(), now);
      dao.recordChange(s.kept(), s.keptVersion(), "MERGED_FROM", new String[0], null, s.pending(), via,
          actor.username(), now);
      audit.record(h, actor, "SUPERSEDE", List.of(s.kept(), s.pending()), "matched on " + s.rule());
    }
    return found.size();
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
