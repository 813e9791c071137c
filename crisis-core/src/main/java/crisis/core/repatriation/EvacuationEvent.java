package crisis.core.repatriation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A household's evacuation request as the {@code evacuations} topic carries it, keyed by request id, the newest state
 * kept (compacted): requested (OPEN), assigned to a leg, checked in, boarded, arrived (with the leg's destination
 * city, where the reintegration follow-up begins), no-show or cancelled. Ids and counts only: who the people are is
 * read from the registry by those allowed to.
 *
 * @param registrationIds the registered people travelling in it
 * @param people everyone travelling in it, registered or not
 * @param legId the leg it is on, or null
 */
public record EvacuationEvent(UUID requestId, int version, UUID crisisId, String consulateId,
    EvacuationRequest.State state, UUID registrationId, List<UUID> registrationIds, int people, UUID legId,
    TransportLeg.State legState, String destinationCity, Instant changedAt) {}
