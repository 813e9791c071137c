package crisis.core.country;

import java.time.Instant;

/** A country with its names and its current travel-risk level (1 normal vigilance … 4 leave the country). */
public record Country(String iso2, String nameEn, String nameFr, String nameAr, int riskLevel, String riskReason,
    Instant riskChangedAt, String riskChangedBy) {}
