package crisis.alerts.pipeline;

import crisis.alerts.kafka.Topics;
import crisis.core.crisis.CrisisStore;
import crisis.core.crisis.CrisisTally;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code crisis_tally} in the database equal to the newest snapshot on {@code crisis-tally}, so any instance
 * of the API answers the status of any crisis. Offsets are committed after the database write; a replay writes
 * nothing older (the revision only grows).
 */
public final class TallyProjector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TallyProjector.class);
  private static final JsonSerde<Tally> TALLY = JsonSerde.of(Tally.class);
  private final Jdbi jdbi;
  private final Consumer<String, byte[]> consumer;
  private volatile boolean running;
  private Thread thread;

  /** @param consumer a consumer with read_committed isolation and auto-commit off */
  public TallyProjector(Jdbi jdbi, Consumer<String, byte[]> consumer) {
    this.jdbi = jdbi;
    this.consumer = consumer;
  }

  public synchronized void start() {
    running = true;
    thread = new Thread(this::loop, "tally-projector");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      consumer.subscribe(List.of(Topics.CRISIS_TALLY));
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          continue;
        }
        Map<String, Tally> newest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
          try {
            Tally t = TALLY.read(r.value());
            if (t != null) {
              newest.merge(r.key(), t, (a, b) -> b.revision() > a.revision() ? b : a);
            }
          } catch (IllegalArgumentException e) {
            LOG.warn("skipping an unreadable tally at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                e.getMessage());
          }
        }
        save(newest);
        consumer.commitSync();
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("the tally projector stopped: {}", e.toString());
    } finally {
      consumer.close();
    }
  }

  /** Writes the snapshots, retrying while the database is away: the offsets wait for the write. */
  private void save(Map<String, Tally> newest) {
    long backoff = 200;
    while (running) {
      try {
        // The status is the crisis's own, read with the tally; it is not part of the snapshot.
        jdbi.useTransaction(h -> newest.values().forEach(t -> CrisisStore.saveTally(h, new CrisisTally(
            t.crisisId(), null, t.affected(), t.alerted(), t.alertedByMessage(), t.revision(), t.updatedAt()))));
        return;
      } catch (RuntimeException e) {
        LOG.warn("cannot save crisis tallies, retrying in {} ms: {}", backoff, e.toString());
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new WakeupException();
        }
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
      thread = null;
    }
    if (t != null) {
      consumer.wakeup();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
