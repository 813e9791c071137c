package crisis.api.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import crisis.core.registry.Confirmation;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationStatus;
import java.util.UUID;

/**
 * A record as its citizen sees it (issue 34): what it holds and whether the consulate confirmed it; not who among the
 * staff wrote it.
 */
public record CitizenRecordView(UUID id, RegistrationStatus status, int version, Confirmation confirmation,
    @JsonUnwrapped RegistrationData data) {

  public static CitizenRecordView of(Registration r) {
    return new CitizenRecordView(r.id(), r.status(), r.version(), r.confirmation(), r.data());
  }
}
