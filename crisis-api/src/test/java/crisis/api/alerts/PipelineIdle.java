package crisis.api.alerts;

import crisis.alerts.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * A positive signal that the alert pipeline has processed everything written so far: the Streams application has
 * committed offsets past the last record of every topic it reads, and no transaction is open on them. With
 * exactly-once, its outputs for those records are committed with those offsets: an alert that was going to be
 * written is on the {@code alerts} topic by then. Used instead of watching the topic for a fixed time.
 */
final class PipelineIdle {
  /** Topics the outbox relay writes (no transactions): consumed means committed offset = end. */
  private static final Set<String> PLAIN = Set.of(Topics.REGISTRATIONS, Topics.CRISIS_ZONES);
  /** Topics Streams writes in transactions: the last offset is a commit marker, nothing to consume. */
  private static final Set<String> TRANSACTIONAL = Set.of(Topics.PIPELINE_CELLS, Topics.PIPELINE_CRISIS_CANDIDATES);

  private PipelineIdle() {}

  static void await(String bootstrap, String applicationId, Duration limit) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<String> topics = List.of(Topics.REGISTRATIONS, Topics.CRISIS_ZONES, Topics.PIPELINE_CELLS,
          Topics.PIPELINE_CRISIS_CANDIDATES);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
          .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      long end = System.nanoTime() + limit.toNanos();
      int idleInARow = 0;
      while (System.nanoTime() < end) {
        var highWater = admin.listOffsets(latest).all().get();
        var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
            .partitionsToOffsetAndMetadata().get();
        boolean idle = true;
        for (TopicPartition tp : latest.keySet()) {
          long hw = highWater.get(tp).offset();
          long lso = stable.get(tp).offset();
          OffsetAndMetadata c = committed.get(tp);
          long done = c == null ? 0 : c.offset();
          long needed = TRANSACTIONAL.contains(tp.topic()) ? hw - 1 : hw;
          idle &= lso == hw && done >= needed && (PLAIN.contains(tp.topic()) || TRANSACTIONAL.contains(tp.topic()));
        }
        // Twice in a row, a commit interval apart: nothing was in flight between two looks.
        idleInARow = idle ? idleInARow + 1 : 0;
        if (idleInARow >= 2) {
          return;
        }
        Thread.sleep(150);
      }
      throw new AssertionError("the alert pipeline did not catch up within " + limit);
    }
  }
}
