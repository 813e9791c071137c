package crisis.core.places;

import java.time.Instant;
import java.util.UUID;

/** A located place (not a person), in WGS84 degrees; {@code updatedAt}/{@code updatedBy} null until it is changed. */
public record Place(UUID id, PlaceKind kind, String name, double latitude, double longitude, String country,
    String notes, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {}
