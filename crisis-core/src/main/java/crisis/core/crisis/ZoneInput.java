package crisis.core.crisis;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A zone as the crisis cell gives it: exactly one of a GeoJSON geometry, a circle or a country code. {@code strict}
 * (optional): a geometry that needs repairs is refused (400) instead of repaired with warnings.
 */
public record ZoneInput(String label, JsonNode geometry, CrisisZone.Circle circle, String country, Boolean strict) {
  public ZoneInput(String label, JsonNode geometry, CrisisZone.Circle circle, String country) {
    this(label, geometry, circle, country, null);
  }
}
