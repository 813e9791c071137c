package crisis.alerts.pipeline;

import crisis.core.geo.GeoIndex;
import crisis.core.privacy.PositionSeal;
import crisis.core.registry.RegistrationStatus;
import java.util.UUID;

/**
 * What the alert pipeline knows of a registration (topic {@code registrations}, key: registration id): the latest
 * state, never a diff. No names, no phone, no coordinates in clear (issue 31): the coarse H3 cell the join matches on,
 * and the point sealed ({@link PositionSeal}) for the alert step's exact test against the zone's shape.
 *
 * @param cell the H3 cell of the point at {@link AlertTopology#JOIN_RESOLUTION}; null without a location
 * @param position the point, sealed and bound to the id; null without a location
 */
public record RegistrationEvent(UUID id, int version, RegistrationStatus status, Long cell, String position,
    String language, String country) {

  /**
   * The event of a registration whose point is {@code latitude, longitude} (both null without one) and whose index
   * cell is {@code indexCell}: the point sealed, the cell cut to the join's resolution.
   */
  public static RegistrationEvent of(PositionSeal seal, UUID id, int version, RegistrationStatus status,
      Double latitude, Double longitude, Long indexCell, String language, String country) {
    boolean located = latitude != null && longitude != null && indexCell != null;
    return new RegistrationEvent(id, version, status,
        located ? GeoIndex.parent(indexCell, AlertTopology.JOIN_RESOLUTION) : null,
        located ? seal.seal(id, latitude, longitude) : null, language, country);
  }

  /** Whether the person can be alerted: active and located. */
  public boolean alertable() {
    return status == RegistrationStatus.ACTIVE && cell != null && position != null;
  }
}
