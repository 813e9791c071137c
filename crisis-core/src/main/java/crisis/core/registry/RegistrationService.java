package crisis.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.Ids;
import crisis.core.common.Json;
import crisis.core.common.NotFoundException;
import crisis.core.common.Page;
import crisis.core.common.PageRequest;
import crisis.core.common.ValidationException;
import crisis.core.country.CountryCodes;
import crisis.core.privacy.FieldCipher;
import crisis.core.registry.db.DuplicateMatch;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.registry.db.RegistrationRow;
import crisis.core.registry.db.SealedPrevious;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The consular registry: create, read, update, archive, merge and list registrations, with jurisdiction rules,
 * duplicate detection, change history and the audit trail. Each write is one transaction with its history and
 * audit rows. Thread-safe.
 */
public final class RegistrationService {
  public static final int MAX_PAGE = 500;
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final Jdbi jdbi;
  private final RegistrationValidator validator;
  private final AuditTrail audit;
  private final Clock clock;

  public RegistrationService(Jdbi jdbi, RegistrationValidator validator, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.validator = validator;
    this.audit = audit;
    this.clock = clock;
  }

  public Registration create(Actor actor, RegistrationData input) {
    RegistrationData data = validator.validate(authoriseWrite(actor, input));
    Instant now = Instant.now(clock);
    Registration r = new Registration(Ids.newId(), data, RegistrationStatus.ACTIVE, null, 1, now,
        actor.username(), now, actor.username());
    return writing(actor, r.id(), data, () -> jdbi.inTransaction(h -> {
      RegistrationDao dao = h.attach(RegistrationDao.class);
      rejectDuplicate(dao, r.id(), data);
      FieldCipher cipher = FieldCipher.of(h);
      dao.insert(RegistrationRow.of(r, ContentHash.of(cipher, data), via(actor), cipher));
      audit.record(h, actor, "CREATE", List.of(r.id()), null);
      PendingRegistrations.supersede(h, audit, actor, via(actor), now);
      return r;
    }));
  }

  public Registration get(Actor actor, UUID id) {
    requireReader(actor);
    return jdbi.inTransaction(h -> {
      Registration r = visible(actor, h.attach(RegistrationDao.class).find(id).orElse(null), id);
      audit.record(h, actor, "READ", List.of(id), null);
      return r;
    });
  }

  /**
   * Replaces a registration's content if {@code expectedVersion} is still current. An update that changes nothing
   * returns the record as it is, without a new version.
   */
  public Registration update(Actor actor, UUID id, int expectedVersion, RegistrationData input) {
    // The record's consulate as it is now, when the actor may see it. Had the record changed since (moved), its
    // version would have too, and the version check under the lock refuses the update.
    String kept = jdbi.withExtension(RegistrationDao.class, dao -> dao.find(id))
        .filter(r -> actor.sees(r.data().countryOfResidence())).map(r -> r.data().consulateId()).orElse(null);
    RegistrationData data = validator.validate(authoriseWrite(actor, input, kept));
    return writing(actor, id, data, () -> jdbi.inTransaction(h -> {
      RegistrationDao dao = h.attach(RegistrationDao.class);
      Registration current = visible(actor, dao.lock(id).orElse(null), id);
      requireActive(current);
      if (current.version() != expectedVersion) {
        throw new ConflictException("version", "the registration is at version " + current.version()
            + ", not " + expectedVersion + ": read it again and reapply the change");
      }
      Instant now = Instant.now(clock);
      Registration next = applyUpdate(dao, actor, current, data, via(actor), now);
      audit.record(h, actor, next == current ? "UPDATE_UNCHANGED" : "UPDATE", List.of(id), null);
      if (next != current && next.confirmation() == Confirmation.CONFIRMED) {
        PendingRegistrations.supersede(h, audit, actor, via(actor), now);
      }
      return next;
    }));
  }

  /**
   * Writes new content over a locked, active, visible registration, with its change row; returns {@code current}
   * itself when nothing changed. The caller holds the row lock, has validated {@code data} and audits.
   */
  public static Registration applyUpdate(RegistrationDao dao, Actor actor, Registration current,
      RegistrationData data, String via, Instant now) {
    return applyUpdate(dao, actor, current, data, via, now, true);
  }

