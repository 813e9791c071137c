package crisis.core.registry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One step in a registration's history.
 *
 * @param previousJson the values of {@code changedFields} before the change, as JSON; null on creation
 * @param otherId the other record of a merge
 * @param via "api", "import:&lt;run id&gt;" or "cli"
 */
public record RegistrationChange(UUID registrationId, int version, String kind, List<String> changedFields,
    String previousJson, UUID otherId, String via, String changedBy, Instant changedAt) {}
