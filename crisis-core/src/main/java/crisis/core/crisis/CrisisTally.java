package crisis.core.crisis;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What the alert pipeline has done for a crisis so far: people found inside its zones, alerts emitted (one per person
 * and message) and alerts per message id. Delivery and answers come with the SMS gateway. {@code problem}: why the
 * pipeline could not process the crisis's latest version (people inside are not being alerted), or null.
 */
public record CrisisTally(UUID crisisId, CrisisStatus status, long affected, long alerted,
    Map<String, Long> alertedByMessage, long revision, Instant updatedAt, PipelineProblem problem) {

  public CrisisTally(UUID crisisId, CrisisStatus status, long affected, long alerted,
      Map<String, Long> alertedByMessage, long revision, Instant updatedAt) {
    this(crisisId, status, affected, alerted, alertedByMessage, revision, updatedAt, null);
  }
}