  /**
   * As {@link #applyUpdate(RegistrationDao, Actor, Registration, RegistrationData, String, Instant)}; without the
   * duplicate check when {@code checkDuplicates} is false, for a record pending confirmation that its citizen changes
   * (the caller made it pending first): a declaration is nobody's duplicate, and a refusal would tell its writer
   * that somebody holds those numbers.
   */
  public static Registration applyUpdate(RegistrationDao dao, Actor actor, Registration current,
      RegistrationData data, String via, Instant now, boolean checkDuplicates) {
    Map<String, JsonNode> previous = changedFields(current.data(), data);
    if (previous.isEmpty()) {
      dao.refreshContentHash(current.id(), ContentHash.of(FieldCipher.of(dao.getHandle()), data));
      return current;
    }
    if (checkDuplicates) {
      rejectDuplicate(dao, current.id(), data);
    }
    Registration next = new Registration(current.id(), data, RegistrationStatus.ACTIVE, null,
        current.version() + 1, current.createdAt(), current.createdBy(), now, actor.username(),
        current.confirmation());
    FieldCipher cipher = FieldCipher.of(dao.getHandle());
    if (dao.update(RegistrationRow.of(next, ContentHash.of(cipher, data), via, cipher), current.version()) != 1) {
      throw new ConflictException("version", "the registration changed while it was being updated");
    }
    dao.recordChange(current.id(), next.version(), "UPDATED", previous.keySet().toArray(String[]::new),
        Json.write(SealedPrevious.seal(cipher, current.id(), previous)), null, via, actor.username(), now);
    return next;
  }

