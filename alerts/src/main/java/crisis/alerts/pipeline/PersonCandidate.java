package crisis.alerts.pipeline;

import java.util.List;
import java.util.UUID;

/**
 * A person found inside a crisis's zones with the messages they should have (topic
 * {@code pipeline-person-candidates}, key: registration id); the deduplication keeps those not sent yet.
 */
public record PersonCandidate(UUID registrationId, UUID crisisId, List<CrisisEvent.MessageRef> messages,
    String language) {}
