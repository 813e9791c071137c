package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/**
 * How the server leaves a load balancer's rotation: on stop, {@code GET /ready} answers 503 at once, and the server
 * keeps serving for {@code drainDelay} before Jetty stops accepting (the proxy's check interval times its failure
 * threshold, plus a margin). 0 stops at once (tests, the embedded demo).
 */
public class ReadinessSettings {
  @NotNull
  @JsonProperty
  public Duration drainDelay = Duration.seconds(0);
}
