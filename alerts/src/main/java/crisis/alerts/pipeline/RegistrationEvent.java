package crisis.alerts.pipeline;

import crisis.core.registry.RegistrationStatus;
import java.util.UUID;

/**
 * What the alert pipeline knows of a registration (topic {@code registrations}, key: registration id): the latest
 * state, never a diff. No names, no phone: the pipeline needs where a person is and which language they read.
 *
 * @param cell the H3 cell of the point at the index resolution; null without a location
 */
public record RegistrationEvent(UUID id, int version, RegistrationStatus status, Double latitude, Double longitude, Long cell,
    String language, String country) {

  /** Whether the person can be alerted: active and located. */
  public boolean alertable() {
    return status == RegistrationStatus.ACTIVE && cell != null && latitude != null && longitude != null;
  }
}
