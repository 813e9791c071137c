package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/** {@code kafka.type: external}: a Kafka cluster run elsewhere (production), reached at {@code bootstrapServers}. */
public class ExternalKafkaFactory extends KafkaFactory {
  /** host:port[,host:port...]. */
  @NotBlank(message = "is required for kafka.type external: set CRISIS_KAFKA_BOOTSTRAP (host:port[,host:port...])")
  @JsonProperty
  public String bootstrapServers;

  @Override
  public Broker broker() {
    String servers = bootstrapServers;
    return new Broker() {
      @Override
      public String bootstrapServers() {
        return servers;
      }

      @Override
      public void close() {
        // Nothing was started here.
      }
    };
  }
}
