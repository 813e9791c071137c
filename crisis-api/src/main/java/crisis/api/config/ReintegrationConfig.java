package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.core.reintegration.ReintegrationSettings;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reintegration follow-up: {@code checkInsAfter}, the check-ins after arrival (default 7, 30, 90 and 180 days);
 * {@code referralReminderAfter}, how long a partner has to answer a referral before the case worker is reminded
 * (default 14 days); {@code clockEvery}, how often the server sends check-ins fallen due and reminders.
 */
public class ReintegrationConfig {
  @NotEmpty
  @Size(max = 20)
  @JsonProperty
  public List<@NotNull Duration> checkInsAfter = List.of(Duration.days(7), Duration.days(30), Duration.days(90),
      Duration.days(180));

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.HOURS)
  @MaxDuration(value = 365, unit = TimeUnit.DAYS)
  @JsonProperty
  public Duration referralReminderAfter = Duration.days(14);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 1, unit = TimeUnit.HOURS)
  @JsonProperty
  public Duration clockEvery = Duration.seconds(30);

  public ReintegrationSettings settings() {
    return new ReintegrationSettings(checkInsAfter.stream().map(Duration::toJavaDuration).toList(),
        referralReminderAfter.toJavaDuration());
  }
}
