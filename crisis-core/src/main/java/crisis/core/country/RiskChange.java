package crisis.core.country;

import java.time.Instant;

/** One change of a country's risk level: from, to, why, who and when. */
public record RiskChange(String iso2, int previousLevel, int newLevel, String reason, String changedBy,
    Instant changedAt) {}
