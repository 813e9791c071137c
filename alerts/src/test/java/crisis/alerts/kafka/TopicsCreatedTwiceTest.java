package crisis.alerts.kafka;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two instances starting together both find a topic missing and both create it (issue 30's cluster test: the second
 * instance refused to start on TOPIC_ALREADY_EXISTS). The loser of that race goes on.
 */
@Tag("kafka")
class TopicsCreatedTwiceTest {
  @Test
  void aTopicAnotherInstanceCreatedMeanwhileIsNoError() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(null);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      Topics.ensure(admin, 2, (short) 1);
      // What the second instance does when it listed the topics before the first created them.
      assertThatCode(() -> Topics.create(admin, List.of(new NewTopic(Topics.ALERTS, 2, (short) 1),
          new NewTopic(Topics.REGISTRATIONS, 2, (short) 1)))).doesNotThrowAnyException();
    }
  }
}
