package crisis.core.audit;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.common.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Records who read or changed which registrations. Writes join the caller's transaction when given its handle,
 * so a change and its audit row commit or roll back together.
 */
public final class AuditTrail {
  public static final int MAX_PAGE = 500;
  private final Jdbi jdbi;
  private final Clock clock;

  public AuditTrail(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public void record(Handle handle, Actor actor, String action, Collection<UUID> ids, String detail) {
    handle.attach(AuditDao.class).insert(Instant.now(clock), actor.username(), actor.role().name(), action,
        ids.toArray(UUID[]::new), null, detail, actor.remoteAddress());
  }

  /**
   * Records, in a transaction of its own (kept even when the caller's rolls back), that a registration was asked for
   * and refused: outside the caller's jurisdiction, or no such registration (both are a 404 to the caller).
   */
  public void recordDenied(Actor actor, String attempted, UUID id, boolean exists) {
    // A handle of its own: useHandle would join the caller's transaction, which the refusal rolls back.
    try (Handle h = jdbi.open()) {
      h.attach(AuditDao.class).insert(Instant.now(clock), actor.username(), actor.role().name(), "DENIED",
          new UUID[] {id}, null, attempted + ": " + (exists ? "outside the jurisdiction" : "no such registration"),
          actor.remoteAddress());
    }
  }

  /** Records that a batch of an import run created or changed {@code count} registrations. */
  public void recordImport(Handle handle, Actor actor, UUID runId, int count) {
    handle.attach(AuditDao.class).insert(Instant.now(clock), actor.username(), actor.role().name(), "IMPORT",
        new UUID[0], runId, count + " registrations created or updated", actor.remoteAddress());
  }

  /**
   * Audit events, newest first; ADMIN only. Every filter is optional; a registration's events include those of the
   * import runs that wrote it ({@code importRuns}, as the registry tells them).
   */
  public List<AuditEvent> find(Actor actor, UUID registration, List<UUID> importRuns, String user, Instant from,
      Instant to, int limit, int offset) {
    actor.require("reads the audit trail", Role.ADMIN);
    PageRequest page = PageRequest.of(offset, limit, MAX_PAGE);
    return jdbi.withExtension(AuditDao.class, d -> d.find(registration, importRuns.toArray(UUID[]::new), user, from,
        to, page.limit(), page.offset()));
  }
}
