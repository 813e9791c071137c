package crisis.alerts.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka broker in this JVM (KRaft, one node that is both broker and controller), for the embedded default,
 * the tests and the benchmarks; production points at an external cluster instead. It is Kafka's own server
 * ({@code KafkaRaftServer}), not a test kit, so the release carries no test framework.
 *
 * <p>Both listeners bind to 127.0.0.1 only: the {@code registrations} topic holds people's coordinates and the broker
 * has no authentication. Settings are those a single broker needs for transactions and exactly-once Streams:
 * replication factors and minimum in-sync replicas of 1, no initial rebalance delay; the released metadata version,
 * no unstable features.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path throwAway;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path throwAway) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.throwAway = throwAway;
  }

  /**
   * Formats the storage if needed and starts a broker; returns once it answers.
   *
   * @param baseDirectory where the logs live, kept between starts (the same cluster id every time); null for a
   *     throw-away directory deleted on close
   */
  public static EmbeddedKafka start(Path baseDirectory) {
    Path throwAway = null;
    try {
      Path base = baseDirectory;
      if (base == null) {
        throwAway = Files.createTempDirectory("crisis-kafka");
        base = throwAway;
      }
      Files.createDirectories(base);
      Path idFile = base.resolve("cluster-id");
      if (!Files.exists(idFile)) {
        Files.writeString(idFile, Uuid.randomUuid().toString());
      }
      String clusterId = Files.readString(idFile).strip();
      // Ports are chosen here because a static controller quorum names its voter's port in advance; both are held
      // open together while chosen, so that they cannot be the same one.
      int brokerPort;
      int controllerPort;
      try (ServerSocket broker = loopbackSocket(); ServerSocket controller = loopbackSocket()) {
        brokerPort = broker.getLocalPort();
        controllerPort = controller.getLocalPort();
      }
      Properties props = properties(base.resolve("log"), brokerPort, controllerPort);
      KafkaConfig config = KafkaConfig.fromProps(props, false);
      format(config, clusterId);
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      String bootstrap = LOOPBACK + ":" + brokerPort;
      awaitReady(bootstrap);
      return new EmbeddedKafka(server, bootstrap, throwAway);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deleteQuietly(throwAway);
      throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
    } catch (Exception e) {
      deleteQuietly(throwAway);
      throw new IllegalStateException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
    }
  }

  private static Properties properties(Path logDirectory, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", Integer.toString(NODE_ID)),
        Map.entry("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort),
        Map.entry("listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort
            + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("log.dirs", logDirectory.toString()),
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "5"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "5"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("unstable.api.versions.enable", "false"),
        Map.entry("unstable.feature.versions.enable", "false")));
    return p;
  }

  /** Writes meta.properties and the bootstrap metadata on first use; a formatted directory is left as it is. */
  private static void format(KafkaConfig config, String clusterId) throws Exception {
    String logDirectory = config.metadataLogDir();
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
        .setNodeId(NODE_ID)
        .setClusterId(clusterId)
        .setDirectories(List.of(logDirectory))
        .setMetadataLogDirectory(logDirectory)
        .setControllerListenerName("CONTROLLER")
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setUnstableFeatureVersionsEnabled(false)
        .setIgnoreFormatted(true)
        .run();
  }

  private static ServerSocket loopbackSocket() throws IOException {
    return new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
  }

  /** Waits until the broker has joined its own controller and lists itself. */
  private static void awaitReady(String bootstrap) throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      Exception last = null;
      while (System.nanoTime() < end) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (TimeoutException | ExecutionException e) {
          last = e;
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException("the broker did not answer within 60 s", last);
    }
  }

  /** host:port of the broker, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    deleteQuietly(throwAway);
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try {
      Files.walkFileTree(directory, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the embedded broker's directory " + directory, e);
    }
  }
}
