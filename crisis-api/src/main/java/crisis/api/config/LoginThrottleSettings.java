package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.api.auth.LoginThrottle;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** {@code loginThrottle}: the back-off after failed sign-ins (see {@link LoginThrottle}). */
public class LoginThrottleSettings {
  @Min(1)
  @Max(1000)
  @JsonProperty
  public int addressFailures = LoginThrottle.Policy.DEFAULT.addressFailures();

  @Min(1)
  @Max(1000)
  @JsonProperty
  public int accountFailures = LoginThrottle.Policy.DEFAULT.accountFailures();

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  public Duration firstDelay = Duration.seconds(1);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  public Duration maxDelay = Duration.minutes(15);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  public Duration forgetAfter = Duration.minutes(15);

  /**
   * The reverse proxies whose {@code X-Forwarded-For} is believed (addresses or CIDR blocks); empty (default): none,
   * the connection's address is the client's. Never "everyone": the leftmost entries are the client's own writing.
   */
  @NotNull
  @JsonProperty
  public java.util.List<String> trustedProxies = java.util.List.of();

  public LoginThrottle.Policy policy() {
    return new LoginThrottle.Policy(addressFailures, accountFailures, firstDelay.toJavaDuration(),
        maxDelay.toJavaDuration(), forgetAfter.toJavaDuration());
  }
}
