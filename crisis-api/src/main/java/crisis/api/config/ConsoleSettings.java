package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The web console's sessions: {@code sessionIdleTimeout} (default 15 minutes), {@code sessionMaxAge} (default 12
 * hours), and {@code secureCookie}, true wherever the console is reached through TLS (production), so that the
 * browser never sends the session cookie in clear. The crisis page's live tally ({@code GET /api/v1/crises/{id}/events})
 * is read again every {@code eventsEvery} (default 2 seconds), for at most {@code maxEventStreams} open pages at once
 * (default 100).
 */
public class ConsoleSettings {
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 24, unit = TimeUnit.HOURS)
  @JsonProperty
  public Duration sessionIdleTimeout = Duration.minutes(15);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  @MaxDuration(value = 7, unit = TimeUnit.DAYS)
  @JsonProperty
  public Duration sessionMaxAge = Duration.hours(12);

  @JsonProperty
  public boolean secureCookie = false;

  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
  @JsonProperty
  public Duration eventsEvery = Duration.seconds(2);

  @jakarta.validation.constraints.Min(1)
  @jakarta.validation.constraints.Max(10_000)
  @JsonProperty
  public int maxEventStreams = 100;

  /**
   * A tile server for the map, as a URL template ({@code https://tiles.example/{z}/{x}/{y}.png}); unset (the
   * default): the base map is the Natural Earth outlines the application serves, and nothing leaves for another host.
   */
  @jakarta.validation.constraints.Pattern(regexp = "https://[A-Za-z0-9.-]+(:[0-9]{1,5})?/[^\\s\"'<>]*\\{z\\}[^\\s\"'<>]*",
      message = "must be an https URL template with {z}, {x} and {y}")
  @JsonProperty
  public String mapTiles;

  /** The origin of {@link #mapTiles} (scheme, host, port), for the content security policy; null without one. */
  public String mapTilesOrigin() {
    if (mapTiles == null || mapTiles.isBlank()) {
      return null;
    }
    java.net.URI u = java.net.URI.create(mapTiles.replace("{", "%7B").replace("}", "%7D"));
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }
}
