package crisis.core.crisis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import crisis.core.geo.CircleZone;
import crisis.core.geo.CountryZone;
import crisis.core.geo.PolygonZone;
import crisis.core.geo.Zone;
import crisis.core.geo.ZoneParser;

/**
 * One zone of a crisis as stored and sent to the alert pipeline: either a GeoJSON geometry (already validated, split
 * at the antimeridian; a country is stored as its boundary on the day it was declared, with its code, so that the
 * zone also reaches the country's residents as {@link CountryZone} says) or a circle. {@code warnings} say what was
 * repaired or left out of the geometry as the crisis cell gave it (none: null), kept with the zone so that anyone
 * reading the crisis later sees them too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrisisZone(String label, JsonNode geometry, Circle circle, String country, List<String> warnings) {
  private static final ZoneParser STORED = new ZoneParser(Integer.MAX_VALUE);

  public CrisisZone(String label, JsonNode geometry, Circle circle) {
    this(label, geometry, circle, null, null);
  }

  public CrisisZone(String label, JsonNode geometry, Circle circle, String country) {
    this(label, geometry, circle, country, null);
  }

  public record Circle(Double latitude, Double longitude, Double radiusKm) {}

  /** The zone to test points against. */
  public Zone zone() {
    if (geometry == null) {
      return new CircleZone(circle.latitude(), circle.longitude(), circle.radiusKm());
    }
    PolygonZone outline = STORED.parse(geometry, "geometry");
    return country == null ? outline : new CountryZone(country, outline);
  }
}
