package crisis.core.registry;

import java.time.Instant;
import java.util.UUID;

/** A stored registration: its content plus identity, state and bookkeeping. Immutable. */
public record Registration(
    UUID id,
    RegistrationData data,
    RegistrationStatus status,
    UUID mergedInto,
    int version,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy) {}
