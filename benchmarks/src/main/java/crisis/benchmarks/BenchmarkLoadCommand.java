package crisis.benchmarks;

import crisis.api.config.CrisisConfiguration;
import crisis.api.config.DataSources;
import crisis.api.services.Services;
import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.common.Json;
import crisis.core.demo.DemoCsv;
import crisis.core.registry.Consent;
import crisis.core.registry.ConsentMethod;
import crisis.core.registry.ConsentPurpose;
import crisis.core.registry.Language;
import crisis.core.registry.Location;
import crisis.core.registry.LocationSource;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.ResidenceType;
import crisis.core.registry.Sex;
import crisis.core.users.UserService;
import crisis.standin.LocalTwilio;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code benchmark-load CONFIG}: the load a crisis puts on the HTTP side, against K instances of the release jar
 * sharing one database and one broker ({@link LoadCluster}). N generated nationals are imported, a crisis over a
 * 10 km circle in Paris is declared and its SMS sent through Twilio's SDK to a local stand-in; then, at each fixed
 * rate, a mix of registration reads and writes, 10 km zone searches, Twilio status callbacks and inbound replies (an
 * open model: {@link OpenLoad}) while S consoles keep the crisis's live tally open; then status callbacks alone at
 * the callback rate; then, with {@code --kill}, the mix again while one instance is killed with SIGKILL halfway,
 * the client retrying on the other. Prints p50, p99, errors and lost requests per kind, and each instance's CPU.
 */
public class BenchmarkLoadCommand extends ConfiguredCommand<CrisisConfiguration> {
  private static final Set<Integer> OK = Set.of(200);
  private static final Set<Integer> CREATED = Set.of(201);
  /** A status callback answers 204, or 202 for a message id the system has not recorded yet. */
  private static final Set<Integer> CALLBACK = Set.of(202, 204);
  private static final String SEARCH = "{\"circle\":{\"latitude\":48.8566,\"longitude\":2.3522,\"radiusKm\":10},"
      + "\"limit\":50}";

