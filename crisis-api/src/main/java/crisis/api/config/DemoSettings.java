package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Demo data loaded when the system starts on an empty database (the embedded default). */
public class DemoSettings {
  @JsonProperty
  public boolean enabled = false;

  @Min(0)
  @Max(1_000_000)
  @JsonProperty
  public int registrations = 10_000;

  @JsonProperty
  public long seed = 20261129L;

  /** Where the generated demo passwords are kept (mode 600), so that later starts can print them again. */
  @JsonProperty
  public String credentialsFile = "data/demo-credentials.txt";
}
