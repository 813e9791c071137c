package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/** Request size limits, in bytes. */
public class Limits {
  /** Any JSON request body. */
  @Min(1024)
  @JsonProperty
  public long maxJsonBytes = 1L << 20;

  /** A registration CSV upload (a million rows is about 400 MB). */
  @Min(1024)
  @JsonProperty
  public long maxImportBytes = 2L << 30;

  /** The most positions a search zone may have, all rings together. */
  @Min(4)
  @JsonProperty
  public int maxZoneVertices = 100_000;
}