  public BenchmarkLoadCommand() {
    super("benchmark-load", "HTTP load at fixed rates against several application instances");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--rows").type(Long.class).setDefault(100_000L).help("nationals to import first");
    subparser.addArgument("--instances").type(Integer.class).setDefault(2).help("application processes");
    subparser.addArgument("--rates").setDefault("50,200,500").help("requests per second of the mixed runs");
    subparser.addArgument("--seconds").type(Integer.class).setDefault(20).help("length of each run");
    subparser.addArgument("--callbacks").type(Integer.class).setDefault(1000)
        .help("status callbacks per second of the callback run (0: none)");
    subparser.addArgument("--warmup").type(Integer.class).setDefault(20)
        .help("seconds of the mix at 50/s first, not counted (the instances' JIT and caches warm)");
    subparser.addArgument("--streams").type(Integer.class).setDefault(100).help("live tally streams kept open");
    subparser.addArgument("--kill").action(Arguments.storeTrue())
        .help("a last mixed run at 200/s during which one instance is killed with SIGKILL halfway");
  }

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration config)
      throws Exception {
    long rows = namespace.getLong("rows");
    int seconds = namespace.getInt("seconds");
    Path csv = Files.createTempFile("bench-load-", ".csv");
    try (ScratchDatabase scratch = new ScratchDatabase(DataSources.server(config), "crisis_load_", false)) {
      Jdbi jdbi = scratch.jdbi;
      Services services = Services.build(jdbi, Clock.systemUTC());
      long t0 = System.nanoTime();
      DemoCsv.write(csv, rows, 20261205L, LocalDate.now());
      services.importer().importFile(Actor.cli("benchmark"), csv, o -> { });
      System.out.printf("imported %d nationals in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
      // What autovacuum does within a minute of an import in production. Without it (autovacuum is off on the test
      // machines' server) the planner knows nothing of the rows: a 10 km search took 680 ms in the server instead
      // of 42, and the runs measured that.
      jdbi.useHandle(h -> h.execute("VACUUM ANALYZE"));
      String password = "benchmark " + UUID.randomUUID();
      String user = "benchmark-" + UUID.randomUUID().toString().substring(0, 8);
      new UserService(jdbi).add(user, password.toCharArray(), Role.CRISIS_CELL, null);
      String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8));
      List<String> ids = jdbi.withHandle(h -> h.createQuery(
          "SELECT id::text FROM registration TABLESAMPLE SYSTEM (5) LIMIT 5000").mapTo(String.class).list());

      int k = namespace.getInt("instances");
      t0 = System.nanoTime();
      try (LoadCluster cluster = new LoadCluster(scratch.url, DataSources.server(config).getUser(), k, 1000)) {
        System.out.printf("%d instances healthy in %.1f s (release jar, external broker, Twilio SDK to a local "
            + "stand-in)%n", k, (System.nanoTime() - t0) / 1e9);
        awaitOutboxEmpty(jdbi);
        HttpClient http = HttpClient.newHttpClient();
        String base = cluster.instances.get(0).base();
        String crisis = declare(http, base, auth);
        int sent = awaitSent(cluster.twilio);
        System.out.printf("crisis over 10 km around Paris: %d SMS accepted by the stand-in%n", sent);
        List<LocalTwilio.Created> created = cluster.twilio.created();

        // The console opens at most 4 live streams per user on an instance: a crisis cell of several people.
        int streamCount = namespace.getInt("streams");
        List<String> streamAuths = new ArrayList<>();
        UserService users = new UserService(jdbi);
        for (int u = 0; u < (streamCount + 3) / 4; u++) {
          String name = user + "-console-" + u;
          users.add(name, password.toCharArray(), Role.CRISIS_CELL, null);
          streamAuths.add("Basic " + Base64.getEncoder().encodeToString((name + ":" + password)
              .getBytes(StandardCharsets.UTF_8)));
        }
        List<Thread> streams = openStreams(cluster, crisis, streamAuths, streamCount);
        Mix mix = new Mix(auth, ids, created, cluster.authToken);
        System.out.printf("%d live tally streams open%n%n", streams.stream().filter(Thread::isAlive).count());

        int warmup = namespace.getInt("warmup");
        if (warmup > 0) {
          new OpenLoad(cluster.instances.stream().map(LoadCluster.Instance::base).toList())
              .run(50, warmup, mix::plan, 0, null);
          System.out.printf("warmed up: %d s of the mix at 50/s%n%n", warmup);
        }
        System.out.printf("%-14s %7s %8s %9s %9s %7s %5s %6s  %s%n", "run", "rate/s", "requests", "p50 ms",
            "p99 ms", "errors", "lost", "late", "CPU per instance (cores)");
        for (String r : namespace.getString("rates").split(",")) {
          double rate = Double.parseDouble(r.trim());
          runAndPrint(cluster, "mixed", rate, seconds, mix::plan, 0, null);
        }
        int callbacks = namespace.getInt("callbacks");
        if (callbacks > 0) {
          runAndPrint(cluster, "callbacks", callbacks, seconds, mix::callback, 0, null);
        }
        if (namespace.getBoolean("kill")) {
          LoadCluster.Instance victim = cluster.instances.get(0);
          long writesBefore = mix.writes.get();
          OpenLoad.Result result = runAndPrint(cluster, "mixed+kill", 200, seconds, mix::plan, seconds / 2.0, () -> {
            try {
              cluster.kill(victim);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
          long attempted = mix.writes.get() - writesBefore;
          long stored = jdbi.withHandle(h -> h.createQuery(
              "SELECT count(*) FROM registration WHERE external_id LIKE :p").bind("p", mix.prefix + "%")
              .mapTo(Long.class).one());
          OpenLoad.Tally all = result.all();
          System.out.printf("  killed one instance at %.0f s: retried %d, lost %d; registrations written by "
                  + "every run %d (%d in this one), stored %d%n", seconds / 2.0, all.retried.get(), all.lost.get(),
              mix.writes.get(), attempted, stored);
        }
        streams.forEach(Thread::interrupt);
      }
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  private static OpenLoad.Result runAndPrint(LoadCluster cluster, String name, double rate, int seconds,
      OpenLoad.Mix mix, double duringAt, Runnable during) throws InterruptedException {
    List<String> bases = cluster.instances.stream().map(LoadCluster.Instance::base).toList();
    double[] cpu0 = cluster.instances.stream().mapToDouble(LoadCluster.Instance::cpuSeconds).toArray();
    Map<String, double[]> server0 = serverTimes(cluster);
    long t = System.nanoTime();
    OpenLoad.Result result = new OpenLoad(bases).run(rate, seconds, mix, duringAt, during);
    double elapsed = (System.nanoTime() - t) / 1e9;
    List<String> cpu = new ArrayList<>();
    for (int i = 0; i < cluster.instances.size(); i++) {
      LoadCluster.Instance in = cluster.instances.get(i);
      cpu.add(in.alive() ? String.format("%.2f", (in.cpuSeconds() - cpu0[i]) / elapsed) : "killed");
    }
    Map<String, double[]> server1 = serverTimes(cluster);
    OpenLoad.Tally all = result.all();
    System.out.printf("%-14s %7.0f %8d %9.1f %9.1f %7d %5d %6d  %s%n", name, rate, all.count(),
        all.percentile(0.5), all.percentile(0.99), all.errors.get(), all.lost.get(), result.late(),
        String.join(" ", cpu));
    for (Map.Entry<String, OpenLoad.Tally> e : result.byKind().entrySet()) {
      OpenLoad.Tally k = e.getValue();
      double[] s0 = server0.getOrDefault(ROUTES.get(e.getKey()), new double[2]);
      double[] s1 = server1.getOrDefault(ROUTES.get(e.getKey()), new double[2]);
      double inServer = s1[1] > s0[1] ? (s1[0] - s0[0]) / (s1[1] - s0[1]) * 1000 : Double.NaN;
      System.out.printf("  %-12s %7s %8d %9.1f %9.1f %7d %5d         in the server %.1f ms on average; "
          + "statuses %s%n", e.getKey(), "", k.count(), k.percentile(0.5), k.percentile(0.99), k.errors.get(),
          k.lost.get(), inServer, k.statuses);
    }
    return result;
  }

  /** Each kind's route, as the instances' request metrics name it. */
  private static final Map<String, String> ROUTES = Map.of("read", "GET /api/v1/registrations/{id}",
      "write", "POST /api/v1/registrations", "search", "POST /api/v1/registrations/search",
      "callback", "POST /api/v1/twilio/status", "reply", "POST /api/v1/twilio/inbound");

  /** The instances' request times (sum, count) per route, added over the live instances. */
  private static Map<String, double[]> serverTimes(LoadCluster cluster) {
    Map<String, double[]> all = new java.util.HashMap<>();
    for (LoadCluster.Instance in : cluster.instances) {
      if (in.alive()) {
        in.serverTimes().forEach((route, t) -> {
          double[] a = all.computeIfAbsent(route, k -> new double[2]);
          a[0] += t[0];
          a[1] += t[1];
        });
      }
    }
    return all;
  }

  /** The requests of the mixed runs, 20 in turn: 8 reads, 2 writes, 4 searches, 4 status callbacks, 2 replies. */
  private static final class Mix {
    final String prefix = "LOAD-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
    final AtomicLong writes = new AtomicLong();
    private final String auth;
    private final List<String> ids;
    private final List<LocalTwilio.Created> created;
    private final String authToken;
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong callbacks = new AtomicLong();

    Mix(String auth, List<String> ids, List<LocalTwilio.Created> created, String authToken) {
      this.auth = auth;
      this.ids = ids;
      this.created = created;
      this.authToken = authToken;
    }

    OpenLoad.Planned plan(long i) {
      int slot = (int) (i % 20);
      if (slot < 8) {
        String id = ids.get((int) ((i * 7919) % ids.size()));
        return new OpenLoad.Planned("read", b -> json(b + "/api/v1/registrations/" + id).GET().build(), OK);
      }
      if (slot < 10) {
        String body = Json.write(registration(writes.getAndIncrement()));
        return new OpenLoad.Planned("write", b -> json(b + "/api/v1/registrations")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), Set.of(201, 409));
      }
      if (slot < 14) {
        return new OpenLoad.Planned("search", b -> json(b + "/api/v1/registrations/search")
            .POST(HttpRequest.BodyPublishers.ofString(SEARCH)).build(), OK);
      }
      if (slot < 18) {
        return callback(i);
      }
      LocalTwilio.Created to = created.get((int) (replies.getAndIncrement() % created.size()));
      Map<String, String> form = new TreeMap<>(Map.of("MessageSid", LoadCluster.newSid(), "From", to.to(),
          "To", to.from(), "Body", "SAFE"));
      return new OpenLoad.Planned("reply", b -> twilio(b, "/api/v1/twilio/inbound", form), OK);
    }

    /** A delivery report for a message the stand-in accepted: sent, then delivered, as Twilio reports them. */
    OpenLoad.Planned callback(long i) {
      long n = callbacks.getAndIncrement();
      LocalTwilio.Created m = created.get((int) ((n / 2) % created.size()));
      Map<String, String> form = new TreeMap<>(Map.of("MessageSid", m.sid(), "MessageStatus",
          n % 2 == 0 ? "sent" : "delivered", "To", m.to()));
      return new OpenLoad.Planned("callback", b -> twilio(b, "/api/v1/twilio/status", form), CALLBACK);
    }

    private HttpRequest.Builder json(String url) {
      return HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
          .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
    }

    /** A webhook as Twilio sends it: a form, signed with the auth token over the public URL and every parameter. */
    private HttpRequest twilio(String base, String path, Map<String, String> form) {
      StringBuilder signed = new StringBuilder(LoadCluster.PUBLIC_URL + path);
      StringBuilder body = new StringBuilder();
      for (Map.Entry<String, String> e : form.entrySet()) {
        signed.append(e.getKey()).append(e.getValue());
        if (body.length() > 0) {
          body.append('&');
        }
        body.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      }
      return HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-Twilio-Signature", sign(signed.toString())).timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private String sign(String text) {
      try {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /** A new national in Paris, unique by every rule of the duplicate check. */
    private RegistrationData registration(long n) {
      return new RegistrationData(prefix + n, "Samira", "Load", "سميرة", "لود", LocalDate.of(1980, 1, 1)
          .plusDays(n % 10_000), Sex.F, String.format("LD%s%07d", prefix.substring(5, 11), n), null,
          String.format("+3375%07d", n % 10_000_000), null, Language.FR, "1 rue de Rivoli, Paris",
          new Location(48.8606 + (n % 100) * 1e-4, 2.3376, LocationSource.GEOCODED), "FR", "fr-paris",
          ResidenceType.RESIDENT, null, null, null, List.of(), EnumSet.noneOf(crisis.core.registry.Vulnerability.class),
          null, new Consent(EnumSet.of(ConsentPurpose.CRISIS_CONTACT), Instant.parse("2026-01-10T09:00:00Z"),
              ConsentMethod.IN_PERSON));
    }
  }

  /** Waits until the relay has taken every imported registration to Kafka (the pipeline must know them first). */
  private static void awaitOutboxEmpty(Jdbi jdbi) throws InterruptedException {
    long t = System.nanoTime();
    while (jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM outbox").mapTo(Long.class).one()) > 0) {
      if (System.nanoTime() - t > 600_000_000_000L) {
        throw new IllegalStateException("the outbox was not relayed within 10 minutes");
      }
      Thread.sleep(500);
    }
    System.out.printf("outbox relayed in %.1f s%n", (System.nanoTime() - t) / 1e9);
  }

  private static String declare(HttpClient http, String base, String auth) throws Exception {
    String body = """
        {"title": "Load benchmark", "type": "OTHER", "severity": "WARNING",
         "zones": [{"label": "Paris 10 km", "circle": {"latitude": 48.8566, "longitude": 2.3522, "radiusKm": 10}}],
         "fallback": ["fr", "ar", "en"],
         "messages": [{"fr": "Restez chez vous. Répondez SAFE ou HELP.", "ar": "ابقوا في منازلكم. أجيبوا SAFE أو HELP.",
                       "en": "Stay at home. Answer SAFE or HELP."}]}""";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/crises"))
        .header("Authorization", auth).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("declaring the crisis answered " + r.statusCode() + ": " + r.body());
    }
    String id = Json.MAPPER.readTree(r.body()).get("id").asText();
    HttpResponse<String> a = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/crises/" + id
            + "/activate")).header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    if (a.statusCode() != 200) {
      throw new IllegalStateException("activating the crisis answered " + a.statusCode() + ": " + a.body());
    }
    return id;
  }

  /** Waits until the stand-in has accepted SMS and no more came for 5 s. */
  private static int awaitSent(LocalTwilio twilio) throws InterruptedException {
    long deadline = System.nanoTime() + 600_000_000_000L;
    int last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      int now = twilio.created().size();
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      } else if (now > 0 && System.nanoTime() - stableSince > 5_000_000_000L) {
        return now;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("no SMS accepted within 10 minutes");
  }

  /**
   * The console's live tally, opened {@code count} times across the instances (4 per user, the console's limit) and
   * read until interrupted.
   */
  private static List<Thread> openStreams(LoadCluster cluster, String crisis, List<String> auths, int count)
      throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String base = cluster.instances.get(i % cluster.instances.size()).base();
      String auth = auths.get(i / 4);
      Thread t = new Thread(() -> {
        try {
          HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/crises/"
                  + crisis + "/events")).header("Authorization", auth).header("Accept", "text/event-stream").build(),
              HttpResponse.BodyHandlers.ofInputStream());
          try (InputStream in = r.body()) {
            byte[] buffer = new byte[8192];
            while (!Thread.currentThread().isInterrupted() && in.read(buffer) >= 0) {
              // the console reads each tally; here only kept flowing
            }
          }
        } catch (Exception e) {
          // a stream ended by its instance's death
        }
      }, "tally-stream-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    Thread.sleep(2000);
    return threads;
  }
}
