package crisis.alerts.pipeline;

import crisis.alerts.kafka.Topics;
import crisis.alerts.support.ConsumerLoop;
import crisis.core.common.ErrorFacts;
import crisis.core.crisis.db.CrisisDao;
import crisis.core.crisis.CrisisTally;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code crisis_tally} in the database equal to the newest snapshot on {@code crisis-tally}, so any instance
 * of the API answers the status of any crisis. Offsets are committed after the database write (a failed write is
 * read again); a replay writes nothing older (the revision only grows).
 */
public final class TallyProjector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TallyProjector.class);
  private static final JsonSerde<Tally> TALLY = JsonSerde.of(Tally.class);
  private final Jdbi jdbi;
  private final Consumer<String, byte[]> consumer;
  private ConsumerLoop loop;

  /** @param consumer a consumer with read_committed isolation and auto-commit off */
  public TallyProjector(Jdbi jdbi, Consumer<String, byte[]> consumer) {
    this.jdbi = jdbi;
    this.consumer = consumer;
  }

  public synchronized void start() {
    loop = ConsumerLoop.start("tally-projector", consumer, Topics.CRISIS_TALLY, this::save);
  }

  private void save(ConsumerRecords<String, byte[]> records) {
    Map<String, Tally> newest = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      try {
        Tally t = TALLY.read(r.value());
        if (t != null) {
          newest.merge(r.key(), t, (a, b) -> b.revision() > a.revision() ? b : a);
        }
      } catch (IllegalArgumentException e) {
        LOG.warn("skipping an unreadable tally at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
            ErrorFacts.describe(e));
      }
    }
    // The status is the crisis's own, read with the tally; it is not part of the snapshot.
    jdbi.useTransaction(h -> {
      CrisisDao dao = h.attach(CrisisDao.class);
      newest.values().forEach(t -> dao.saveTally(new CrisisTally(t.crisisId(), null, t.affected(), t.alerted(),
          t.alertedByMessage(), t.revision(), t.updatedAt(), t.problem())));
    });
  }

  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.close();
      loop = null;
    }
  }
}
