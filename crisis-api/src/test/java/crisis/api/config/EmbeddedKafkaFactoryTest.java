package crisis.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.kafka.EmbeddedKafka;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded default's broker made secure on a data directory an earlier, unsecured version formatted (a
 * developer's ./data/kafka): it starts, with its topics, and signs its users in.
 */
@Tag("kafka")
class EmbeddedKafkaFactoryTest {
  @Test
  void aDataDirectoryFromBeforeTheBrokerWasSecuredStartsSecuredWithItsTopics() throws Exception {
    Path dir = Files.createTempDirectory("crisis-kafka-upgrade");
    try (EmbeddedKafka before = EmbeddedKafka.start(dir)) {
      try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", before.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("kept-from-before", 1, (short) 1))).all().get();
      }
    }
    for (int start = 1; start <= 2; start++) {
      EmbeddedKafkaFactory factory = new EmbeddedKafkaFactory();
      factory.dataDirectory = dir.toString();
      factory.secured = true;
      try (KafkaFactory.Broker broker = factory.broker()) {
        Properties creds = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("credentials"))) {
          creds.load(in);
        }
        Map<String, Object> admin = new HashMap<>(EmbeddedKafka.scramClient("broker-admin",
            creds.getProperty("broker-admin")));
        admin.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin a = Admin.create(admin)) {
          assertThat(a.listTopics().names().get()).as("start %d", start).contains("kept-from-before");
        }
      }
    }
  }
}
