package crisis.alerts.pipeline;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A processor that reads raw records: a key or value it cannot read, or a record it cannot process, goes to the
 * dead-letter topic with the reason instead of stopping the stream. Kafka's own errors (a lost transaction, a
 * rebalance) are not caught: Streams must handle those.
 */
abstract class GuardedProcessor<V> implements Processor<byte[], byte[], Object, Object> {
  private final JsonSerde<V> serde;
  private final String name;
  protected ProcessorContext<Object, Object> context;

  /** @param name this processor's node name; its outputs are the sinks named {@code name->output} */
  GuardedProcessor(Class<V> type, String name) {
    this.serde = JsonSerde.of(type);
    this.name = name;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public final void process(Record<byte[], byte[]> record) {
    String key;
    V value;
    try {
      if (record.key() == null) {
        throw new IllegalArgumentException("the record has no key");
      }
      key = new String(record.key(), StandardCharsets.UTF_8);
      value = serde.read(record.value());
      String problem = check(key, value);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    } catch (KafkaException e) {
      throw e;
    } catch (RuntimeException e) {
      DeadLetters.send(context, record, e.getMessage(), sink(AlertTopology.DEAD_LETTERS));
      return;
    }
    try {
      handle(key, value, record.timestamp());
    } catch (KafkaException e) {
      throw e;
    } catch (RuntimeException e) {
      DeadLetters.send(context, record, "cannot process: " + e, sink(AlertTopology.DEAD_LETTERS));
    }
  }

  /** What is wrong with a readable record, or null if it can be processed; a null value is a deletion. */
  abstract String check(String key, V value);

  abstract void handle(String key, V value, long timestamp);

  <K, T> void forward(String output, K key, T value, long timestamp) {
    context.forward(new Record<>(key, value, timestamp), sink(output));
  }

  private String sink(String output) {
    return AlertTopology.sink(name, output);
  }
}
