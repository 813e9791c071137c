package crisis.benchmarks;

import crisis.alerts.kafka.EmbeddedKafka;
import crisis.alerts.kafka.Topics;
import crisis.alerts.outreach.DeliveryReports;
import crisis.alerts.outreach.Outreach;
import crisis.alerts.outreach.OutreachSettings;
import crisis.alerts.pipeline.Alert;
import crisis.alerts.pipeline.JsonSerde;
import crisis.api.config.DataSources;
import crisis.api.services.Services;
import crisis.standin.LocalTwilio;
import crisis.alerts.sms.TwilioGateway;
import crisis.api.config.CrisisConfiguration;
import crisis.core.access.Actor;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.CrisisMessage;
import crisis.core.crisis.ZoneInput;
import crisis.core.demo.DemoCsv;
import crisis.core.outreach.Sender;
import crisis.core.outreach.SenderPlan;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code benchmark-sms CONFIG --alerts N --rate R}: the SMS pacing benchmark. Loads N generated nationals into a
 * fresh database on the configured server, publishes one alert per person on the {@code alerts} topic of a fresh
 * in-process broker, and lets the real outreach (ingest, dispatcher, the Twilio SDK) send them to a local stand-in
 * for Twilio. Two senders split the destination countries, each allowed a share of R segments per second in
 * proportion to its phones, so that both finish together. Prints the achieved rate against the allowed one, and
 * checks that every phone got exactly one SMS.
 */
public class BenchmarkSmsCommand extends ConfiguredCommand<CrisisConfiguration> {
  private static final JsonSerde<Alert> ALERT = JsonSerde.of(Alert.class);

