package crisis.core.repatriation;

import java.time.Duration;

/**
 * What the crisis cell may tune in repatriation: who gets seats first, how far a household may be from its assembly
 * point, and when the server closes the gates no officer closed.
 *
 * @param reachKm the great-circle distance, in km, within which a household can reach an assembly point (a leg with
 *     no point that near is not a fit for it)
 * @param gateClosesBefore how long before departure the clock closes a gate no officer closed
 */
public record RepatriationSettings(Priority priority, double reachKm, Duration gateClosesBefore) {
  public static final RepatriationSettings DEFAULTS = new RepatriationSettings(new Priority(Priority.DEFAULT_TIERS),
      SeatPlanner.DEFAULT_REACH_KM, Repatriation.GATE_CLOSES_BEFORE);

  public RepatriationSettings {
    if (!(reachKm > 0) || Double.isInfinite(reachKm)) {
      throw new IllegalArgumentException("reachKm must be a number of km above 0, not " + reachKm);
    }
    if (gateClosesBefore.isNegative()) {
      throw new IllegalArgumentException("gateClosesBefore must not be negative");
    }
  }
}
