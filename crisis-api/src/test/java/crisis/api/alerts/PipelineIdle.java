package crisis.api.alerts;

import crisis.alerts.kafka.Topics;
import crisis.core.testing.Poll;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
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
      // Twice in a row, looks more than a commit interval (100 ms) apart: nothing was in flight between them.
      AtomicInteger idleInARow = new AtomicInteger();
      Poll.until(limit, Duration.ofMillis(150), () -> {
        int n = idle(admin, latest, applicationId) ? idleInARow.get() + 1 : 0;
        idleInARow.set(n);
        return n;
      }, n -> n >= 2, "the alert pipeline to catch up");
    }
  }

  /** Whether every topic the pipeline reads is read to its end and committed, with no transaction open on it. */
  private static boolean idle(Admin admin, Map<TopicPartition, OffsetSpec> latest, String applicationId) {
    try {
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
      return idle;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the pipeline's offsets", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the pipeline's offsets", e);
    }
  }
}
