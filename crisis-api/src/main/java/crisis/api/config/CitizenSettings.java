package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The citizen's side: {@code pageUrl}, the public address of the citizen's page ({@code /citizen/} of this system
 * behind its proxy), which the SMS links to one's own records and the reminders before a trip's end point at; and
 * {@code remindEvery}, how often the server looks for trips ending soon (default 1 hour).
 */
public class CitizenSettings {
  @NotBlank
  @Pattern(regexp = "https?://[^\\s#?]+/", message = "must be an http(s) URL ending with /, without query or fragment")
  @JsonProperty
  public String pageUrl = "http://127.0.0.1:8080/citizen/";

  @jakarta.validation.constraints.NotNull
  @io.dropwizard.validation.MinDuration(value = 1, unit = java.util.concurrent.TimeUnit.SECONDS)
  @io.dropwizard.validation.MaxDuration(value = 1, unit = java.util.concurrent.TimeUnit.DAYS)
  @JsonProperty
  public io.dropwizard.util.Duration remindEvery = io.dropwizard.util.Duration.hours(1);
}
