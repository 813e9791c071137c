package crisis.alerts.reintegration;

import crisis.alerts.kafka.Topics;
import crisis.core.repatriation.EvacuationEvent;
import crisis.alerts.pipeline.JsonSerde;
import crisis.alerts.support.ConsumerLoop;
import crisis.core.common.ErrorFacts;
import crisis.core.repatriation.EvacuationRequest;
import crisis.core.reintegration.CaseOpening;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where reintegration begins: reads the {@code evacuations} topic and opens one case for each household whose
 * request arrived. Offsets are committed after the database write, so a failed batch is read again; a replayed or
 * repeated arrival opens nothing twice (one case per request, by a unique index, checked first).
 */
public final class ArrivalIngest implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArrivalIngest.class);
  private static final JsonSerde<EvacuationEvent> EVENT = JsonSerde.of(EvacuationEvent.class);
  private final Jdbi jdbi;
  private final Consumer<String, byte[]> consumer;
  private final CaseOpening cases;
  private ConsumerLoop loop;

  /** @param consumer a consumer with read_committed isolation and auto-commit off */
  public ArrivalIngest(Jdbi jdbi, Consumer<String, byte[]> consumer, CaseOpening cases) {
    this.jdbi = jdbi;
    this.consumer = consumer;
    this.cases = cases;
  }

  public synchronized void start() {
    loop = ConsumerLoop.start("arrival-ingest", consumer, Topics.EVACUATIONS, this::open);
  }

  private void open(ConsumerRecords<String, byte[]> records) {
    Set<UUID> arrived = new LinkedHashSet<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      try {
        EvacuationEvent e = r.value() == null ? null : EVENT.read(r.value());
        if (e != null && e.state() == EvacuationRequest.State.ARRIVED) {
          arrived.add(e.requestId());
        }
      } catch (IllegalArgumentException e) {
        LOG.warn("skipping an unreadable evacuation at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
            ErrorFacts.describe(e));
      }
    }
    if (!arrived.isEmpty()) {
      jdbi.useTransaction(h -> arrived.forEach(id -> cases.openFromArrival(h, id)));
    }
  }

  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.close();
      loop = null;
    }
  }
}
