package crisis.api.api;

/** A place to record: kind, name, point in degrees, ISO country, notes. */
public record PlaceRequest(String kind, String name, Double latitude, Double longitude, String country,
    String notes) {}
