package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/** Request size limits, in bytes. */
public class Limits {
  /** Any JSON request body. */
  @Min(1024)
  @JsonProperty
  public long maxJsonBytes = 1L << 20;

  /**
   * A request that carries zones (a zone search, a crisis, a crisis's new zones): published outlines are large (64
   * flood-warning watersheds are 1.5 MB of GeoJSON). At most 8 MiB, so that a crisis's zones fit one Kafka record.
   */
  @Min(1024)
  @jakarta.validation.constraints.Max(8L << 20)
  @JsonProperty
  public long maxZoneBytes = 8L << 20;

  /** A registration CSV upload (a million rows is about 400 MB). */
  @Min(1024)
  @JsonProperty
  public long maxImportBytes = 2L << 30;

  /** The most positions a zone may have, all rings together. */
  @Min(4)
  @JsonProperty
  public int maxZoneVertices = 500_000;
}
