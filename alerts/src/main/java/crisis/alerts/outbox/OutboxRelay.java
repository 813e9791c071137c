package crisis.alerts.outbox;

import crisis.alerts.kafka.Topics;
import crisis.alerts.pipeline.CrisisEvent;
import crisis.alerts.pipeline.JsonSerde;
import crisis.alerts.outbox.OutboxDao.Row;
import crisis.alerts.pipeline.RegistrationEvent;
import crisis.alerts.support.Loop;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.db.CrisisDao;
import crisis.core.db.Jdbis;
import crisis.core.privacy.FieldCipher;
import crisis.core.privacy.PositionSeal;
import crisis.core.registry.RegistrationState;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.reintegration.ReintegrationEvent;
import crisis.core.reintegration.db.ReintegrationDao;
import crisis.core.repatriation.EvacuationEvent;
import crisis.core.repatriation.db.EvacuationDao;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to Kafka after commit. Each round, in one database transaction: take the oldest rows in id
 * order, read the current state of the aggregates they name, send each state keyed by aggregate id, wait until Kafka
 * has acknowledged every record, then delete the rows. A crash anywhere before the delete commits leaves the rows
 * to be sent again (a state sent twice is harmless: consumers keep the newest version). Only one relay works at a
 * time across instances (a transaction-scoped advisory lock), so a key's states reach Kafka in the order they were
 * written.
 */
