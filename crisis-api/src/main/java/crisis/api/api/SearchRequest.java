package crisis.api.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A zone search: exactly one of {@code zone} (GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection, RFC 7946),
 * {@code circle} or {@code country} (ISO 3166-1 alpha-2, Natural Earth boundaries); optional filters; a page;
 * {@code strict}: a zone that would need repairs is a 400 instead.
 */
public record SearchRequest(JsonNode zone, Circle circle, String country, String vulnerability, String residenceType,
    String language, Integer offset, Integer limit, Boolean strict) {

  /** A centre in degrees and a radius in km (at most 2000). */
  public record Circle(Double latitude, Double longitude, Double radiusKm) {}
}
