package crisis.api.api;

/** A new risk level for a country, 1 (normal vigilance) to 4 (leave the country), and why. */
public record RiskRequest(Integer level, String reason) {}
