package crisis.api.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import crisis.core.registry.Confirmation;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationStatus;
import java.time.Instant;
import java.util.UUID;

/** A registration as the API shows it: identity and state, then every field of its content. */
public record RegistrationView(UUID id, RegistrationStatus status, UUID mergedInto, int version, Instant createdAt,
    String createdBy, Instant updatedAt, String updatedBy, Confirmation confirmation,
    @JsonUnwrapped RegistrationData data) {

  public static RegistrationView of(Registration r) {
    return new RegistrationView(r.id(), r.status(), r.mergedInto(), r.version(), r.createdAt(), r.createdBy(),
        r.updatedAt(), r.updatedBy(), r.confirmation(), r.data());
  }
}