  public BenchmarkSmsCommand() {
    super("benchmark-sms", "Send alerts as SMS through the Twilio SDK to a local stand-in, at the senders' rate");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--alerts").type(Integer.class).setDefault(20_000).help("alerts (one per person)");
    subparser.addArgument("--rate").type(Double.class).setDefault(200.0)
        .help("segments per second allowed, all senders together");
    subparser.addArgument("--faults").type(Double.class).setDefault(0.0)
        .help("share of requests the stand-in fails (500, 503, 429, or a late answer), 0 to 1");
    subparser.addArgument("--instances").type(Integer.class).setDefault(1)
        .help("outreaches sharing the work as instances of a deployment do: each its own Kafka consumer in one group "
            + "and its own lease session; the senders' rates hold for all of them together");
    subparser.addArgument("--kill-after").type(Double.class).setDefault(0.0)
        .help("seconds after the first SMS at which the instance holding sender a's lease dies (its dispatcher "
            + "stops as a crash would, its lease session ends); 0: none dies");
    subparser.addArgument("--keep").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help("keep the benchmark database");
  }

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration config)
      throws Exception {
    int n = namespace.getInt("alerts");
    double rate = namespace.getDouble("rate");
    double faults = namespace.getDouble("faults");
    Path csv = Files.createTempFile("bench-sms-", ".csv");
    try (ScratchDatabase scratch = new ScratchDatabase(DataSources.server(config), "crisis_sms_",
        namespace.getBoolean("keep"));
        LocalTwilio twilio = new LocalTwilio();
        EmbeddedKafka kafka = EmbeddedKafka.start(null)) {
      Jdbi jdbi = scratch.jdbi;
      DemoCsv.write(csv, n, 20261129L, LocalDate.now());
      Services services = Services.build(jdbi, Clock.systemUTC());
      services.importer().importFile(Actor.cli("benchmark"), csv, o -> { });
      Actor cell = Actor.cli("benchmark");
      // One zone per country of residence, so that the crisis concerns everyone alerted (the ingest refuses an
      // alert of someone in none of the crisis's zones).
      List<ZoneInput> zones = jdbi.withHandle(h -> h.createQuery(
              "SELECT DISTINCT country_of_residence FROM registration ORDER BY 1").mapTo(String.class).list())
          .stream().map(iso -> new ZoneInput(iso, null, null, iso)).toList();
      Crisis c = services.crises().create(cell, new CrisisDraft("SMS benchmark", "OTHER", "SEVERE", zones, null,
          List.of(Map.of("ar", "ابقوا في منازلكم", "fr", "Restez chez vous.", "en", "Stay at home."))));
      c = services.crises().activate(cell, c.id());
      CrisisMessage m = c.messages().get(0);

      // People and phones; the senders split the countries so that each has its share of the phones.
      record Person(UUID id, String phone, String language) {}
      List<Person> people = jdbi.withHandle(h -> h.createQuery(
              "SELECT id, phone, preferred_language FROM registration ORDER BY id")
          .map((rs, ctx) -> new Person(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list());
      Map<String, Integer> phonesByCountry = new HashMap<>();
      Set<String> phones = new HashSet<>();
      people.forEach(p -> {
        if (phones.add(p.phone())) {
          phonesByCountry.merge(SenderPlan.countryOf(p.phone()), 1, Integer::sum);
        }
      });
      Set<String> first = new HashSet<>();
      int firstPhones = 0;
      List<Map.Entry<String, Integer>> byCount = new ArrayList<>(phonesByCountry.entrySet());
      byCount.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
      for (Map.Entry<String, Integer> e : byCount) {
        if (firstPhones + e.getValue() <= phones.size() / 2 || first.isEmpty()) {
          first.add(e.getKey());
          firstPhones += e.getValue();
        }
      }
      double share = (double) firstPhones / phones.size();
      SenderPlan plan = new SenderPlan(List.of(
          new Sender("a", "MG00000000000000000000000000000001", first, Sender.Kind.MESSAGING_SERVICE, rate * share,
              null),
          new Sender("b", "MG00000000000000000000000000000002", Set.of("*"), Sender.Kind.MESSAGING_SERVICE,
              rate * (1 - share), null)));
      System.out.printf("%,d alerts to %,d phones; sender a: %s, %,d phones at %.1f/s; sender b: the rest, %,d "
          + "phones at %.1f/s%n", people.size(), phones.size(), first, firstPhones, rate * share,
          phones.size() - firstPhones, rate * (1 - share));

      Random random = new Random(5);
      twilio.script(p -> {
        double roll;
        synchronized (random) {
          roll = random.nextDouble();
        }
        if (roll >= faults) {
          return LocalTwilio.Reply.OK;
        }
        int kind = (int) (roll / faults * 4);
        return switch (kind) {
          case 0 -> new LocalTwilio.Reply(500, null, 0);
          case 1 -> new LocalTwilio.Reply(503, 20503, 0);
          case 2 -> new LocalTwilio.Reply(429, 20429, 0);
          default -> new LocalTwilio.Reply(201, null, 3000);
        };
      });

      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        Topics.ensure(admin, 6, (short) 1);
      }
      // One request in flight: a first write to a fresh partition answered NOT_LEADER_OR_FOLLOWER must not let later
      // batches overtake it (out-of-order sequence numbers, lost alerts). Every send is checked.
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5,
          ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
          new StringSerializer(), new ByteArraySerializer())) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>(people.size());
        for (Person p : people) {
          Alert a = new Alert(Alert.idOf(m.id(), p.id()), c.id(), m.id(), m.seq(), p.id(), p.language(),
              Instant.now());
          sent.add(producer.send(new ProducerRecord<>(Topics.ALERTS, p.id().toString(), ALERT.write(a))));
        }
        producer.flush();
        for (java.util.concurrent.Future<?> f : sent) {
          f.get();
        }
      }
      OutreachSettings settings = new OutreachSettings(plan, null, 64, Duration.ofSeconds(1), Duration.ofSeconds(10),
          Duration.ofSeconds(1), 20, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofDays(1),
          Duration.ofDays(1), Duration.ofMinutes(10));
      TwilioGateway gateway = new TwilioGateway("AC00000000000000000000000000000000", "benchmark-token",
          twilio.base(), Duration.ofSeconds(2));
      int instances = namespace.getInt("instances");
      double killAfter = namespace.getDouble("kill_after");
      List<crisis.alerts.support.Leases> leases = new ArrayList<>();
      List<Outreach> outreaches = new ArrayList<>();
      long start = System.nanoTime();
      long killedAt = 0;
      try {
        for (int i = 0; i < instances; i++) {
          KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
              ConsumerConfig.GROUP_ID_CONFIG, "bench-sms", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
              ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
              new StringDeserializer(), new ByteArrayDeserializer());
          // One instance alone keeps the single-process shape (no lease), as the embedded default once did.
          crisis.alerts.support.Leases l = instances == 1 ? null : new crisis.alerts.support.Leases(scratch::connect)
              .start();
          leases.add(l);
          Outreach o = new Outreach(jdbi, gateway, consumer, null, settings,
              new DeliveryReports(jdbi, Clock.systemUTC()), Clock.systemUTC(), l);
          o.start();
          outreaches.add(o);
        }
        long deadline = start + Duration.ofSeconds((long) (phones.size() / rate * 3 + 60)).toNanos();
        while (pending(jdbi) > 0 || outreaches.stream().mapToLong(o -> o.ingest().ingested()).sum() < people.size()) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the broadcast did not finish in time");
          }
          if (killAfter > 0 && killedAt == 0 && instances > 1 && !twilio.created().isEmpty()
              && System.nanoTime() - twilio.created().get(0).nanoTime() > killAfter * 1e9) {
            for (int i = 0; i < instances; i++) {
              if (leases.get(i).holding().getOrDefault("sms-sender:a", false)) {
                outreaches.get(i).dispatcher().kill();
                leases.get(i).close();
                killedAt = System.nanoTime();
                System.out.printf("instance %d, holding sender a's lease, killed %.1f s after the first SMS%n", i,
                    (killedAt - twilio.created().get(0).nanoTime()) / 1e9);
                break;
              }
            }
          }
          Thread.sleep(200);
        }
      } finally {
        outreaches.forEach(Outreach::close);
        leases.stream().filter(java.util.Objects::nonNull).forEach(crisis.alerts.support.Leases::close);
      }
      List<LocalTwilio.Created> created = twilio.created();
      long segments = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(sum(segments), 0) FROM sms_send "
          + "WHERE state = 'SENT'").mapTo(Long.class).one());
      double span = (created.get(created.size() - 1).nanoTime() - created.get(0).nanoTime()) / 1e9;
      // Rate between the first and the last SMS: n SMS span n - 1 intervals.
      double sms = (created.size() - 1) / span;
      double segs = (segments - 1) / span;
      boolean once = phones.stream().allMatch(p -> twilio.accepted(p) == 1) && created.size() == phones.size();
      System.out.printf("%nrequests %,d (faults injected: %.0f%%), SMS created %,d, segments %,d, first to last "
          + "%.1f s%n", twilio.requests().size(), faults * 100, created.size(), segments, span);
      System.out.printf("achieved %.1f SMS/s, %.1f segments/s; allowed %.1f segments/s: %.1f%% of the allowed rate%n",
          sms, segs, rate, 100 * segs / rate);
      System.out.printf("every phone exactly one SMS: %s%n", once ? "yes" : "NO");
      // The carrier's view, per sender: the most segments in any 10 s window against the sender's rate.
      for (Sender sender : plan.senders()) {
        List<LocalTwilio.Created> of = created.stream().filter(x -> sender.from().equals(x.from())).toList();
        long most = mostSegmentsIn(of, Duration.ofSeconds(10));
        System.out.printf("sender %s (%d instance%s): at most %,d segments in any 10 s window, allowed %.0f: %.1f%%%n",
            sender.name(), instances, instances == 1 ? "" : "s", most, sender.segmentsPerSecond() * 10,
            100 * most / (sender.segmentsPerSecond() * 10));
      }
      if (killedAt != 0) {
        long at = killedAt;
        Sender a = plan.senders().get(0);
        long next = created.stream().filter(x -> a.from().equals(x.from())).mapToLong(LocalTwilio.Created::nanoTime)
            .filter(t -> t > at).min().orElse(0);
        System.out.printf("failover: sender a's next SMS %.1f s after its instance died%n",
            next == 0 ? Double.NaN : (next - at) / 1e9);
      }
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  /** The most segments in any window of {@code window}, sliding SMS by SMS (the segments counted from the body). */
  static long mostSegmentsIn(List<LocalTwilio.Created> sms, Duration window) {
    List<LocalTwilio.Created> sorted = sms.stream()
        .sorted(java.util.Comparator.comparingLong(LocalTwilio.Created::nanoTime)).toList();
    long most = 0;
    long in = 0;
    int first = 0;
    for (LocalTwilio.Created x : sorted) {
      in += crisis.core.crisis.SmsSegments.of(x.body()).segments();
      while (x.nanoTime() - sorted.get(first).nanoTime() >= window.toNanos()) {
        in -= crisis.core.crisis.SmsSegments.of(sorted.get(first++).body()).segments();
      }
      most = Math.max(most, in);
    }
    return most;
  }

  private static long pending(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM sms_send WHERE state IN ('PENDING', 'SENDING')")
        .mapTo(Long.class).one());
  }
}
