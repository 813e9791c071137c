package crisis.alerts.pipeline;

import crisis.core.crisis.PipelineProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor that reads raw records: a key or value it cannot read, or a record it cannot process, goes to the
 * dead-letter topic with the reason instead of stopping the stream, is logged (where it came from and why; for a
 * record that may hold a person's data, only the kind of error, since messages can quote the record), and is reported
 * to the crisis it belongs to when there is one ({@link #failed}), so that a crisis nobody is alerted for never goes
 * unseen. Kafka's own errors (a lost transaction, a rebalance) are not caught: Streams must handle those; nor is a
 * database that cannot answer {@link Versions} (the record is read again, not refused).
 */
abstract class GuardedProcessor<V> implements Processor<byte[], byte[], Object, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedProcessor.class);
  private final JsonSerde<V> serde;
  private final String name;
  private final boolean personal;
  protected ProcessorContext<Object, Object> context;

  /**
   * @param name this processor's node name; its outputs are the sinks named {@code name->output}
   * @param personal whether its records may hold a person's data (then an error's message is not logged)
   */
  GuardedProcessor(Class<V> type, String name, boolean personal) {
    this.serde = JsonSerde.of(type);
    this.name = name;
    this.personal = personal;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public final void process(Record<byte[], byte[]> record) {
    String key = null;
    V value = null;
    try {
      if (record.key() == null) {
        throw new IllegalArgumentException("the record has no key");
      }
      key = new String(record.key(), StandardCharsets.UTF_8);
      value = serde.read(record.value());
    } catch (KafkaException e) {
      throw e;
    } catch (RuntimeException e) {
      refuse(record, key, null, e.getMessage(), personal ? "unreadable (" + e.getClass().getSimpleName() + ")"
          : e.getMessage());
      return;
    }
    String problem;
    try {
      problem = check(key, value);
    } catch (KafkaException | Versions.Unavailable e) {
      throw e;
    } catch (RuntimeException e) {
      problem = e.toString();
      refuse(record, key, value, problem, personal ? e.getClass().getSimpleName() : problem);
      return;
    }
    if (problem != null) {
      // The checks' own words name what is missing, never a value.
      refuse(record, key, value, problem, problem);
      return;
    }
    try {
      handle(key, value, record.timestamp());
    } catch (KafkaException | Versions.Unavailable e) {
      throw e;
    } catch (Refused e) {
      // Raised by handle before it forwarded anything: a refusal in the checks' own words.
      refuse(record, key, value, e.getMessage(), e.getMessage());
    } catch (RuntimeException e) {
      String reason = "cannot process: " + e;
      refuse(record, key, value, reason, personal ? "cannot process: " + e.getClass().getName() : reason);
    }
  }

  private void refuse(Record<byte[], byte[]> record, String key, V value, String reason, String loggable) {
    String why = reason == null ? "unknown" : reason;
    DeadLetters.send(context, record, why, sink(AlertTopology.DEAD_LETTERS));
    String where = context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
        .orElse("an unknown offset");
    LOG.error("{}: the record at {} goes to dead-letters: {}", name, where, loggable);
    try {
      failed(key, value, personal ? loggable : why, record.timestamp());
    } catch (KafkaException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.error("{}: the failure at {} could not be reported to its crisis: {}", name, where,
          e.getClass().getName());
    }
  }

  /**
   * A refusal {@link #handle} found with what it had read anyway (so that a check need not read it twice), thrown
   * before anything was forwarded; its message names what is wrong, never a value.
   */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String why) {
      super(why, null, false, false);
    }
  }

  /** What is wrong with a readable record, or null if it can be processed; a null value is a deletion. */
  abstract String check(String key, V value);

  abstract void handle(String key, V value, long timestamp);

  /**
   * Called once a record went to the dead letters: a processor whose record belongs to a crisis reports the problem
   * to it. Nothing by default.
   *
   * @param key the key as text, null when unreadable
   * @param value the value, null when unreadable
   * @param reason why, as it may be shown and logged (for a processor of personal records, the kind of error only)
   */
  void failed(String key, V value, String reason, long timestamp) {}

  /** Sends a problem to the alert step of the crisis (keyed by crisis id), which keeps it in the crisis's tally. */
  void reportToCrisis(UUID crisisId, int version, String reason, long timestamp) {
    LOG.error("crisis {} (version {}): the alert pipeline cannot process it, people in its zones are not being "
        + "alerted: {}", crisisId, version, reason);
    forward(AlertTopology.CANDIDATES, crisisId.toString(), CrisisCandidates.problem(new PipelineProblem(
        name + ": " + reason, version, Instant.ofEpochMilli(timestamp))), timestamp);
  }

  static UUID crisisIdOf(String key) {
    try {
      return key == null ? null : UUID.fromString(key);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  <K, T> void forward(String output, K key, T value, long timestamp) {
    context.forward(new Record<>(key, value, timestamp), sink(output));
  }

  private String sink(String output) {
    return AlertTopology.sink(name, output);
  }
}
