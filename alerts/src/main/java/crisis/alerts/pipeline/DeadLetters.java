package crisis.alerts.pipeline;

import java.nio.charset.StandardCharsets;
import crisis.alerts.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Sends a record the pipeline cannot use to the dead-letter topic, unchanged, with why and where it came from in
 * headers; the stream goes on with the next record.
 */
public final class DeadLetters {
  public static final String REASON = "x-dead-letter-reason";
  public static final String TOPIC = "x-dead-letter-topic";
  public static final String PARTITION = "x-dead-letter-partition";
  public static final String OFFSET = "x-dead-letter-offset";

  private DeadLetters() {}

  static void send(ProcessorContext<?, ?> context, Record<byte[], byte[]> record, String reason, String sink) {
    RecordMetadata m = context.recordMetadata().orElse(null);
    Headers h = m == null ? headers(record.headers(), reason, null, 0, 0)
        : headers(record.headers(), reason, m.topic(), m.partition(), m.offset());
    @SuppressWarnings("unchecked")
    ProcessorContext<byte[], byte[]> raw = (ProcessorContext<byte[], byte[]>) context;
    raw.forward(new Record<>(record.key(), record.value(), record.timestamp(), h), sink);
  }

  /** A consumed record the reader refuses, as it goes to the dead-letter topic: unchanged, with why and whence. */
  public static ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> r, String reason) {
    return new ProducerRecord<>(Topics.DEAD_LETTERS, null, r.key(), r.value(),
        headers(r.headers(), reason, r.topic(), r.partition(), r.offset()));
  }

  /** The record's own headers, then why (at most 500 characters) and, when known (topic not null), whence. */
  private static Headers headers(Headers original, String reason, String topic, int partition, long offset) {
    Headers h = new RecordHeaders(original.toArray());
    h.add(REASON, bytes(reason.length() > 500 ? reason.substring(0, 500) : reason));
    if (topic != null) {
      h.add(TOPIC, bytes(topic));
      h.add(PARTITION, bytes(Integer.toString(partition)));
      h.add(OFFSET, bytes(Long.toString(offset)));
    }
    return h;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
