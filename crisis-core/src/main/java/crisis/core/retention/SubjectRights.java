package crisis.core.retention;

import crisis.core.privacy.Hold;
import crisis.core.privacy.PersonalData;
import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A person's rights over what is held on them (issue 31; Law 09-08, articles 7 to 9): their copy, whole, from every
 * owner of their data, and the erasure of everything, refused while a legal hold stands. Rectification is the
 * registration's edit, which keeps the history. Both act on a request the officer verified (the person's identity
 * seen), named by its reference; both are audited with that reference. An officer acts in their jurisdiction only:
 * another's person is a 404, as everywhere.
 */
public final class SubjectRights {
  /** A request's reference: a file number, never a name (it is written to the audit trail). */
  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}");
  private final Jdbi jdbi;
  private final RetentionPurge purge;
  private final AuditTrail audit;
  private final Clock clock;

  /**
   * A person's copy: when it was made, on which request, and every owner's tables with what they hold on the person.
   *
   * @param tables by table, each row as column to value (sealed values opened)
   */
  public record Copy(UUID registrationId, Instant madeAt, String request,
      Map<String, List<Map<String, Object>>> tables) {}

  public SubjectRights(Jdbi jdbi, RetentionPurge purge, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.purge = purge;
    this.audit = audit;
    this.clock = clock;
  }

  /** Everything held on the person registered as {@code id}, as one consistent read. */
  public Copy copy(Actor actor, UUID id, String request) {
    requireOfficer(actor, "gives a person their copy");
    String reference = reference(request);
    return jdbi.inTransaction(h -> {
      PersonalData.Subject person = visible(actor, h, id);
      Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
      for (PersonalData o : purge.owners()) {
        tables.putAll(o.export(h, person));
      }
      audit.record(h, actor, "SUBJECT_COPY", List.of(id), "request " + reference);
      return new Copy(id, clock.instant(), reference, tables);
    });
  }

  /**
   * Deletes everything held on the person, as the purge does; refused with the hold's reason while one stands (an
   * active crisis that reached them, an open request for help, an evacuation, a remains or reintegration case).
   * The rows deleted, by table. The audit record keeps the id and the request's reference, nothing else.
   */
  public Map<String, Integer> erase(Actor actor, UUID id, String request) {
    requireOfficer(actor, "erases a person's data");
    String reference = reference(request);
    return jdbi.inTransaction(h -> {
      visible(actor, h, id);
      purge.register().lock(h, new UUID[] {id});
      Hold hold = purge.holds(h, new UUID[] {id}).get(id);
      if (hold != null) {
        throw new ConflictException("hold", "the person's data is under a legal hold (" + hold
            + "): it cannot be erased while the hold stands");
      }
      Map<String, Integer> removed = purge.forget(h, new UUID[] {id});
      audit.record(h, actor, "SUBJECT_ERASURE", List.of(id), "request " + reference + ": "
          + RetentionPurge.describe(removed));
      return removed;
    });
  }

  private static void requireOfficer(Actor actor, String what) {
    actor.require(what, Role.CONSULAR_OFFICER, Role.CRISIS_CELL);
  }

  private static String reference(String request) {
    if (request == null || request.isBlank()) {
      throw new ValidationException("request", "the reference of the person's verified request is required");
    }
    if (!REFERENCE.matcher(request).matches()) {
      throw new ValidationException("request", "a reference is 1 to 64 letters, digits and / _ . - (a file number,"
          + " never a name)");
    }
    return request;
  }

  private PersonalData.Subject visible(Actor actor, Handle h, UUID id) {
    PersonalData.Subject s = purge.register().subject(h, id).orElse(null);
    if (s == null || !actor.sees(s.country())) {
      audit.recordDenied(actor, "personal data of " + id, id, s != null);
      throw new NotFoundException("registration " + id);
    }
    return s;
  }
}
