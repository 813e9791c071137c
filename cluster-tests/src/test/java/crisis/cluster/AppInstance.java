package crisis.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One application instance as production runs it: the release jar's {@code server} in a JVM of its own, on a
 * production-shaped configuration (an external Kafka cluster, replication 3; a shared PostgreSQL database; Twilio
 * through its SDK, here pointed at a local stand-in). Ports are random; its output goes to a file.
 */
final class AppInstance {
  private static final Pattern LEASE = Pattern.compile("(?m)^crisis_lease_held\\{lease=\"([^\"]+)\"\\} (\\S+)$");
  final String name;
  final int port;
  final int adminPort;
  final Path config;
  final Path log;
  Process process;
  /** The directory of the pipeline's fault points ({@code -Dcrisis.faultPoints}); null: none. */
  Path faultPoints;

  private AppInstance(String name, int port, int adminPort, Path config, Path log) {
    this.name = name;
    this.port = port;
    this.adminPort = adminPort;
    this.config = config;
    this.log = log;
  }

  /** Writes the instance's configuration; {@link #start} starts it. */
  static AppInstance configure(String name, Settings s) throws IOException {
    int port = crisis.core.testing.Ports.free();
    int adminPort = crisis.core.testing.Ports.free();
    Path dir = Files.createTempDirectory("cluster-app-" + name + "-");
    Path config = dir.resolve("config.yml");
    Files.writeString(config, """
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
          requestLog: {appenders: []}
        database:
          type: postgresql
          %s
          connection: {driverClass: org.postgresql.Driver, url: "%s", user: "%s", maxSize: 16}
        kafka:
          type: external
          bootstrapServers: "%s"
          partitions: 6
          replication: 3
          streamThreads: 1
          exactlyOnce: %s
          stateDirectory: "%s"
          properties:
            # A killed member leaves the groups after 6 s instead of 45.
            session.timeout.ms: "6000"
            heartbeat.interval.ms: "1000"
            # A restarted instance gets its active tasks back within a minute of catching up, not after Kafka
            # Streams' 10-minute probing rebalance: a case after a kill needs both instances working (fault D
            # waited 8 crises, all made by the other instance, in one CI run).
            probing.rebalance.interval.ms: "60000"
        sms:
          type: twilio
          accountSid: "AC00000000000000000000000000000000"
          authToken: "%s"
          apiBase: "%s"
          publicUrl: "%s"
          # An attempt without an answer is looked up at the gateway after 15 s (production: 60 s), so that an
          # instance's death costs the test seconds, not minutes.
          timeoutMs: 5000
          inFlightTimeout: 15 seconds
          # No reminder or call to the unanswered during the run: the fault classes share one fixture, so a crisis
          # of an earlier case would send them in the middle of a later case's count at the gateway.
          reminderAfter: 6 hours
          callAfter: 6 hours
          senders: [{name: world, from: CONSULATE, countries: ["*"], kind: SHORT_CODE, segmentsPerSecond: %s}]
        demo: %s
        # The tests' keys (crisis.core.testing.TestKeys): the fixture writes through its own Jdbi too.
        personalData: {type: environment, keyEncryptionKey: "%s", indexKey: "%s"}
        logging:
          level: WARN
          appenders: [{type: console, logFormat: "%%-5p [%%d{ISO8601,UTC}] %%c: %%m%%n%%rEx"}]
        """.formatted(port, adminPort, s.migrationUser() == null ? "migrateOnStart: false"
            : "migrateOnStart: true\n  migrationUser: \"%s\"".formatted(s.migrationUser()),
        s.databaseUrl(), s.databaseUser(), s.bootstrapServers(), s.exactlyOnce(),
        dir.resolve("streams"), s.authToken(), s.twilioBase(), s.publicUrl(), s.segmentsPerSecond(),
        s.demoRegistrations() == 0 ? "{enabled: false}" : "{enabled: true, registrations: %d, credentialsFile: \"%s\"}"
            .formatted(s.demoRegistrations(), dir.resolve("demo-credentials.txt")),
        crisis.core.testing.TestKeys.KEY_ENCRYPTION_KEY, crisis.core.testing.TestKeys.INDEX_KEY));
    return new AppInstance(name, port, adminPort, config, dir.resolve("app.log"));
  }

