package crisis.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A KRaft cluster of three nodes, each both broker and controller, each Kafka's own {@code kafka.Kafka} in a JVM of
 * its own (so that a SIGKILL is a real one: no shutdown, no flush): a static quorum of the three controllers on
 * 127.0.0.1, log directories formatted first by Kafka's storage formatter (StorageTool's), replication 3 and minimum in-sync
 * replicas 2 everywhere, the transaction and offsets topics included. The server classes come from this JVM's class
 * path (the alerts module's Kafka server jars).
 */
final class KafkaCluster implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

  /** One node: its id, ports, files and process. */
  static final class Node {
    final int id;
    final int brokerPort;
    final int controllerPort;
    /** The port of the listener RELAYED, reached only through {@link #relay}. */
    final int relayedPort;
    /** A relay to {@link #relayedPort}, advertised as the RELAYED listener's address: it can be cut. */
    final crisis.core.testing.CuttableProxy relay;
    final Path config;
    final Path log;
    Process process;

    Node(int id, int brokerPort, int controllerPort, int relayedPort, int relayPort, Path config, Path log)
        throws IOException {
      this.id = id;
      this.brokerPort = brokerPort;
      this.controllerPort = controllerPort;
      this.relayedPort = relayedPort;
      this.relay = new crisis.core.testing.CuttableProxy(relayedPort, relayPort);
      this.config = config;
      this.log = log;
    }

    boolean alive() {
      return process != null && process.isAlive();
    }
  }

  final Path base;
  final List<Node> nodes = new ArrayList<>();
  private final String clusterId = Uuid.randomUuid().toString();

  private KafkaCluster(Path base) {
    this.base = base;
  }

  /** Formats three nodes' storage, starts them and returns once all three are brokers of the cluster. */
  static KafkaCluster start(int size) throws Exception {
    KafkaCluster c = new KafkaCluster(Files.createTempDirectory("cluster-kafka-"));
    // Below the ephemeral range (crisis.core.testing.Ports.free): a killed node starts again on its ports, which an outgoing
    // connection must not have taken meanwhile. None chosen twice.
    java.util.Set<Integer> chosen = new java.util.HashSet<>();
    int[] ports = new int[size * 4];
    for (int i = 0; i < ports.length; i++) {
      int p;
      do {
        p = crisis.core.testing.Ports.free();
      } while (!chosen.add(p));
      ports[i] = p;
    }
    for (int i = 0; i < size; i++) {
      c.nodes.add(new Node(i + 1, ports[4 * i], ports[4 * i + 1], ports[4 * i + 2], ports[4 * i + 3],
          c.base.resolve("node-" + (i + 1) + ".properties"), c.base.resolve("node-" + (i + 1) + ".log")));
    }
    String voters = c.nodes.stream().map(n -> n.id + "@" + LOOPBACK + ":" + n.controllerPort)
        .collect(Collectors.joining(","));
    for (Node n : c.nodes) {
      Path data = c.base.resolve("data-" + n.id);
      Files.writeString(n.config, properties(n, voters, data));
      c.format(n, data);
    }
    for (Node n : c.nodes) {
      c.startNode(n);
    }
    c.awaitBrokers(size, Duration.ofSeconds(120));
    return c;
  }

  /**
   * What {@code kafka-storage format --cluster-id … --config …} does (StorageTool's own formatter; the tool's command
   * line cannot run here: its argparse4j is older than Dropwizard's on this class path): meta.properties and the
   * bootstrap metadata at the released metadata version, for a static quorum.
   */
  private void format(Node n, Path data) throws Exception {
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
        .setNodeId(n.id)
        .setClusterId(clusterId)
        .setDirectories(List.of(data.toString()))
        .setMetadataLogDirectory(data.toString())
        .setControllerListenerName("CONTROLLER")
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setUnstableFeatureVersionsEnabled(false)
        .run();
  }

  private static String properties(Node n, String voters, Path data) {
    Map<String, String> p = new java.util.LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(n.id));
    p.put("controller.quorum.voters", voters);
    // RELAYED: a second client listener whose advertised address is the node's relay, so that a client bootstrapped
    // through the relays is told the relays' addresses for every broker, and a cut of the relays cuts that client
    // (and only it) from the whole cluster.
    p.put("listeners", "PLAINTEXT://" + LOOPBACK + ":" + n.brokerPort + ",CONTROLLER://" + LOOPBACK + ":"
        + n.controllerPort + ",RELAYED://" + LOOPBACK + ":" + n.relayedPort);
    p.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + n.brokerPort + ",RELAYED://" + LOOPBACK + ":"
        + n.relay.port());
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,RELAYED:PLAINTEXT");
    p.put("log.dirs", data.toString());
    p.put("default.replication.factor", "3");
    p.put("min.insync.replicas", "2");
    p.put("offsets.topic.replication.factor", "3");
    p.put("offsets.topic.num.partitions", "6");
    p.put("transaction.state.log.replication.factor", "3");
    p.put("transaction.state.log.min.isr", "2");
    p.put("transaction.state.log.num.partitions", "6");
    p.put("share.coordinator.state.topic.replication.factor", "3");
    p.put("share.coordinator.state.topic.min.isr", "2");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("unclean.leader.election.enable", "false");
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "6");
    p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
    return p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "",
        "\n"));
  }

  /** A JVM on this JVM's class path (which holds Kafka's server), its output appended to {@code log}. */
  private Process java(Path log, String... mainAndArgs) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx320m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
    cmd.addAll(List.of(mainAndArgs));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    // Never outlives the test JVM, even when a test fails before it could close the cluster.
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
    return p;
  }

  void startNode(Node n) throws IOException {
    n.process = java(n.log, "kafka.Kafka", n.config.toString());
  }

  /** SIGKILL of one node. */
  void kill(Node n) throws InterruptedException {
    n.process.destroyForcibly();
    n.process.waitFor();
  }

  /** Starts a killed node again on its own log directory; returns once the cluster lists it as a broker again. */
  void restart(Node n) throws Exception {
    startNode(n);
    awaitBrokers(nodes.size(), Duration.ofSeconds(120));
  }

  Node node(int id) {
    return nodes.stream().filter(n -> n.id == id).findFirst().orElseThrow();
  }

  /** The node that is the quorum's leader: the active controller. */
  Node activeController() throws Exception {
    try (Admin admin = admin()) {
      return node(admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId());
    }
  }

  String bootstrapServers() {
    return nodes.stream().map(n -> LOOPBACK + ":" + n.brokerPort).collect(Collectors.joining(","));
  }

  /** The bootstrap through the relays: a client given it talks to every broker through a relay. */
  String relayedBootstrapServers() {
    return nodes.stream().map(n -> LOOPBACK + ":" + n.relay.port()).collect(Collectors.joining(","));
  }

  /** Cuts every relay: the clients bootstrapped through them lose every broker; the others notice nothing. */
  void cutRelays() throws IOException {
    for (Node n : nodes) {
      n.relay.cut();
    }
  }

  void restoreRelays() throws IOException {
    for (Node n : nodes) {
      n.relay.restore();
    }
  }

  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.CLIENT_ID_CONFIG, "cluster-test-" + UUID.randomUUID()));
  }

  /** Waits until the cluster lists {@code count} brokers. */
  void awaitBrokers(int count, Duration within) throws Exception {
    long end = System.nanoTime() + within.toNanos();
    Exception last = null;
    try (Admin admin = admin()) {
      while (System.nanoTime() < end) {
        for (Node n : nodes) {
          if (n.process != null && !n.process.isAlive() && n.process.exitValue() != 137
              && n.process.exitValue() != 143) {
            throw new IllegalStateException("node " + n.id + " stopped with " + n.process.exitValue() + "; its log: "
                + n.log);
          }
        }
        try {
          if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count) {
            return;
          }
        } catch (Exception e) {
          last = e;
        }
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException(count + " brokers not listed within " + within + "; logs in " + base, last);
  }

  @Override
  public void close() {
    for (Node n : nodes) {
      try {
        n.relay.close();
      } catch (IOException ignored) {
        // closed already
      }
    }
    for (Node n : nodes) {
      if (n.process != null) {
        n.process.destroy();
      }
    }
    for (Node n : nodes) {
      try {
        if (n.process != null && !n.process.waitFor(30, TimeUnit.SECONDS)) {
          n.process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
