package crisis.api.api;

import java.util.List;
import java.util.Map;

/**
 * Who of ours is inside the zone: counts over every match, one page of registrations, and what was repaired or left
 * out of the zone as given.
 */
public record SearchView(long total, Map<String, Long> byVulnerability, Map<String, Long> byLanguage,
    List<RegistrationView> items, int offset, int limit, List<String> warnings) {}
