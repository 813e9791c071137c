package crisis.core.reintegration;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A reintegration case as the {@code reintegration-cases} topic carries it, keyed by case id, the newest state kept
 * (compacted): opened, assigned, a need added or changed, a check-in answered or done, an assessment, closed or
 * reopened. Ids, the region and counts only: no name, phone or note.
 *
 * @param requestId the evacuation request whose arrival opened it, or null
 * @param needsByStatus the case's needs by status (IDENTIFIED, REFERRED, IN_PROGRESS, MET, NOT_MET, NO_LONGER_NEEDED)
 * @param composite the latest composite score, or null before the first assessment
 */
public record ReintegrationEvent(UUID caseId, int version, UUID requestId, String region, ReintegrationCase.State state,
    Map<String, Integer> needsByStatus, int checkInsAnswered, int checkInsOpen, Double composite,
    Instant changedAt) {}
