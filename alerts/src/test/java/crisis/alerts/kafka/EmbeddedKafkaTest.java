package crisis.alerts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.testing.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A real in-process broker: topics as documented, and transactions visible only once committed. */
@Tag("kafka")
class EmbeddedKafkaTest {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(null);
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void createsTheDocumentedTopicsOnceWithTheirCleanUpPolicy() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      Topics.ensure(admin, 3, (short) 1);
      Topics.ensure(admin, 3, (short) 1);
      assertThat(admin.listTopics().names().get()).containsAll(Topics.all());
      ConfigResource registrations = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REGISTRATIONS);
      ConfigResource alerts = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ALERTS);
      var configs = admin.describeConfigs(List.of(registrations, alerts)).all().get();
      assertThat(configs.get(registrations).get("cleanup.policy").value()).isEqualTo("compact");
      assertThat(configs.get(alerts).get("cleanup.policy").value()).isEqualTo("delete");
      assertThat(admin.describeTopics(List.of(Topics.ALERTS)).allTopicNames().get().get(Topics.ALERTS)
          .partitions()).hasSize(3);
    }
  }

  @Test
  void readCommittedConsumersSeeOnlyCommittedTransactions() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-tx");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tx-test", "a", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tx-test", "b", "committed"));
      producer.commitTransaction();
    }
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "test");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
      consumer.subscribe(List.of("tx-test"));
      long until = System.currentTimeMillis() + 20_000;
      while (values.isEmpty() && System.currentTimeMillis() < until) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
    }
    assertThat(values).containsExactly("committed");
  }

  @Test
  void aKeptDirectoryKeepsTheTopicsAcrossRestarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    Properties p = new Properties();
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (EmbeddedKafka first = EmbeddedKafka.start(dir)) {
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers());
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
        producer.send(new ProducerRecord<>("kept", "k", "before the restart"));
      }
    }
    try (EmbeddedKafka second = EmbeddedKafka.start(dir)) {
      Properties c = new Properties();
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers());
      c.put(ConsumerConfig.GROUP_ID_CONFIG, "kept");
      c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
      c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
      List<String> values = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
        consumer.subscribe(List.of("kept"));
        Poll.until(Duration.ofSeconds(30), () -> {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
          return values;
        }, v -> !v.isEmpty(), "the record kept across the restart");
      }
      assertThat(values).containsExactly("before the restart");
    }
  }

  @Test
  void listensOnLoopbackOnly() throws Exception {
    // The registrations topic holds people's coordinates and the broker has no authentication: nothing of it may be
    // reachable from another machine. Read from the kernel: every listening socket this JVM holds.
    var listening = crisis.core.testing.ListeningSockets.of(Set.of(ProcessHandle.current().pid()));
    int port = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().indexOf(':') + 1));
    assertThat(listening).as("this JVM's listening sockets")
        .anyMatch(s -> s.port() == port)
        .hasSizeGreaterThanOrEqualTo(2) // broker and controller
        .allMatch(crisis.core.testing.ListeningSockets.Socket::loopback);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
      String listeners = admin.describeConfigs(List.of(broker)).all().get().get(broker).get("listeners").value();
      assertThat(listeners.split(",")).allMatch(l -> l.contains("://127.0.0.1:"));
    }
  }
}
