package crisis.core.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored registration: its content plus identity, state and bookkeeping. Immutable.
 *
 * @param confirmation whether its consulate confirmed it (a citizen's own declaration is pending until then)
 */
public record Registration(
    UUID id,
    RegistrationData data,
    RegistrationStatus status,
    UUID mergedInto,
    int version,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy,
    Confirmation confirmation) {

  /** A registration an officer wrote: confirmed. */
  public Registration(UUID id, RegistrationData data, RegistrationStatus status, UUID mergedInto, int version,
      Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
    this(id, data, status, mergedInto, version, createdAt, createdBy, updatedAt, updatedBy, Confirmation.CONFIRMED);
  }
}
