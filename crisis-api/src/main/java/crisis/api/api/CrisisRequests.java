package crisis.api.api;

import crisis.core.crisis.ZoneInput;
import java.util.List;
import java.util.Map;

/** Bodies of the crisis endpoints other than the declaration itself. */
public final class CrisisRequests {
  private CrisisRequests() {}

  /** A new instruction: language code to text. */
  public record Message(Map<String, String> texts) {}

  /** The new zones of a crisis, replacing the old ones. */
  public record Zones(List<ZoneInput> zones) {}

  /** Why a crisis is closed (optional). */
  public record Close(String reason) {}
}
