package crisis.core.privacy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Why a person's data must be kept past its period (a legal hold), in words that name no one: they go to the audit
 * trail's counts and to the 409 of a refused erasure.
 */
public enum Hold {
  OPEN_CRISIS("open crisis"),
  OPEN_ASSISTANCE_REQUEST("open assistance request"),
  EVACUATION_RECORD("evacuation record"),
  REMAINS_CASE("remains case"),
  REINTEGRATION_CASE("reintegration case");

  private final String words;

  Hold(String words) {
    this.words = words;
  }

  /** Each of {@code ids} held for this reason, in their order. */
  public Map<UUID, Hold> of(UUID[] ids) {
    Map<UUID, Hold> held = new LinkedHashMap<>();
    Arrays.stream(ids).forEach(id -> held.put(id, this));
    return held;
  }

  @Override
  public String toString() {
    return words;
  }
}