  /**
   * What the instances share.
   *
   * @param migrationUser the schema owner each instance migrates as when it starts ({@code migrateOnStart}); null:
   *     the database is migrated already
   * @param demoRegistrations the demo's nationals seeded on an empty database; 0: no demo
   */
  record Settings(String databaseUrl, String databaseUser, String bootstrapServers, boolean exactlyOnce,
      String authToken, String twilioBase, String publicUrl, double segmentsPerSecond, String migrationUser,
      int demoRegistrations) {
    Settings(String databaseUrl, String databaseUser, String bootstrapServers, boolean exactlyOnce, String authToken,
        String twilioBase, String publicUrl, double segmentsPerSecond) {
      this(databaseUrl, databaseUser, bootstrapServers, exactlyOnce, authToken, twilioBase, publicUrl,
          segmentsPerSecond, null, 0);
    }

    Settings withBootstrapServers(String servers) {
      return new Settings(databaseUrl, databaseUser, servers, exactlyOnce, authToken, twilioBase, publicUrl,
          segmentsPerSecond, migrationUser, demoRegistrations);
    }

    /** Each instance migrates the database as {@code owner} when it starts. */
    Settings migratingAs(String owner) {
      return new Settings(databaseUrl, databaseUser, bootstrapServers, exactlyOnce, authToken, twilioBase, publicUrl,
          segmentsPerSecond, owner, demoRegistrations);
    }

    /** Each instance seeds the demo, with this many nationals, if it finds no user in the database. */
    Settings withDemo(int registrations) {
      return new Settings(databaseUrl, databaseUser, bootstrapServers, exactlyOnce, authToken, twilioBase, publicUrl,
          segmentsPerSecond, migrationUser, registrations);
    }
  }

  /** The release jar: {@code CRISIS_RELEASE_JAR} (set by the build), else crisis-api/target/crisis-api.jar. */
  static Path releaseJar() {
    String env = System.getenv("CRISIS_RELEASE_JAR");
    Path jar = env != null && !env.isBlank() ? Path.of(env) : Path.of("../crisis-api/target/crisis-api.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no release jar at " + jar.toAbsolutePath() + ": package crisis-api first");
    }
    return jar;
  }

  void start() throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx512m"));
    if (faultPoints != null) {
      cmd.add("-Dcrisis.faultPoints=" + faultPoints);
    }
    cmd.addAll(List.of("-jar", releaseJar().toString(), "server", config.toString()));
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    // Never outlives the test JVM, even when a test fails before it could stop the instance.
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
  }

  /** SIGKILL: no shutdown hook, nothing flushed, requests and SMS in flight lost. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Waits for positive signals, as the proxy in front of the instances does: the admin port's {@code /ready} answers
   * 200 (server started, database answering, Streams pipeline RUNNING), and the API answers an authenticated request
   * (unless {@code authorization} is null).
   */
  void awaitReady(String authorization, Duration within) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create(admin() + "/ready")).timeout(Duration.ofSeconds(5)).build();
    HttpRequest api = authorization == null ? null : HttpRequest.newBuilder(URI.create(base() + "/api/v1/crises"))
        .header("Authorization", authorization).timeout(Duration.ofSeconds(5)).build();
    long end = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException("instance " + name + " stopped while starting; its log: " + log);
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
            && (api == null || http.send(api, HttpResponse.BodyHandlers.discarding()).statusCode() == 200)) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("instance " + name + " not ready within " + within + "; its log: " + log);
  }

  String admin() {
    return "http://127.0.0.1:" + adminPort;
  }

  /** Its admin {@code /ready} answer now: 200 ready, 503 not ready, -1 not answering. */
  int readyStatus() {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin() + "/ready"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The leases this instance wants, and whether it holds each now: its {@code crisis_lease_held} metrics. */
  Map<String, Boolean> leases() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin()
        + "/prometheus")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET /prometheus of instance " + name + ": " + r.statusCode());
    }
    Map<String, Boolean> held = new TreeMap<>();
    Matcher m = LEASE.matcher(r.body());
    while (m.find()) {
      held.put(m.group(1), Double.parseDouble(m.group(2)) == 1);
    }
    return held;
  }
}
