package crisis.api.alerts;

import crisis.alerts.kafka.Topics;
import crisis.alerts.pipeline.Alert;
import crisis.alerts.pipeline.JsonSerde;
import crisis.core.access.Actor;
import crisis.core.consulate.Consulate;
import crisis.core.consulate.ConsulateDao;
import crisis.core.demo.DemoCsv;
import crisis.core.demo.DemoData;
import crisis.core.registry.importing.RegistrationImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jdbi.v3.core.Jdbi;

/** Reads the {@code alerts} topic as a downstream consumer would: committed records only, from the beginning. */
public final class AlertsTopic implements AutoCloseable {
  private static final JsonSerde<Alert> ALERT = JsonSerde.of(Alert.class);
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Alert> seen = new ArrayList<>();

  public AlertsTopic(String bootstrapServers) {
    this(bootstrapServers, Map.of());
  }

  /** With more client properties (a secured broker's credentials). */
  public AlertsTopic(String bootstrapServers, Map<String, String> properties) {
    Map<String, Object> m = new java.util.HashMap<>(properties);
    m.putAll(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    consumer = new KafkaConsumer<>(m, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(Topics.ALERTS));
  }

  /** Every alert read so far. */
  public List<Alert> seen() {
    return seen;
  }

  /** Reads until {@code done} holds for the alerts matching {@code filter}, or the timeout passes. */
  public List<Alert> readUntil(Predicate<Alert> filter, Predicate<List<Alert>> done, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (done.test(matching(filter))) {
        break;
      }
      poll();
    }
    return matching(filter);
  }

  /**
   * Reads every committed alert up to the end of the topic as it is now (a positive signal, not a time), then
   * returns the matching ones.
   */
  public List<Alert> readToEnd(Predicate<Alert> filter) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
      poll();
    }
    Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("could not read the alerts topic to its end");
      }
      poll();
    }
    return matching(filter);
  }

  private void poll() {
    consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(ALERT.read(r.value())));
  }

  private List<Alert> matching(Predicate<Alert> filter) {
    return seen.stream().filter(filter).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }

  /** Imports {@code rows} deterministic demo nationals (around the world) through the real importer. */
  public static void importDemo(Jdbi jdbi, RegistrationImporter importer, int rows, long seed) throws Exception {
    jdbi.useExtension(ConsulateDao.class, dao -> {
      for (Consulate c : DemoData.consulates()) {
        if (dao.find(c.id()).isEmpty()) {
          dao.insert(c);
        }
      }
    });
    Path csv = Files.createTempFile("pipeline-test-", ".csv");
    try {
      DemoCsv.write(csv, rows, seed, LocalDate.now());
      importer.importFile(Actor.cli("test"), csv, o -> { });
    } finally {
      Files.deleteIfExists(csv);
    }
  }
}
