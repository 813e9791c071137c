package crisis.core.crisis;

import java.util.List;
import java.util.Map;

/** A crisis as the crisis cell declares it; the messages may be given now or added later. */
public record CrisisDraft(String title, String type, String severity, List<ZoneInput> zones, List<String> fallback,
    List<Map<String, String>> messages) {}
