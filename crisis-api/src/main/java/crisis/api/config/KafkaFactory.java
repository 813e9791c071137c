package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import crisis.alerts.AlertPipeline;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka and the alert pipeline, chosen in YAML with {@code kafka.type}: {@code embedded} starts a real in-process KRaft
 * broker, {@code external} connects to a cluster. What both share: the Streams application and its topics.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = EmbeddedKafkaFactory.class, name = "embedded"),
    @JsonSubTypes.Type(value = ExternalKafkaFactory.class, name = "external")})
public abstract class KafkaFactory {
  /** Shared by every instance of one deployment: they split the partitions between them. */
  @NotNull
  @JsonProperty
  public String applicationId = "crisis-alerts";

  /** Partitions of the topics the application creates (the most instances that can share the work). */
  @Min(1)
  @Max(1000)
  @JsonProperty
  public int partitions = 6;

  /** Replication factor of the application's topics and Streams' internal topics. */
  @Min(1)
  @Max(7)
  @JsonProperty
  public int replication = 1;

  /** exactly_once_v2 (true, the product's guarantee) or at_least_once (false). */
  @JsonProperty
  public boolean exactlyOnce = true;

  @Min(1)
  @Max(64)
  @JsonProperty
  public int streamThreads = 2;

  /** Streams' RocksDB stores; unset: a temporary directory. */
  @JsonProperty
  public String stateDirectory;

  @Min(50)
  @JsonProperty
  public long tallyIntervalMs = 500;

  @Min(1)
  @Max(100_000)
  @JsonProperty
  public int relayBatch = 5000;

  @Min(10)
  @JsonProperty
  public long relayIdleMs = 100;

  /** How often Streams commits: the output of each hop is visible to the next at its commits. */
  @Min(10)
  @JsonProperty
  public long commitIntervalMs = 100;

  /** More client properties for every Kafka client (security.protocol, sasl.*, ...); secrets from ${ENV}. */
  @NotNull
  @JsonProperty
  public Map<String, String> properties = new HashMap<>();

  /** A broker to connect to: closing it stops what {@link #broker()} started. */
  public interface Broker extends AutoCloseable {
    String bootstrapServers();

    @Override
    void close();
  }

  /** Starts the embedded broker, or names the external cluster. */
  public abstract Broker broker();

  public AlertPipeline.Settings settings(String bootstrap) {
    Path state;
    try {
      state = stateDirectory != null ? Path.of(stateDirectory) : Files.createTempDirectory("crisis-streams");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Streams state directory", e);
    }
    return new AlertPipeline.Settings(bootstrap, applicationId, partitions, (short) replication, exactlyOnce,
        streamThreads, state, Duration.ofMillis(tallyIntervalMs), relayBatch, Duration.ofMillis(relayIdleMs),
        Duration.ofMillis(commitIntervalMs), clientProperties());
  }

  /** The Kafka principal the application signs in as ({@code User:NAME}), when the configuration names one. */
  public Optional<String> principal() {
    return Optional.empty();
  }

  /** The brokers named by the configuration (none for a broker started here). */
  public Optional<String> configuredBootstrapServers() {
    return Optional.empty();
  }

  /** What every Kafka client of the application is given beyond its own settings. */
  protected Map<String, String> clientProperties() {
    return properties;
  }
}
