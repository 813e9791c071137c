package crisis.core.crisis;

import com.fasterxml.jackson.databind.JsonNode;

/** A zone as the crisis cell gives it: exactly one of a GeoJSON geometry, a circle or a country code. */
public record ZoneInput(String label, JsonNode geometry, CrisisZone.Circle circle, String country) {}
