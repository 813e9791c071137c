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
 * <p>Both listeners bind to 127.0.0.1 only: the {@code registrations} topic holds people's coordinates. By default the
 * broker has no authentication (the embedded default, reachable from this host only). {@link #startSecured} starts it
 * as production runs: SASL/SCRAM-SHA-512 for clients and between brokers, SASL/PLAIN for the controller, Kafka's
 * {@code StandardAuthorizer} with nothing allowed but what an ACL grants, one super user. Settings are those a single
 * broker needs for transactions and exactly-once Streams: replication factors and minimum in-sync replicas of 1, no
 * initial rebalance delay; the released metadata version, no unstable features.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  private static final int NODE_ID = 1;
  /** The client mechanism of a secured broker. */
  public static final String SCRAM = "SCRAM-SHA-512";

  /**
   * Who may connect to a secured broker: a super user (also the broker's own identity between its listeners) and
   * ordinary SCRAM users, who can do only what ACLs grant them.
   */
  public record Security(String adminUser, String adminPassword, Map<String, String> users) {
    public Security {
      users = Map.copyOf(users);
      simple(adminUser);
      simple(adminPassword);
      users.forEach((u, p) -> {
        simple(u);
        simple(p);
      });
    }

    /** The storage formatter reads credentials as {@code [name=...,password=...]}: plain values only. */
    private static void simple(String value) {
      if (value == null || value.isEmpty() || value.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20)) {
        throw new IllegalArgumentException("a SCRAM user name or password must be non-empty, without quotes, "
            + "backslashes or control characters");
      }
    }
  }

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
    return start(baseDirectory, null);
  }

  /** A broker that authenticates every connection and authorises every request (see the class comment). */
  public static EmbeddedKafka startSecured(Path baseDirectory, Security security) {
    return start(baseDirectory, java.util.Objects.requireNonNull(security, "security"));
  }

  /**
   * The client properties of a SCRAM user of a secured broker: {@code security.protocol}, {@code sasl.mechanism} and
   * {@code sasl.jaas.config}.
   */
  public static Map<String, String> scramClient(String user, String password) {
    return Sasl.scramClient("SASL_PLAINTEXT", SCRAM, user, password);
  }

  private static EmbeddedKafka start(Path baseDirectory, Security security) {
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
      if (security != null) {
        props.putAll(secured(brokerPort, controllerPort, security));
      }
      KafkaConfig config = KafkaConfig.fromProps(props, false);
      format(config, clusterId, security);
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      String bootstrap = LOOPBACK + ":" + brokerPort;
      Map<String, Object> admin = new java.util.HashMap<>();
      if (security != null) {
        admin.putAll(scramClient(security.adminUser(), security.adminPassword()));
      }
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      awaitReady(admin);
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

  /** SASL on both listeners, the standard authorizer, the admin as the only super user. */
  private static Map<String, String> secured(int brokerPort, int controllerPort, Security s) {
    String admin = s.adminUser();
    String password = s.adminPassword();
    return Map.ofEntries(
        Map.entry("listeners", "SASL_PLAINTEXT://" + LOOPBACK + ":" + brokerPort
            + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort),
        Map.entry("advertised.listeners", "SASL_PLAINTEXT://" + LOOPBACK + ":" + brokerPort),
        Map.entry("inter.broker.listener.name", "SASL_PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT"),
        Map.entry("sasl.enabled.mechanisms", SCRAM),
        Map.entry("sasl.mechanism.inter.broker.protocol", SCRAM),
        Map.entry("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
            Sasl.jaas(Sasl.SCRAM_MODULE, admin, password, "")),
        // The controller cannot read SCRAM credentials (they live in the metadata it serves): PLAIN, admin only.
        Map.entry("sasl.mechanism.controller.protocol", "PLAIN"),
        Map.entry("listener.name.controller.sasl.enabled.mechanisms", "PLAIN"),
        Map.entry("listener.name.controller.plain.sasl.jaas.config",
            Sasl.jaas(Sasl.PLAIN_MODULE, admin, password, " user_" + admin + "=" + Sasl.quoted(password))),
        Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
        Map.entry("super.users", "User:" + admin),
        Map.entry("allow.everyone.if.no.acl.found", "false"));
  }

  /**
   * Writes meta.properties and the bootstrap metadata (with the SCRAM credentials of a secured broker) on first use; a
   * formatted directory is left as it is.
   */
  private static void format(KafkaConfig config, String clusterId, Security security) throws Exception {
    String logDirectory = config.metadataLogDir();
    List<String> scram = new java.util.ArrayList<>();
    if (security != null) {
      scram.add(SCRAM + "=[name=" + security.adminUser() + ",password=" + security.adminPassword() + "]");
      security.users().forEach((u, p) -> scram.add(SCRAM + "=[name=" + u + ",password=" + p + "]"));
    }
    new Formatter()
        .setScramArguments(scram)
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
  private static void awaitReady(Map<String, Object> client) throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(client)) {
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
