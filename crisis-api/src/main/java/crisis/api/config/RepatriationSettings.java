package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.core.repatriation.Priority;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;

/**
 * The order in which households get evacuation seats: {@code tiers}, best first, each a list of criteria
 * (UNACCOMPANIED_MINOR, STRETCHER, OXYGEN, MEDICAL_ESCORT, WHEELCHAIR, PREGNANCY, ELDERLY, YOUNG_CHILD); a household
 * meeting none is in the tier after the last. Then exposure, then the time of the request (docs/repatriation.md).
 */
public class RepatriationSettings {
  @NotNull
  @JsonProperty
  public List<Set<Priority.Criterion>> tiers = Priority.DEFAULT_TIERS;

  public Priority priority() {
    return new Priority(tiers);
  }
}
