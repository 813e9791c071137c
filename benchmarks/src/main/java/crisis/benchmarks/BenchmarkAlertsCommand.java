package crisis.benchmarks;

import crisis.alerts.AlertPipeline;
import crisis.alerts.kafka.EmbeddedKafka;
import crisis.alerts.kafka.Topics;
import crisis.alerts.pipeline.Alert;
import crisis.alerts.pipeline.JsonSerde;
import crisis.api.config.CrisisConfiguration;
import crisis.api.config.DataSources;
import crisis.api.services.Services;
import crisis.core.access.Actor;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.CrisisZone;
import crisis.core.crisis.ZoneInput;
import crisis.core.demo.DemoCsv;
import crisis.core.geo.CircleZone;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code benchmark-alerts CONFIG --rows N --affected M}: the alert fan-out benchmark. Loads N generated nationals
 * into a fresh database on the configured server, finds a circle around Paris holding about M of them, and for each
 * processing guarantee (exactly_once_v2, then at_least_once) starts a fresh in-process broker and alert pipeline,
 * lets the outbox relay publish the registry and the pipeline load it, activates a crisis over the circle, and times
 * activation to the last alert read (read_committed) from the {@code alerts} topic. Checks every expected person got
 * exactly one alert.
 */
public class BenchmarkAlertsCommand extends ConfiguredCommand<CrisisConfiguration> {
  private static final JsonSerde<Alert> ALERT = JsonSerde.of(Alert.class);

  public BenchmarkAlertsCommand() {
    super("benchmark-alerts", "Time the alert fan-out of a crisis, exactly once and at least once");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--rows").type(Long.class).setDefault(1_000_000L).help("nationals to load");
    subparser.addArgument("--affected").type(Integer.class).setDefault(100_000).help("people inside the crisis");
    subparser.addArgument("--partitions").type(Integer.class).setDefault(6).help("partitions per topic");
    subparser.addArgument("--threads").type(Integer.class).setDefault(2).help("Streams threads");
    subparser.addArgument("--guarantee").choices("both", "exactly_once_v2", "at_least_once").setDefault("both")
        .help("which processing guarantees to run");
    subparser.addArgument("--commit-interval-ms").type(Long.class).setDefault(100L)
        .help("Streams commit interval, the same for both guarantees");
    subparser.addArgument("--crises").type(Integer.class).setDefault(1)
        .help("crises over the zone activated at once, each alerting everyone inside (20: a bad day)");
    subparser.addArgument("--keep").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help("keep the benchmark database");
  }

