package crisis.core.registry.db;

import java.util.UUID;

/** An existing active registration and the rule by which a candidate duplicates it. */
public record DuplicateMatch(UUID existingId, String rule) {}
