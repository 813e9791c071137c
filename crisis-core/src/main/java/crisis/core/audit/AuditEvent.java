package crisis.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One audited access to personal data. */
public record AuditEvent(
    long id, Instant at, String actor, String role, String action, List<UUID> registrationIds, String detail,
    String remoteAddress) {}
