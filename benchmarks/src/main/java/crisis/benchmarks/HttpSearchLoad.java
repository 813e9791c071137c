package crisis.benchmarks;

import crisis.api.CrisisApplication;
import crisis.core.access.Role;
import crisis.core.users.UserService;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * The release jar's {@code server} started in a process of its own on a benchmark database, and several clients
 * sending the same zone search through HTTP (Basic authentication, JSON) for a fixed time: requests per second and
 * latencies as a caller sees them. Only 127.0.0.1 is spoken to; the server is stopped at the end.
 */
final class HttpSearchLoad {
  record Figures(long requests, long errors, double seconds, double p50, double p99) {
    double perSecond() {
      return requests / seconds;
    }
  }

  private HttpSearchLoad() {}

  /**
   * @param expectedTotal every answer must carry this total, or it counts as an error
   */
  static Figures run(Jdbi jdbi, String databaseUrl, String databaseUser, String body, long expectedTotal,
      int clients, int seconds) throws Exception {
    String password = "benchmark " + UUID.randomUUID();
    String user = "benchmark-" + UUID.randomUUID().toString().substring(0, 8);
    new UserService(jdbi).add(user, password.toCharArray(), Role.CRISIS_CELL, null);
    // The import queued every registration for Kafka: the relay is not what this run measures.
    jdbi.useHandle(h -> h.execute("DELETE FROM outbox"));
    int port = freePort();
    int adminPort = freePort();
    Path yaml = Files.createTempFile("bench-http-", ".yml");
    Path log = Files.createTempFile("bench-http-", ".log");
    Files.writeString(yaml, """
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
          requestLog: {appenders: []}
        database:
          type: postgresql
          migrateOnStart: false
          connection: {driverClass: org.postgresql.Driver, url: "%s", user: "%s", maxSize: 32}
        kafka: {type: embedded, partitions: 2, streamThreads: 1}
        sms:
          type: simulator
          senders: [{name: world, from: CONSULATE, countries: ["*"], kind: SHORT_CODE}]
        demo: {enabled: false}
        authenticationCachePolicy: "maximumSize=100, expireAfterWrite=10m"
        logging: {level: WARN}
        """.formatted(port, adminPort, databaseUrl, databaseUser));
    Path jar = Path.of(CrisisApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String java = ProcessHandle.current().info().command().orElse("java");
    Process server = new ProcessBuilder(java, "-jar", jar.toString(), "server", yaml.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8));
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/api/v1/registrations/search"))
          .header("Authorization", auth).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
      waitUntilServing(http, request, server, log);
      String marker = "\"total\":" + expectedTotal + ",";
      for (int i = 0; i < 50; i++) {
        http.send(request, HttpResponse.BodyHandlers.ofString());
      }
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      AtomicLong errors = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<List<Long>>> runs = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        runs.add(pool.submit(() -> {
          List<Long> took = new ArrayList<>();
          while (System.nanoTime() < deadline) {
            long s = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            took.add(System.nanoTime() - s);
            if (r.statusCode() != 200 || !r.body().contains(marker)) {
              errors.incrementAndGet();
            }
          }
          return took;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : runs) {
        all.addAll(f.get());
      }
      double elapsed = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      long[] ns = all.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(ns);
      return new Figures(ns.length, errors.get(), elapsed, ns[ns.length / 2] / 1e6,
          ns[Math.min(ns.length - 1, (int) Math.ceil(ns.length * 0.99) - 1)] / 1e6);
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
      Files.deleteIfExists(yaml);
      Files.deleteIfExists(log);
    }
  }

  private static void waitUntilServing(HttpClient http, HttpRequest request, Process server, Path log)
      throws Exception {
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the server stopped: " + Files.readString(log));
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the server did not answer within 3 minutes: " + Files.readString(log));
  }

  /** A port free on 127.0.0.1 a moment ago. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
