package crisis.alerts.pipeline;

import crisis.core.crisis.CrisisStatus;
import crisis.core.crisis.CrisisZone;
import java.util.List;
import java.util.UUID;

/**
 * The latest state of a crisis (topic {@code crisis-zones}, key: crisis id): status, zones and the ids of its
 * messages (the status is a {@link CrisisStatus} by name, or DELETED for a crisis gone from the database). Texts
 * stay in the database; the pipeline decides who gets which message, not what it says.
 */
public record CrisisEvent(UUID id, int version, String status, List<CrisisZone> zones, List<MessageRef> messages) {

  public boolean active() {
    return CrisisStatus.ACTIVE.name().equals(status);
  }

  public record MessageRef(UUID id, int seq) {}
}
