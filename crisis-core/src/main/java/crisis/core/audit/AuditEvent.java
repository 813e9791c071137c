package crisis.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One audited access to personal data.
 *
 * @param registrationIds the registrations read or changed; empty for an import, which names its run instead
 * @param importRun the import run whose rows this event covers, or null
 */
public record AuditEvent(
    long id, Instant at, String actor, String role, String action, List<UUID> registrationIds, UUID importRun,
    String detail, String remoteAddress) {}
