package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.alerts.kafka.EmbeddedKafka;
import java.nio.file.Path;

/**
 * {@code kafka.type: embedded}: a real KRaft broker in this process, listening on 127.0.0.1 only, its data under
 * {@code dataDirectory} (kept between runs) or thrown away at stop when that is unset.
 */
public class EmbeddedKafkaFactory extends KafkaFactory {
  @JsonProperty
  public String dataDirectory;

  @Override
  public Broker broker() {
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDirectory == null ? null : Path.of(dataDirectory));
    return new Broker() {
      @Override
      public String bootstrapServers() {
        return kafka.bootstrapServers();
      }

      @Override
      public void close() {
        kafka.close();
      }
    };
  }
}