  /** Takes a registration out of alerts and lists, keeping it and its history; the reason is recorded. */
  public Registration archive(Actor actor, UUID id, String reason) {
    requireWriter(actor);
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      throw new ValidationException("reason", "is required, at most 500 characters");
    }
    return jdbi.inTransaction(h -> {
      RegistrationDao dao = h.attach(RegistrationDao.class);
      Registration current = visible(actor, dao.lock(id).orElse(null), id);
      requireActive(current);
      Instant now = Instant.now(clock);
      dao.retire(id, RegistrationStatus.ARCHIVED.name(), null, now, actor.username());
      dao.recordChange(id, current.version() + 1, "ARCHIVED", new String[] {"status"},
          Json.write(Map.of("status", RegistrationStatus.ACTIVE, "reason", reason.strip())), null, via(actor), actor.username(), now);
      audit.record(h, actor, "ARCHIVE", List.of(id), null);
      return dao.find(id).orElseThrow();
    });
  }

  /**
   * Merges {@code duplicateId} into {@code survivorId}: the duplicate is marked MERGED and points at the survivor,
   * whose history from then on includes the duplicate's. The survivor's content is not changed.
   */
  public Registration merge(Actor actor, UUID survivorId, UUID duplicateId) {
    requireWriter(actor);
    if (survivorId.equals(duplicateId)) {
      throw new ValidationException("duplicateId", "must name another registration than the one kept");
    }
    return jdbi.inTransaction(h -> {
      RegistrationDao dao = h.attach(RegistrationDao.class);
      // Lock in id order so two opposite merges cannot deadlock.
      boolean survivorFirst = survivorId.compareTo(duplicateId) < 0;
      Registration first = dao.lock(survivorFirst ? survivorId : duplicateId).orElse(null);
      Registration second = dao.lock(survivorFirst ? duplicateId : survivorId).orElse(null);
      Registration survivor = visible(actor, survivorFirst ? first : second, survivorId);
      Registration duplicate = visible(actor, survivorFirst ? second : first, duplicateId);
      requireActive(survivor);
      requireActive(duplicate);
      Instant now = Instant.now(clock);
      dao.retire(duplicateId, RegistrationStatus.MERGED.name(), survivorId, now, actor.username());
      dao.recordChange(duplicateId, duplicate.version() + 1, "MERGED_INTO", new String[] {"status"}, null,
          survivorId, via(actor), actor.username(), now);
      dao.recordChange(survivorId, survivor.version(), "MERGED_FROM", new String[0], null, duplicateId,
          via(actor), actor.username(), now);
      audit.record(h, actor, "MERGE", List.of(survivorId, duplicateId), null);
      if (survivor.confirmation() == Confirmation.PENDING) {
        // An officer who keeps a citizen's declaration over a record of theirs has confirmed it.
        dao.confirm(survivorId, now, actor.username());
        audit.record(h, actor, "CONFIRM", List.of(survivorId), "by a merge");
        PendingRegistrations.supersede(h, audit, actor, via(actor), now);
        return dao.find(survivorId).orElseThrow();
      }
      return survivor;
    });
  }

  /**
   * The import runs that created or changed a registration (whose audit events are the registration's too); ADMIN
   * only, as the audit trail it serves. None for no registration.
   */
  public List<UUID> importRunsOf(Actor actor, UUID id) {
    actor.require("reads the audit trail", Role.ADMIN);
    return id == null ? List.of() : jdbi.withExtension(RegistrationDao.class, d -> d.importRuns(id));
  }

  public List<RegistrationChange> history(Actor actor, UUID id) {
    requireReader(actor);
    return jdbi.inTransaction(h -> {
      RegistrationDao dao = h.attach(RegistrationDao.class);
      visible(actor, dao.find(id).orElse(null), id);
      audit.record(h, actor, "READ_HISTORY", List.of(id), null);
      return dao.history(id);
    });
  }

  public Page<Registration> list(Actor actor, RegistrationFilter filter, int offset, int limit) {
    requireReader(actor);
    PageRequest page = PageRequest.of(offset, limit, MAX_PAGE);
    return jdbi.inTransaction(h -> {
      RegistrationDao dao = h.attach(RegistrationDao.class);
      boolean all = actor.seesEveryCountry();
      RegistrationDao.Sought sought = RegistrationDao.Sought.of(FieldCipher.of(h), filter.q());
      List<Registration> items = dao.list(filter, sought, all, actor.jurisdictionArray(), page.limit(),
          page.offset());
      long total = dao.count(filter, sought, all, actor.jurisdictionArray());
      List<UUID> ids = items.stream().map(Registration::id).toList();
      audit.record(h, actor, "LIST", ids, null);
      return page.page(items, total);
    });
  }

  /** Checks the role and jurisdiction of a writer, and fills an officer's own consulate when none is given. */
  public static RegistrationData authoriseWrite(Actor actor, RegistrationData input) {
    return authoriseWrite(actor, input, null);
  }

  /**
   * As {@link #authoriseWrite(Actor, RegistrationData)}, for a change of a record now held by consulate
   * {@code keptConsulate}: an officer who gives no consulate leaves the record where it is (another consulate of the
   * same jurisdiction, say), and may name that consulate as well as its own.
   */
  static RegistrationData authoriseWrite(Actor actor, RegistrationData input, String keptConsulate) {
    requireWriter(actor);
    if (input == null) {
      throw new ValidationException("body", "is required");
    }
    RegistrationData d = input;
    if (actor.role() == Role.CONSULAR_OFFICER) {
      if (d.consulateId() == null || d.consulateId().isBlank()) {
        d = d.withConsulateId(keptConsulate != null ? keptConsulate : actor.consulateId());
      } else if (!d.consulateId().strip().equalsIgnoreCase(actor.consulateId())
          && !d.consulateId().strip().equalsIgnoreCase(String.valueOf(keptConsulate))) {
        throw new ValidationException("consulateId", "must be your own consulate (" + actor.consulateId() + ")");
      }
      // An unknown code is the validator's to report; only a real country can be outside the jurisdiction.
      String country = CountryCodes.normalise(d.countryOfResidence());
      if (country != null && !actor.sees(country)) {
        throw new ValidationException("countryOfResidence",
            "'" + country + "' is outside your consulate's jurisdiction " + actor.jurisdiction());
      }
    }
    return d;
  }

  public static void requireWriter(Actor actor) {
    actor.require("write registrations", Role.CONSULAR_OFFICER, Role.CRISIS_CELL);
  }

  static void requireReader(Actor actor) {
    requireWriter(actor);
  }

  /** The registration when the actor may see it; else a 404, and the refusal audited. */
  private Registration visible(Actor actor, Registration r, UUID id) {
    if (r == null || !actor.sees(r.data().countryOfResidence())) {
      audit.recordDenied(actor, "registration " + id, id, r != null);
      throw new NotFoundException("registration " + id);
    }
    return r;
  }

  private static void requireActive(Registration r) {
    if (r.status() != RegistrationStatus.ACTIVE) {
      throw new ConflictException("status", "the registration is " + r.status()
          + (r.mergedInto() != null ? " into " + r.mergedInto() : "") + " and can no longer change");
    }
  }

  static void rejectDuplicate(RegistrationDao dao, UUID self, RegistrationData d) {
    if (d.externalId() != null) {
      dao.findByExternalId(d.consulateId(), d.externalId()).filter(id -> !id.equals(self)).ifPresent(id -> {
        throw new DuplicateRegistrationException(id, "externalId");
      });
    }
    FieldCipher cipher = FieldCipher.of(dao.getHandle());
    DuplicateMatch m = dao.findDuplicate(self, cipher.index(FieldCipher.Field.NATIONAL_ID, d.nationalId()),
        cipher.index(FieldCipher.Field.PASSPORT_NUMBER, d.passportNumber()), d.phone(), d.dateOfBirth(),
        d.familyNameLatin(), d.givenNameLatin()).orElse(null);
    if (m != null) {
      throw new DuplicateRegistrationException(m.existingId(), m.rule());
    }
  }

  /** As {@link #reportingRaces}, and a duplicate outside the actor's jurisdiction is reported without its id. */
  private <T> T writing(Actor actor, UUID self, RegistrationData data, java.util.function.Supplier<T> write) {
    try {
      return reportingRaces(self, data, write);
    } catch (DuplicateRegistrationException e) {
      throw jdbi.inTransaction(h -> disclose(h, audit, actor, e));
    }
  }

  /**
   * What an actor is told of a duplicate: its id when the actor may see the record, else only the rule. Either way
   * the disclosure is audited with the id (DUPLICATE_SHOWN or DUPLICATE_HIDDEN), in {@code h}'s transaction.
   */
  public static DuplicateRegistrationException disclose(org.jdbi.v3.core.Handle h, AuditTrail audit, Actor actor,
      DuplicateRegistrationException e) {
    boolean visible = e.existingId() != null && h.attach(RegistrationDao.class).find(e.existingId())
        .map(r -> actor.sees(r.data().countryOfResidence())).orElse(false);
    audit.record(h, actor, visible ? "DUPLICATE_SHOWN" : "DUPLICATE_HIDDEN",
        e.existingId() == null ? List.of() : List.of(e.existingId()), "matched on " + e.rule());
    return visible ? e : new DuplicateRegistrationException(null, e.rule());
  }

  /** Turns constraint races and unknown consulates into the same answers the checks give. */
  private <T> T reportingRaces(UUID self, RegistrationData data, java.util.function.Supplier<T> write) {
    try {
      return write.get();
    } catch (UnableToExecuteStatementException e) {
      String state = crisis.core.common.ErrorFacts.sqlState(e).orElse(null);
      if (FOREIGN_KEY_VIOLATION.equals(state)
          && crisis.core.common.ErrorFacts.constraint(e).orElse("").contains("consulate")) {
        throw new ValidationException("consulateId", "no consulate '" + data.consulateId() + "'");
      }
      if (UNIQUE_VIOLATION.equals(state)) {
        // Another writer got there between our check and our insert: report what it wrote.
        jdbi.useExtension(RegistrationDao.class, dao -> rejectDuplicate(dao, self, data));
      }
      throw e;
    }
  }

  private static Map<String, JsonNode> changedFields(RegistrationData before, RegistrationData after) {
    ObjectNode a = Json.MAPPER.valueToTree(before);
    ObjectNode b = Json.MAPPER.valueToTree(after);
    Map<String, JsonNode> previous = new java.util.LinkedHashMap<>();
    for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      JsonNode was = a.get(f);
      if (!b.get(f).equals(was == null ? com.fasterxml.jackson.databind.node.NullNode.instance : was)) {
        previous.put(f, was);
      }
    }
    return previous;
  }

  private static String via(Actor actor) {
    return "cli".equals(actor.remoteAddress()) ? "cli" : "api";
  }
}
