package crisis.benchmarks;

import crisis.alerts.kafka.EmbeddedKafka;
import crisis.api.CrisisApplication;
import crisis.standin.LocalTwilio;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the load benchmark runs against, shaped as production is: K application instances, each the release jar's
 * {@code server} in a process of its own, sharing one PostgreSQL database and one Kafka broker (external to them:
 * here in this process), with Twilio's SDK pointed at a {@link LocalTwilio} in this process. The instances are spoken
 * to round robin, as a proxy would; only 127.0.0.1 is used.
 */
final class LoadCluster implements AutoCloseable {
  /** Where Twilio believes the system is: the webhook signatures are computed over this address. */
  static final String PUBLIC_URL = "https://crisis.example.org";

  /** One application process and its ports. */
  static final class Instance {
    final int port;
    final int adminPort;
    final Path log;
    final Path stateDir;
    Process process;

    Instance(int port, int adminPort, Path log, Path stateDir) {
      this.port = port;
      this.adminPort = adminPort;
      this.log = log;
      this.stateDir = stateDir;
    }

    String base() {
      return "http://127.0.0.1:" + port;
    }

    boolean alive() {
      return process != null && process.isAlive();
    }

    /**
     * The instance's own account of its requests: {@code crisis_http_request_duration_seconds} sum and count per
     * "METHOD route" from its {@code /prometheus}, answered or not (empty when it cannot be read).
     */
    java.util.Map<String, double[]> serverTimes() {
      java.util.Map<String, double[]> times = new java.util.HashMap<>();
      try {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + adminPort + "/prometheus")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher m = SERVER_TIME.matcher(r.body());
        while (m.find()) {
          double[] t = times.computeIfAbsent(m.group(2) + " " + m.group(3), k -> new double[2]);
          t[m.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(m.group(4));
        }
      } catch (IOException | RuntimeException e) {
        // a killed instance: nothing to add
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return times;
    }

    /** CPU seconds (user and system) the process has used so far, read from /proc. */
    double cpuSeconds() {
      try {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of stat(5) (utime, stime), here 11 and 12 after the name: clock ticks of 1/100 s.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
      } catch (IOException | RuntimeException e) {
        return Double.NaN;
      }
    }
  }

  private static final java.util.regex.Pattern SERVER_TIME = java.util.regex.Pattern.compile(
      "(?m)^crisis_http_request_duration_seconds_(sum|count)"
          + "\\{method=\"([A-Z]+)\",route=\"([^\"]+)\",[^}]*\\} (\\S+)$");
  final String authToken = HexFormat.of().formatHex(randomBytes(16));
  final LocalTwilio twilio;
  final EmbeddedKafka kafka;
  final List<Instance> instances = new ArrayList<>();
  private final String databaseUrl;
  private final String databaseUser;
  private final double segmentsPerSecond;

  LoadCluster(String databaseUrl, String databaseUser, int count, double segmentsPerSecond) throws Exception {
    this.databaseUrl = databaseUrl;
    this.databaseUser = databaseUser;
    this.segmentsPerSecond = segmentsPerSecond;
    this.twilio = new LocalTwilio();
    this.kafka = EmbeddedKafka.start(null);
    for (int i = 0; i < count; i++) {
      instances.add(new Instance(HttpSearchLoad.freePort(), HttpSearchLoad.freePort(), Files.createTempFile("bench-load-" + i + "-", ".log"),
          Files.createTempDirectory("bench-load-state-" + i + "-")));
    }
    for (Instance in : instances) {
      start(in);
    }
    for (Instance in : instances) {
      awaitHealthy(in);
    }
  }

  void start(Instance in) throws Exception {
    Path yaml = Files.createTempFile("bench-load-", ".yml");
    Files.writeString(yaml, """
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
          requestLog: {appenders: []}
        database:
          type: postgresql
          migrateOnStart: false
          connection: {driverClass: org.postgresql.Driver, url: "%s", user: "%s", maxSize: 32}
        kafka:
          type: external
          bootstrapServers: "%s"
          partitions: 6
          replication: 1
          streamThreads: 1
          stateDirectory: "%s"
        sms:
          type: twilio
          accountSid: "AC%s"
          authToken: "%s"
          apiBase: "%s"
          publicUrl: "%s"
          senders: [{name: world, from: CONSULATE, countries: ["*"], kind: SHORT_CODE, segmentsPerSecond: %s}]
        console: {maxEventStreams: 200}
        demo: {enabled: false}
        authenticationCachePolicy: "maximumSize=1000, expireAfterWrite=10m"
        logging: {level: WARN}
        """.formatted(in.port, in.adminPort, databaseUrl, databaseUser, kafka.bootstrapServers(),
        in.stateDir, "0".repeat(32), authToken, twilio.base(), PUBLIC_URL, segmentsPerSecond));
    Path jar = Path.of(CrisisApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String java = ProcessHandle.current().info().command().orElse("java");
    in.process = new ProcessBuilder(java, "-Xmx768m", "-jar", jar.toString(), "server", yaml.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(in.log.toFile())).start();
  }

  /** Waits for the admin port's health checks to pass: the database answers and the pipeline runs. */
  void awaitHealthy(Instance in) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + in.adminPort + "/healthcheck"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!in.process.isAlive()) {
        throw new IllegalStateException("an instance stopped while starting; its log: " + in.log);
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("an instance was not healthy within 3 minutes; its log: " + in.log);
  }

  /** SIGKILL: no shutdown hook, requests in flight lost. */
  void kill(Instance in) throws InterruptedException {
    in.process.destroyForcibly();
    in.process.waitFor();
  }

  @Override
  public void close() {
    for (Instance in : instances) {
      if (in.process != null) {
        in.process.destroy();
      }
    }
    for (Instance in : instances) {
      try {
        if (in.process != null) {
          in.process.waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    kafka.close();
    twilio.close();
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  static String newSid() {
    return "SM" + UUID.randomUUID().toString().replace("-", "");
  }
}