public final class OutboxRelay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  /** Advisory lock key: "outbox" in ASCII. */
  private static final long LOCK = 0x6f7574626f78L;
  private static final JsonSerde<RegistrationEvent> REGISTRATION_JSON = JsonSerde.of(RegistrationEvent.class);
  private static final JsonSerde<CrisisEvent> CRISIS_JSON = JsonSerde.of(CrisisEvent.class);
  private static final JsonSerde<EvacuationEvent> EVACUATION_JSON = JsonSerde.of(EvacuationEvent.class);
  private static final JsonSerde<ReintegrationEvent> REINTEGRATION_JSON = JsonSerde.of(ReintegrationEvent.class);

  private final Jdbi jdbi;
  private final Producer<String, byte[]> producer;
  private final int batchSize;
  private final Duration idle;
  private final AtomicLong relayed = new AtomicLong();
  private Loop loop;

  public OutboxRelay(Jdbi jdbi, Producer<String, byte[]> producer, int batchSize, Duration idle) {
    this.jdbi = Jdbis.prepare(jdbi, List.of(OutboxDao.class));
    this.producer = producer;
    this.batchSize = batchSize;
    this.idle = idle;
  }

  public synchronized void start() {
    if (loop == null) {
      loop = Loop.start("outbox-relay", idle, () -> relayOnce() == batchSize);
    }
  }

  /** Records published since start. */
  public long relayed() {
    return relayed.get();
  }

  /** The last error, or null once a round succeeded after it. */
  public String lastError() {
    Loop l = loop;
    return l == null ? null : l.lastError();
  }

  /** How many rows wait, and the age of the oldest (null when none). */
  public Backlog backlog() {
    return jdbi.withExtension(OutboxDao.class, dao -> {
      Instant oldest = dao.oldestCreatedAt().orElse(null);
      return new Backlog(oldest == null ? 0 : dao.count(), oldest);
    });
  }

  public record Backlog(long rows, Instant oldest) {}

  /** One round; returns the number of outbox rows done (0 when another instance holds the relay). */
  public int relayOnce() {
    return jdbi.inTransaction(h -> {
      OutboxDao outbox = h.attach(OutboxDao.class);
      if (!outbox.tryLock(LOCK)) {
        return 0;
      }
      outbox.withoutJit();
      long t0 = System.nanoTime();
      List<Row> rows = outbox.oldest(batchSize);
      if (rows.isEmpty()) {
        return 0;
      }
      Map<UUID, Row> order = lastRowOfEach(rows);
      List<Future<RecordMetadata>> sent = send(order.values(), States.read(h, order.values()));
      long t1 = System.nanoTime();
      producer.flush();
      awaitAcknowledgements(sent);
      outbox.delete(rows.stream().mapToLong(Row::id).toArray());
      relayed.addAndGet(sent.size());
      long t2 = System.nanoTime();
      if (t2 - t0 > 2_000_000_000L) {
        LOG.warn("slow outbox round: {} rows, {} ms reading and sending, {} ms waiting for Kafka and deleting",
            rows.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
      }
      return rows.size();
    });
  }

  /** Each aggregate once, at the place of its last row: its current state is newer than all of them. */
  private static Map<UUID, Row> lastRowOfEach(List<Row> rows) {
    LinkedHashMap<UUID, Row> order = new LinkedHashMap<>();
    for (Row r : rows) {
      order.remove(r.aggregateId());
      order.put(r.aggregateId(), r);
    }
    return order;
  }

  /**
   * The current state of the crises, registrations, evacuations and reintegration cases the rows name, each asked of
   * its owner in one go.
   */
  private record States(Map<UUID, Crisis> crises, Map<UUID, RegistrationEvent> registrations,
      Map<UUID, EvacuationEvent> evacuations, Map<UUID, ReintegrationEvent> reintegrations) {
    static States read(Handle h, Collection<Row> rows) {
      List<UUID> crisisIds = rows.stream().filter(r -> r.aggregate() == Aggregate.CRISIS)
          .map(Row::aggregateId).toList();
      Map<UUID, Crisis> crises = new HashMap<>();
      h.attach(CrisisDao.class).findAll(crisisIds).forEach(c -> crises.put(c.id(), c));
      Map<UUID, RegistrationEvent> registrations = new HashMap<>();
      UUID[] registrationIds = ids(rows, Aggregate.REGISTRATION);
      if (registrationIds.length > 0) {
        PositionSeal seal = FieldCipher.of(h).positions();
        h.attach(RegistrationDao.class).states(registrationIds)
            .forEach(r -> registrations.put(r.id(), event(seal, r)));
      }
      Map<UUID, EvacuationEvent> evacuations = new HashMap<>();
      UUID[] evacuationIds = ids(rows, Aggregate.EVACUATION);
      if (evacuationIds.length > 0) {
        h.attach(EvacuationDao.class).events(evacuationIds).forEach(e -> evacuations.put(e.requestId(), e));
      }
      Map<UUID, ReintegrationEvent> reintegrations = new HashMap<>();
      UUID[] caseIds = ids(rows, Aggregate.REINTEGRATION);
      if (caseIds.length > 0) {
        h.attach(ReintegrationDao.class).events(caseIds).forEach(e -> reintegrations.put(e.caseId(), e));
      }
      return new States(crises, registrations, evacuations, reintegrations);
    }
  }

  private static UUID[] ids(Collection<Row> rows, Aggregate aggregate) {
    return rows.stream().filter(r -> r.aggregate() == aggregate).map(Row::aggregateId).toArray(UUID[]::new);
  }

  /** What the topic carries of a registration: the point sealed, the cell coarse (issue 31). */
  private static RegistrationEvent event(PositionSeal seal, RegistrationState r) {
    return RegistrationEvent.of(seal, r.id(), r.version(), r.status(), r.latitude(), r.longitude(), r.h3Cell(),
        r.preferredLanguage(), r.countryOfResidence());
  }

  /** Sends each aggregate's current state to its topic (a tombstone when it is gone), keyed by its id. */
  private List<Future<RecordMetadata>> send(Collection<Row> rows, States states) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
    for (Row r : rows) {
      String key = r.aggregateId().toString();
      byte[] value = switch (r.aggregate()) {
        case REGISTRATION -> {
          RegistrationEvent e = states.registrations().get(r.aggregateId());
          yield e == null ? null : REGISTRATION_JSON.write(e);
        }
        case REINTEGRATION -> {
          ReintegrationEvent e = states.reintegrations().get(r.aggregateId());
          yield e == null ? null : REINTEGRATION_JSON.write(e);
        }
        case EVACUATION -> {
          EvacuationEvent e = states.evacuations().get(r.aggregateId());
          yield e == null ? null : EVACUATION_JSON.write(e);
        }
        case CRISIS -> {
          Crisis c = states.crises().get(r.aggregateId());
          yield c == null ? null : CRISIS_JSON.write(event(c));
        }
      };
      sent.add(producer.send(new ProducerRecord<>(r.aggregate().topic(), key, value)));
    }
    return sent;
  }

  /** Waits until Kafka acknowledged every record sent; a refusal fails the round (the rows stay in the outbox). */
  private static void awaitAcknowledgements(List<Future<RecordMetadata>> sent) {
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Kafka", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("Kafka refused a record: " + e.getCause().getMessage(), e.getCause());
      }
    }
  }

  /** The pipeline's view of a crisis. */
  public static CrisisEvent event(Crisis c) {
    return new CrisisEvent(c.id(), c.version(), c.status().name(), c.zones(),
        c.messages().stream().map(m -> new CrisisEvent.MessageRef(m.id(), m.seq())).toList());
  }

  @Override
  public void close() {
    synchronized (this) {
      if (loop != null) {
        loop.close();
        loop = null;
      }
    }
    producer.close(Duration.ofSeconds(5));
  }
}
