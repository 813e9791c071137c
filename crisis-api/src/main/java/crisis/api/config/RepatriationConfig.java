package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.core.repatriation.Priority;
import crisis.core.repatriation.RepatriationSettings;
import crisis.core.repatriation.SeatPlanner;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The order in which households get evacuation seats: {@code tiers}, best first, each a list of criteria
 * (UNACCOMPANIED_MINOR, STRETCHER, OXYGEN, MEDICAL_ESCORT, WHEELCHAIR, PREGNANCY, ELDERLY, YOUNG_CHILD); a household
 * meeting none is in the tier after the last. Then exposure, then the time of the request (docs/repatriation.md).
 * How far households travel to an assembly point, and when the server closes the gates no officer closed.
 */
public class RepatriationConfig {
  @NotNull
  @JsonProperty
  public List<Set<Priority.Criterion>> tiers = Priority.DEFAULT_TIERS;

  /** How long before departure the server closes a gate no officer closed (its no-shows' seats go to the waitlist). */
  @NotNull
  @MinDuration(value = 0, unit = TimeUnit.MINUTES)
  @MaxDuration(value = 24, unit = TimeUnit.HOURS)
  @JsonProperty
  public Duration gateClosesBefore = Duration.minutes(20);

  /** From how long before departure a gate may be closed, or its leg marked departed (not days ahead). */
  @NotNull
  @MinDuration(value = 0, unit = TimeUnit.MINUTES)
  @MaxDuration(value = 7, unit = TimeUnit.DAYS)
  @JsonProperty
  public Duration gateOpensBefore = Duration.hours(12);

  /** How often the server looks for gates to close. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
  @JsonProperty
  public Duration gateClockEvery = Duration.seconds(15);

  /**
   * How far, in km of great circle, a household may be from an assembly point and still be put on its leg (a few
   * hours by road when roads are unsafe; docs/repatriation.md).
   */
  @DecimalMin("1")
  @DecimalMax("2000")
  @JsonProperty
  public double reachKm = SeatPlanner.DEFAULT_REACH_KM;

  public RepatriationSettings settings() {
    return new RepatriationSettings(new Priority(tiers), reachKm,
        gateClosesBefore.toJavaDuration(), gateOpensBefore.toJavaDuration());
  }
}
