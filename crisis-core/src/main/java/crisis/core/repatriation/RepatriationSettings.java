package crisis.core.repatriation;

import java.time.Duration;

/**
 * What the crisis cell may tune in repatriation: who gets seats first, how far a household may be from its assembly
 * point, when the server closes the gates no officer closed, and from when a gate may be closed.
 *
 * @param reachKm the great-circle distance, in km, within which a household can reach an assembly point (a leg with
 *     no point that near is not a fit for it)
 * @param gateClosesBefore how long before departure the clock closes a gate no officer closed
 * @param gateOpensBefore from how long before departure a gate may be closed or its leg marked departed
 */
public record RepatriationSettings(Priority priority, double reachKm, Duration gateClosesBefore,
    Duration gateOpensBefore) {
  /** From 12 hours before departure: a gate is worked on the day, not days ahead. */
  public static final Duration GATE_OPENS_BEFORE = Duration.ofHours(12);

  public static final RepatriationSettings DEFAULTS = new RepatriationSettings(new Priority(Priority.DEFAULT_TIERS),
      SeatPlanner.DEFAULT_REACH_KM, Repatriation.GATE_CLOSES_BEFORE, GATE_OPENS_BEFORE);

  public RepatriationSettings {
    if (!(reachKm > 0) || Double.isInfinite(reachKm)) {
      throw new IllegalArgumentException("reachKm must be a number of km above 0, not " + reachKm);
    }
    if (gateClosesBefore.isNegative()) {
      throw new IllegalArgumentException("gateClosesBefore must not be negative");
    }
    if (gateOpensBefore.compareTo(gateClosesBefore) < 0) {
      throw new IllegalArgumentException("gateOpensBefore must be at least gateClosesBefore");
    }
  }
}
