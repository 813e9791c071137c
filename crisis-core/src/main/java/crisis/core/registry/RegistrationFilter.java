package crisis.core.registry;

/** Optional list filters, bound by name in SQL; null means "any". */
public record RegistrationFilter(String country, String consulate, String residenceType, String vulnerability,
    String status) {}
