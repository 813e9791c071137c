package crisis.api.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.core.common.FieldError;
import java.util.List;
import java.util.Map;

/**
 * Who of ours is inside the zone: counts over every match, one page of registrations, and what was repaired or left
 * out of the zone as given ({@code warnings}, each "field: reason"; {@code warningReasons}, the same with each
 * reason's code and parameters).
 */
public record SearchView(long total, Map<String, Long> byVulnerability, Map<String, Long> byLanguage,
    List<RegistrationView> items, int offset, int limit, List<String> warnings) {

  @JsonProperty("warningReasons")
  public List<FieldError> warningReasons() {
    return warnings == null ? List.of() : warnings.stream().map(w -> {
      int at = w.indexOf(": ");
      return at < 0 ? new FieldError("zone", w) : new FieldError(w.substring(0, at), w.substring(at + 2));
    }).toList();
  }
}
