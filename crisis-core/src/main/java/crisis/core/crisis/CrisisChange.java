package crisis.core.crisis;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One recorded change of a crisis: the version it made, what was done, by whom and when. */
public record CrisisChange(int version, String action, JsonNode detail, Instant changedAt, String changedBy) {}