  record Result(String guarantee, long published, double relaySeconds, double loadSeconds, int alerts,
      double fanOutSeconds, boolean exact) {}

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration config)
      throws Exception {
    long rows = namespace.getLong("rows");
    int affected = namespace.getInt("affected");
    Path csv = Files.createTempFile("bench-alerts-", ".csv");
    try (ScratchDatabase scratch = new ScratchDatabase(DataSources.server(config), "crisis_alerts_",
        namespace.getBoolean("keep"))) {
      Jdbi jdbi = scratch.jdbi;
      DemoCsv.write(csv, rows, 20261129L, LocalDate.now());
      Services services = Services.build(jdbi, Clock.systemUTC());
      long t0 = System.nanoTime();
      services.importer().importFile(Actor.cli("benchmark"), csv, o -> { });
      System.out.printf("loaded %d registrations (and as many outbox rows) in %.1f s%n", rows, seconds(t0));
      jdbi.useHandle(h -> h.execute("VACUUM ANALYZE registration"));
      double radius = radiusFor(services, affected);
      Set<UUID> expected = new HashSet<>(services.zoneSearch().ids(Actor.cli("benchmark"),
          new CircleZone(48.8566, 2.3522, radius)));
      System.out.printf("crisis zone: %.2f km around Paris, %d people inside%n", radius, expected.size());
      List<Result> results = new ArrayList<>();
      String which = namespace.getString("guarantee");
      for (boolean exactlyOnce : new boolean[] {true, false}) {
        if (!which.equals("both") && which.equals("exactly_once_v2") != exactlyOnce) {
          continue;
        }
        if (!results.isEmpty()) {
          // A fresh broker has nothing: publish the registry again.
          jdbi.useHandle(h -> h.execute("INSERT INTO outbox (aggregate, aggregate_id) "
              + "SELECT 'registration', id FROM registration ORDER BY id"));
        }
        results.add(run(services, jdbi, exactlyOnce, radius, expected, namespace.getInt("partitions"),
            namespace.getInt("threads"), Duration.ofMillis(namespace.getLong("commit_interval_ms")),
            namespace.getInt("crises")));
      }
      System.out.println();
      System.out.printf("%-16s | %10s | %9s | %9s | %8s | %10s | %12s | %s%n", "guarantee", "published", "relay s",
          "load s", "alerts", "fan-out s", "alerts/s", "each once");
      for (Result r : results) {
        System.out.printf("%-16s | %,10d | %9.1f | %9.1f | %,8d | %10.2f | %,12.0f | %s%n", r.guarantee(),
            r.published(), r.relaySeconds(), r.loadSeconds(), r.alerts(), r.fanOutSeconds(),
            r.alerts() / r.fanOutSeconds(), r.exact() ? "yes" : "NO");
      }
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  private static Result run(Services services, Jdbi jdbi, boolean exactlyOnce, double radius, Set<UUID> expected,
      int partitions, int threads, Duration commitInterval, int crises) throws Exception {
    String guarantee = exactlyOnce ? "exactly_once_v2" : "at_least_once";
    System.out.printf("%n== %s ==%n", guarantee);
    Path state = Files.createTempDirectory("bench-streams-");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(null);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      String appId = "bench-" + guarantee.replace('_', '-');
      AlertPipeline pipeline = new AlertPipeline(new AlertPipeline.Settings(kafka.bootstrapServers(), appId,
          partitions, (short) 1, exactlyOnce, threads, state, Duration.ofMillis(500), 5000, Duration.ofMillis(50),
          commitInterval, Map.of()), jdbi);
      long t0 = System.nanoTime();
      pipeline.start();
      while (jdbi.withHandle(h -> h.createQuery("SELECT id FROM outbox ORDER BY id LIMIT 1").mapTo(Long.class)
          .findOne().isPresent())) {
        Thread.sleep(100);
      }
      double relaySeconds = seconds(t0);
      long published = pipeline.relay().relayed();
      System.out.printf("outbox relay: %,d registrations published in %.1f s (%,.0f/s)%n", published, relaySeconds,
          published / relaySeconds);
      awaitCaughtUp(admin, appId);
      double loadSeconds = seconds(t0);
      System.out.printf("pipeline caught up (every registration in its cell) %.1f s after start%n", loadSeconds);

      try (KafkaConsumer<String, byte[]> consumer = alertsConsumer(kafka.bootstrapServers())) {
        Actor cell = Actor.cli("benchmark");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < crises; i++) {
          ids.add(services.crises().create(cell, new CrisisDraft("Benchmark over Paris " + (i + 1), "OTHER",
              "SEVERE", List.of(new ZoneInput("Paris", null, new CrisisZone.Circle(48.8566, 2.3522, radius), null)),
              null, List.of(Map.of("ar", "ابقوا في منازلكم", "fr", "Restez chez vous.")))).id());
        }
        long start = System.nanoTime();
        for (UUID id : ids) {
          services.crises().activate(cell, id);
        }
        // Per crisis, per person: how many alerts.
        Map<UUID, Map<UUID, Integer>> perCrisis = new HashMap<>();
        ids.forEach(id -> perCrisis.put(id, new HashMap<>()));
        long wanted = (long) crises * expected.size();
        long received = 0;
        long last = start;
        long deadline = start + Duration.ofMinutes(10 + crises).toNanos();
        while (received < wanted && System.nanoTime() < deadline) {
          long firsts = count(consumer, perCrisis);
          if (firsts > 0) {
            received += firsts;
            last = System.nanoTime();
          }
        }
        // A little longer, to catch duplicates.
        long quiet = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < quiet) {
          count(consumer, perCrisis);
        }
        double fanOut = (last - start) / 1e9;
        int alerts = perCrisis.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        boolean exact = perCrisis.values().stream().allMatch(m -> m.keySet().equals(expected)
            && m.values().stream().allMatch(n -> n == 1));
        System.out.printf("fan-out: %,d alerts (%d crises) to %,d people in %.2f s after activation (%,.0f alerts/s); "
            + "each expected person exactly once per crisis: %s%n", alerts, crises, expected.size(), fanOut,
            alerts / fanOut, exact);
        long stateBytes;
        try (var files = Files.walk(state)) {
          stateBytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf("Streams state on disk: %,.1f MB (%s)%n", stateBytes / 1e6, state);
        pipeline.close();
        return new Result(guarantee, published, relaySeconds, loadSeconds, alerts, fanOut, exact);
      }
    } finally {
      try (var files = Files.walk(state)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /**
   * Polls the alerts once and counts each of the benchmark's crises' alerts per person; returns how many were the
   * first for their (crisis, person).
   */
  private static long count(KafkaConsumer<String, byte[]> consumer, Map<UUID, Map<UUID, Integer>> perCrisis) {
    long firsts = 0;
    for (var r : consumer.poll(Duration.ofMillis(100))) {
      Alert a = ALERT.read(r.value());
      Map<UUID, Integer> perPerson = perCrisis.get(a.crisisId());
      if (perPerson != null && perPerson.merge(a.registrationId(), 1, Integer::sum) == 1) {
        firsts++;
      }
    }
    return firsts;
  }

  /** The radius of a circle around Paris holding about {@code affected} people (bisection on the real query). */
  private static double radiusFor(Services services, int affected) {
    double lo = 0.5;
    double hi = 300;
    for (int i = 0; i < 25; i++) {
      double mid = (lo + hi) / 2;
      int n = services.zoneSearch().ids(Actor.cli("benchmark"), new CircleZone(48.8566, 2.3522, mid)).size();
      if (Math.abs(n - affected) <= affected / 200) {
        return mid;
      }
      if (n < affected) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** Waits until the application's consumer group has read everything there is, twice in a row. */
  private static void awaitCaughtUp(Admin admin, String groupId) throws Exception {
    List<String> sources = List.of(Topics.REGISTRATIONS, Topics.CRISIS_ZONES, Topics.PIPELINE_CELLS,
        Topics.PIPELINE_CRISIS_CANDIDATES);
    int calm = 0;
    while (calm < 2) {
      Thread.sleep(1000);
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
      admin.describeTopics(sources).allTopicNames().get().forEach((name, d) -> d.partitions().forEach(p ->
          ask.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      long lag = 0;
      for (var e : admin.listOffsets(ask).all().get().entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        // A transaction's commit marker takes an offset no consumer reads: allow one per partition.
        lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()) - 1);
      }
      calm = lag == 0 ? calm + 1 : 0;
    }
  }

  private static KafkaConsumer<String, byte[]> alertsConsumer(String bootstrap) {
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
        new StringDeserializer(), new ByteArrayDeserializer());
    c.subscribe(List.of(Topics.ALERTS));
    c.poll(Duration.ofMillis(500));
    return c;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
