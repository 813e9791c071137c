package crisis.alerts.support;

import crisis.core.common.ErrorFacts;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer thread that hands each batch to a handler and commits the offsets only after it succeeded. A failed
 * batch (the database away, say) is read again from the committed offsets after a growing pause, so nothing is
 * skipped; no failure ends the thread, only {@link #close}. The tally projector and the SMS alert ingest run on one.
 */
public final class ConsumerLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

  @FunctionalInterface
  public interface Handler {
    void handle(ConsumerRecords<String, byte[]> records) throws Exception;
  }

  private final String name;
  private final Consumer<String, byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  /** @param consumer auto-commit off; read_committed where the topic is written in transactions */
  private ConsumerLoop(String name, Consumer<String, byte[]> consumer, String topic, Handler handler) {
    this.name = name;
    this.consumer = consumer;
    this.thread = new Thread(() -> run(topic, handler), name);
    thread.setDaemon(true);
  }

  public static ConsumerLoop start(String name, Consumer<String, byte[]> consumer, String topic, Handler handler) {
    ConsumerLoop l = new ConsumerLoop(name, consumer, topic, handler);
    l.thread.start();
    return l;
  }

  private void run(String topic, Handler handler) {
    try {
      consumer.subscribe(List.of(topic));
      long backoff = 200;
      while (running) {
        ConsumerRecords<String, byte[]> records = ConsumerRecords.empty();
        try {
          records = consumer.poll(Duration.ofMillis(500));
          if (!records.isEmpty()) {
            handler.handle(records);
            consumer.commitSync();
          }
          backoff = 200;
        } catch (WakeupException e) {
          throw e;
        } catch (Exception e) {
          if (!running) {
            return;
          }
          LOG.warn("{} failed, reading again from the committed offsets in {} ms: {}", name, backoff,
              ErrorFacts.describe(e));
          rewind(records.partitions());
          Thread.sleep(backoff);
          backoff = Math.min(backoff * 2, 30_000);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /** Back to the committed offsets; tried until it works, since polling on would skip the failed batch. */
  private void rewind(Set<TopicPartition> partitions) throws InterruptedException {
    long backoff = 200;
    while (running) {
      // Partitions taken away meanwhile are read by their new owner from the committed offsets.
      Set<TopicPartition> mine = new HashSet<>(partitions);
      mine.retainAll(consumer.assignment());
      if (mine.isEmpty()) {
        return;
      }
      try {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(mine);
        for (TopicPartition p : mine) {
          OffsetAndMetadata o = committed.get(p);
          if (o != null) {
            consumer.seek(p, o);
          } else {
            consumer.seekToBeginning(List.of(p));
          }
        }
        return;
      } catch (WakeupException e) {
        throw e;
      } catch (RuntimeException e) {
        LOG.warn("{} cannot read its committed offsets, again in {} ms: {}", name, backoff, ErrorFacts.describe(e));
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  /** Wakes the consumer, waits up to 10 s for the thread, which closes the consumer. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
