package crisis.alerts.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker in this JVM (KRaft, one combined broker and controller), for the embedded default and the tests.
 * Production points at an external cluster instead. Settings are those a single broker needs to run transactions and
 * exactly-once Streams: replication factors and minimum in-sync replicas of 1, no initial rebalance delay.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  private EmbeddedKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /**
   * Formats and starts a broker.
   *
   * @param baseDirectory where the logs live, kept between starts; null for a throw-away directory deleted on close
   */
  public static EmbeddedKafka start(Path baseDirectory) {
    try {
      // The released metadata version, not the test kit's default (the next, unreleased one with unstable features).
      TestKitNodes.Builder nodes = new TestKitNodes.Builder()
          .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
          .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION);
      boolean formatted = false;
      if (baseDirectory != null) {
        // A kept directory is the same cluster on every start: same id, storage formatted once.
        Files.createDirectories(baseDirectory);
        Path idFile = baseDirectory.resolve("cluster-id");
        if (!Files.exists(idFile)) {
          Files.writeString(idFile, Uuid.randomUuid().toString());
        }
        formatted = Files.exists(baseDirectory.resolve("formatted"));
        nodes.setBaseDirectory(baseDirectory).setClusterId(Files.readString(idFile).strip());
      }
      KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes.build())
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setConfigProp("unstable.api.versions.enable", "false")
          .setConfigProp("unstable.feature.versions.enable", "false")
          .setDeleteOnClose(baseDirectory == null)
          .build();
      if (!formatted) {
        cluster.format();
        if (baseDirectory != null) {
          Files.writeString(baseDirectory.resolve("formatted"), "");
        }
      }
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new EmbeddedKafka(cluster);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
    }
  }

  /** host:port of the broker, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the embedded Kafka broker", e);
    }
  }
}
