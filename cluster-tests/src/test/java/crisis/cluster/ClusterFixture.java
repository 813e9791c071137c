package crisis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crisis.alerts.kafka.Topics;
import crisis.alerts.pipeline.Alert;
import crisis.alerts.pipeline.JsonSerde;
import crisis.api.services.Services;
import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.consulate.Consulate;
import crisis.core.consulate.ConsulateDao;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.ZoneInput;
import crisis.core.demo.DemoCsv;
import crisis.core.demo.DemoData;
import crisis.core.geo.ZoneInputs;
import crisis.core.testing.CuttableProxy;
import crisis.core.testing.Poll;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import crisis.core.users.UserService;
import crisis.standin.LocalTwilio;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jdbi.v3.core.Jdbi;

/**
 * Production's shape, shared by the crisis fault classes ({@code InstanceKillIT}, {@code BrokerBounceIT},
 * {@code DatabaseOutageIT}, {@code BrokersCutOffIT}): a 3-node KRaft cluster ({@link KafkaCluster}), 2 release-jar
 * instances ({@link AppInstance}) sharing one PostgreSQL database, which they reach through a relay a case may cut
 * ({@link #databaseRelay}), Twilio's SDK pointed at a {@link LocalTwilio} in this JVM; {@link #PEOPLE} nationals
 * registered in one country, the zone of the crisis. Made once per JVM ({@link #shared}), about 70 s saved per class;
 * each case begins with {@link #nextCase}. Counts what arrived at the gateway and what the database and the API say,
 * and asserts that none is lost or doubled.
 */
final class ClusterFixture implements AutoCloseable {
  static final String COUNTRY = "FR";
  /** The people, all in {@link #COUNTRY}. */
  static final int PEOPLE = 2_500;
  /** The sender's rate for the whole deployment, segments/s: a dispatch of some 40 s. */
  static final double RATE = 60;
  static final String PUBLIC_URL = "https://crisis.example.org/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSerde<Alert> ALERT = JsonSerde.of(Alert.class);
  private static final java.util.regex.Pattern HOST_PORT = java.util.regex.Pattern.compile(
      "^jdbc:postgresql://[^/:]+(?::(\\d+))?(/.*)$");
  /** The jobs that run once per deployment, each under the lease of this name. */
  static final Set<String> LEASES = Set.of("sms-sender:world", "sms-lookup", "sms-escalation", "cell-counts",
      "gate-clock", "reintegration-clock", "stay-reminders", "retention-purge");
  /** The pipeline's fault point between an alert forwarded and its record (crisis.alerts.pipeline.FaultPoint). */
  static final String ALERT_FORWARDED = "alert-forwarded";
  private static ClusterFixture shared;

  final TestDatabase db;
  final Jdbi jdbi;
  final Services services;
  final LocalTwilio twilio;
  final KafkaCluster kafka;
  /** The relay the instances reach the database through; the fixture's own checks go straight to it. */
  final CuttableProxy databaseRelay;
  final List<AppInstance> apps = new ArrayList<>();
  /** The pipeline's fault points, one directory for both instances: a point armed there is taken once. */
  final Path faultPoints;
  final String authorization;
  /** The gateway's checks count what arrived from this time on ({@link #nextCase}). */
  private volatile long caseStartedNanos = Long.MIN_VALUE;

  /**
   * The fixture of this JVM, made by the first class to ask and stopped when the JVM ends. Exactly-once Streams
   * unless {@code -Dfaults.noExactlyOnce=true}.
   */
  static synchronized ClusterFixture shared() throws Exception {
    if (shared == null) {
      ClusterFixture f = new ClusterFixture(!Boolean.getBoolean("faults.noExactlyOnce"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          f.close();
        } catch (Exception e) {
          System.out.println("cluster test: stopping the shared fixture: " + e);
        }
      }));
      shared = f;
    }
    return shared;
  }

  private ClusterFixture(boolean exactlyOnce) throws Exception {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    jdbi.useExtension(ConsulateDao.class, dao -> {
      for (Consulate c : DemoData.consulates()) {
        if (dao.find(c.id()).isEmpty()) {
          dao.insert(c);
        }
      }
    });
    services = Services.build(jdbi, Clock.systemUTC());
    importPeople(PEOPLE);
    String user = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "cluster test " + UUID.randomUUID();
    new UserService(jdbi).add(user, password.toCharArray(), Role.CRISIS_CELL, null);
    authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
    twilio = new LocalTwilio();
    // Accepted at once, answered 400 ms later (a slow carrier API): an instance killed mid dispatch leaves SMS that
    // reached the gateway and were never recorded, which only the in-flight look-up can tell from lost ones.
    twilio.script(p -> new LocalTwilio.Reply(201, null, 400));
    java.util.regex.Matcher url = HOST_PORT.matcher(db.urlWithoutParameters());
    if (!url.matches()) {
      throw new IllegalStateException("the test database's URL is not jdbc:postgresql://host[:port]/name");
    }
    databaseRelay = new CuttableProxy(url.group(1) == null ? 5432 : Integer.parseInt(url.group(1)));
    long t0 = System.nanoTime();
    kafka = KafkaCluster.start(3);
    System.out.printf("cluster test: 3 brokers up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    AppInstance.Settings settings = new AppInstance.Settings(
        "jdbc:postgresql://127.0.0.1:" + databaseRelay.port() + url.group(2), db.serverUser(),
        kafka.bootstrapServers(), exactlyOnce, "cluster-test-token", twilio.base().toString(), PUBLIC_URL, RATE);
    faultPoints = Files.createTempDirectory("cluster-fault-points-");
    t0 = System.nanoTime();
    for (String name : List.of("a", "b")) {
      // Instance a reaches the brokers through relays the test can cut (KafkaCluster.cutRelays); b directly.
      AppInstance app = AppInstance.configure(name, name.equals("a") ? settings.withBootstrapServers(
          kafka.relayedBootstrapServers()) : settings);
      app.faultPoints = faultPoints;
      app.start();
      apps.add(app);
    }
    for (AppInstance app : apps) {
      app.awaitReady(authorization, Duration.ofMinutes(4));
    }
    System.out.printf("cluster test: 2 instances ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    awaitSteady();
  }

  private void awaitSteady() {
    Poll.until(Duration.ofMinutes(1), () -> {
      try {
        return heldOnce().size() == LEASES.size();
      } catch (Exception e) {
        return false;
      }
    }, "every lease held by one instance");
    Poll.until(Duration.ofMinutes(4), () -> outbox() == 0, "the registry on the topics");
  }

  /**
   * Readies the fixture for the next case: whatever a case left broken, also when it failed half-way, is whole again —
   * the database relay and the brokers' relays open, every Kafka node running, every instance running and ready — then
   * every lease held once and the outbox empty; from now on the gateway's checks ({@link #sms}) count only what
   * arrives after this call, so each case's crisis is checked alone. An earlier case's crisis had settled (each case
   * waits for it; the instances send no reminder during the run, {@link AppInstance}), so nothing of it arrives later.
   */
  void nextCase() throws Exception {
    long t0 = System.nanoTime();
    // No point left armed, no thread left held.
    try (java.util.stream.Stream<Path> left = Files.list(faultPoints)) {
      for (Path p : left.toList()) {
        Files.deleteIfExists(p);
      }
    }
    databaseRelay.restore();
    kafka.restoreRelays();
    for (KafkaCluster.Node n : kafka.nodes) {
      if (!n.alive()) {
        kafka.restart(n);
        System.out.printf("cluster test: node %d left down by the last case, started again%n", n.id);
      }
    }
    for (AppInstance app : apps) {
      if (!app.process.isAlive()) {
        app.start();
        app.awaitReady(authorization, Duration.ofMinutes(4));
        System.out.printf("cluster test: instance %s started again, ready in %.1f s%n", app.name,
            (System.nanoTime() - t0) / 1e9);
      }
    }
    awaitSteady();
    caseStartedNanos = System.nanoTime();
  }

  /**
   * Arms a fault point of the pipeline (crisis.alerts.pipeline.FaultPoint) once for both instances: the first stream
   * thread to reach it does {@code action} ({@code halt}: the JVM stopped 3 s later as by SIGKILL; {@code hold}: the
   * thread held until {@link #release}).
   */
  void arm(String point, String action) throws java.io.IOException {
    Files.writeString(faultPoints.resolve(point), action);
  }

  /** Waits until an instance has taken the point; that instance. */
  AppInstance awaitTaken(String point, Duration within) throws Exception {
    Path taken = faultPoints.resolve(point + ".taken");
    Poll.until(within, () -> {
      try {
        return Files.exists(taken) && !Files.readString(taken).isBlank();
      } catch (java.io.IOException e) {
        return false;
      }
    }, "fault point " + point + " reached");
    long pid = Long.parseLong(Files.readString(taken).strip());
    return apps.stream().filter(a -> a.process.pid() == pid).findFirst()
        .orElseThrow(() -> new IllegalStateException("fault point " + point + " taken by process " + pid
            + ", not an instance"));
  }

  /** Lets the thread held at the point go on. */
  void release(String point) throws java.io.IOException {
    Files.deleteIfExists(faultPoints.resolve(point + ".taken"));
  }

  /** The SMS the gateway accepted since this case began ({@link #nextCase}). */
  List<LocalTwilio.Created> sms() {
    long since = caseStartedNanos;
    return twilio.created().stream().filter(x -> "SMS".equals(x.kind()) && x.nanoTime() >= since).toList();
  }

  /** Demo nationals, every one of them resident in {@link #COUNTRY}. */
  private void importPeople(int n) throws Exception {
    Path csv = Files.createTempFile("cluster-people-", ".csv");
    try {
      DemoCsv.write(csv, new DemoData(20261205L, LocalDate.now()).registrations(), n,
          d -> COUNTRY.equals(d.countryOfResidence()));
      services.importer().importFile(Actor.cli("cluster-test"), csv, o -> { });
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  /** Who the crisis's zone reaches, by the search's own rule. */
  Set<UUID> expected() {
    return new HashSet<>(services.zoneSearch().ids(Actor.cli("cluster-test"),
        ZoneInputs.country(services.boundaries(), COUNTRY, "country")));
  }

  /** A crisis over the country, one message in the people's languages, activated. */
  UUID activateCrisis() {
    CrisisDraft draft = new CrisisDraft("Flood", "FLOOD", "SEVERE",
        List.of(new ZoneInput("France", null, null, COUNTRY)), null,
        List.of(Map.of("fr", "Restez chez vous.", "ar", "ابقوا في منازلكم", "es", "Quédense en casa.",
            "en", "Stay at home.")));
    Crisis crisis = services.crises().create(Samples.CRISIS_CELL, draft);
    services.crises().activate(Samples.CRISIS_CELL, crisis.id());
    return crisis.id();
  }

  long outbox() {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM outbox").mapTo(Long.class).one());
  }

  long recipients(UUID c) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM sms_recipient WHERE crisis_id = :c")
        .bind("c", c).mapTo(Long.class).one());
  }

  long unsettled(UUID c) {
    return jdbi.withHandle(h -> h.createQuery(
        "SELECT count(*) FROM sms_send WHERE kind = 'ALERT' AND crisis_id = :c AND state IN ('PENDING', 'SENDING')")
        .bind("c", c).mapTo(Long.class).one());
  }

  /** SMS accepted by the gateway so far. */
  int accepted() {
    return (int) sms().stream().count();
  }

  JsonNode api(AppInstance app, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.base() + path))
        .header("Authorization", authorization).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET " + path).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  AppInstance alive() {
    return apps.stream().filter(a -> a.process.isAlive()).findFirst().orElseThrow();
  }

  /**
   * Waits until everyone in the zone has a recipient row, no alert SMS is pending or in flight and the tally counts
   * everyone; a deadline only fails a stuck run. Returns the time the last SMS reached the gateway.
   */
  void awaitSettled(UUID c, int expected, Duration within) {
    Poll.until(within, () -> {
      try {
        return recipients(c) >= expected && unsettled(c) == 0 && outbox() == 0
            && api(alive(), "/api/v1/crises/" + c + "/status").path("alerted").asLong() >= expected;
      } catch (Exception e) {
        return false;
      }
    }, "the crisis settled: everyone a recipient, every SMS sent, the tally complete");
  }

  /**
   * The exactly-once checks: per (message, person) one recipient row, every person in the zone, none outside; per
   * (message, phone) one SMS at the gateway, none to a phone the database does not know, every row SENT with the
   * gateway's sid; the API's tally and outreach exact; one sender's rate at the gateway ({@link #verifyOneRate}).
   */
  void verify(UUID c, Set<UUID> expected) throws Exception {
    verifyAlertsTopic(c, expected);
    List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery(
        "SELECT message_id, registration_id FROM sms_recipient WHERE crisis_id = :c").bind("c", c).mapToMap().list());
    Map<String, Integer> perPerson = new HashMap<>();
    for (Map<String, Object> r : rows) {
      perPerson.merge(r.get("message_id") + "/" + r.get("registration_id"), 1, Integer::sum);
    }
    Set<UUID> reached = new HashSet<>();
    rows.forEach(r -> reached.add((UUID) r.get("registration_id")));
    assertThat(reached).as("people alerted (message, person)").isEqualTo(expected);
    assertThat(perPerson.values()).as("recipient rows per (message, person)").containsOnly(1);

    List<Map<String, Object>> sends = jdbi.withHandle(h -> h.createQuery(
        "SELECT message_id, phone, state, sid FROM sms_send WHERE kind = 'ALERT' AND crisis_id = :c").bind("c", c)
        .mapToMap().list());
    Map<String, Integer> rowsPerPhone = new HashMap<>();
    sends.forEach(s -> rowsPerPhone.merge(s.get("message_id") + "/" + s.get("phone"), 1, Integer::sum));
    assertThat(rowsPerPhone.values()).as("send rows per (message, phone)").containsOnly(1);
    assertThat(sends).as("every send SENT with the gateway's sid")
        .allMatch(s -> "SENT".equals(s.get("state")) && s.get("sid") != null);
    Set<String> phones = new HashSet<>();
    sends.forEach(s -> phones.add((String) s.get("phone")));

    // At the gateway, this case's crisis only (nextCase): one message per crisis, so (message, phone) is the phone.
    // Its texts only: a phone may also get other SMS meanwhile (a traveller's reminder before a trip's end).
    Set<String> alertTexts = new HashSet<>(jdbi.withHandle(h -> h.createQuery(
        "SELECT DISTINCT body FROM sms_send WHERE kind = 'ALERT' AND crisis_id = :c").bind("c", c)
        .mapTo(String.class).list()));
    List<LocalTwilio.Created> alertSms = sms().stream().filter(x -> alertTexts.contains(x.body())).toList();
    Map<String, Integer> atGateway = new HashMap<>();
    alertSms.forEach(x -> atGateway.merge(x.to(), 1, Integer::sum));
    List<String> notOnce = new ArrayList<>();
    atGateway.forEach((phone, n) -> {
      if (n != 1) {
        notOnce.add(n + "x");
      }
    });
    assertThat(notOnce).as("phones texted more than once (counts only)").isEmpty();
    assertThat(atGateway.keySet()).as("phones texted = phones to text").isEqualTo(phones);
    Set<String> sids = new HashSet<>();
    alertSms.forEach(x -> sids.add(x.sid()));
    Set<Object> rowSids = new HashSet<>();
    sends.forEach(s -> rowSids.add(s.get("sid")));
    assertThat(rowSids).as("the rows' sids are the gateway's").isEqualTo(sids);

    JsonNode status = api(alive(), "/api/v1/crises/" + c + "/status");
    JsonNode outreach = api(alive(), "/api/v1/crises/" + c + "/outreach");
    System.out.println("cluster test: status " + status);
    System.out.println("cluster test: outreach " + outreach);
    assertThat(status.path("affected").asLong()).as("tally: affected").isEqualTo(expected.size());
    assertThat(status.path("alerted").asLong()).as("tally: alerted").isEqualTo(expected.size());
    assertThat(outreach.path("recipients").asLong()).as("outreach: recipients").isEqualTo(expected.size());
    Map<String, Long> byState = new HashMap<>();
    outreach.path("smsByState").fields().forEachRemaining(e -> {
      if (e.getValue().asLong() != 0) {
        byState.put(e.getKey(), e.getValue().asLong());
      }
    });
    assertThat(byState).as("outreach: SMS by state").isEqualTo(Map.of("SENT", (long) phones.size()));
    verifyOneRate();
  }

  /**
   * The pipeline's own exactly-once, before the database's keys: the {@code alerts} topic, read as a downstream
   * consumer does (committed records only, to the end as it is now), holds each (message, person) of the crisis once
   * and every person in the zone. The database would absorb a doubled alert (one recipient row per message and
   * person), so only this check tells an at-least-once pipeline that redid work after a fault from an exactly-once
   * one.
   */
  void verifyAlertsTopic(UUID c, Set<UUID> expected) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<UUID, Integer> perPerson = new HashMap<>();
    int onTopic = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // For a read_committed consumer the end is the last stable offset: every transaction before it decided.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        assertThat(System.nanoTime()).as("the alerts topic read to its end within a minute").isLessThan(deadline);
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          Alert a = ALERT.read(r.value());
          if (c.equals(a.crisisId())) {
            onTopic++;
            perPerson.merge(a.registrationId(), 1, Integer::sum);
          }
        }
      }
    }
    long doubled = perPerson.values().stream().filter(n -> n > 1).count();
    System.out.printf("cluster test: the alerts topic holds %d alerts of the crisis for %d people, %d of them more "
        + "than once%n", onTopic, perPerson.size(), doubled);
    assertThat(perPerson.keySet()).as("people with an alert on the topic").isEqualTo(expected);
    assertThat(doubled).as("people with the crisis's one message on the alerts topic more than once").isZero();
  }

  /**
   * Each lease held by exactly one live instance, and which: fails when two hold one. A lease no instance holds (in
   * the seconds of a take-over) is left out.
   */
  Map<String, AppInstance> heldOnce() throws Exception {
    Map<String, AppInstance> owners = new HashMap<>();
    for (AppInstance app : apps) {
      if (!app.process.isAlive()) {
        continue;
      }
      Map<String, Boolean> leases = app.leases();
      assertThat(leases.keySet()).as("leases wanted by instance " + app.name).isEqualTo(LEASES);
      leases.forEach((lease, held) -> {
        if (held) {
          AppInstance other = owners.put(lease, app);
          assertThat(other).as("lease " + lease + " held by two instances").isNull();
        }
      });
    }
    return owners;
  }

  /** The most segments the gateway accepted in any window of {@code window}, sliding send by send. */
  long mostSegmentsIn(Duration window) {
    List<LocalTwilio.Created> sms = sms().stream()
        .sorted(java.util.Comparator.comparingLong(LocalTwilio.Created::nanoTime)).toList();
    long most = 0;
    long inWindow = 0;
    int first = 0;
    for (LocalTwilio.Created s : sms) {
      inWindow += segments(s);
      while (s.nanoTime() - sms.get(first).nanoTime() >= window.toNanos()) {
        inWindow -= segments(sms.get(first++));
      }
      most = Math.max(most, inWindow);
    }
    return most;
  }

  /** Segments the gateway accepted from {@code fromNanos} (inclusive) to {@code toNanos} (exclusive). */
  long segmentsBetween(long fromNanos, long toNanos) {
    return sms().stream()
        .filter(x -> x.nanoTime() >= fromNanos && x.nanoTime() < toNanos).mapToLong(ClusterFixture::segments).sum();
  }

  private static long segments(LocalTwilio.Created s) {
    return crisis.core.crisis.SmsSegments.of(s.body()).segments();
  }

  /**
   * The carrier's rate for the whole deployment: at most 101 % of one sender's rate in any 10 s window, however
   * many instances run.
   */
  void verifyOneRate() {
    long most = mostSegmentsIn(Duration.ofSeconds(10));
    System.out.printf("cluster test: at most %d segments in any 10 s window at the gateway (the sender's rate: %.0f "
        + "in 10 s)%n", most, RATE * 10);
    assertThat((double) most).as("segments in any 10 s window at the gateway").isLessThanOrEqualTo(
        1.01 * RATE * 10);
  }

  /** Prints the gateway's timeline: first and last SMS, and the longest pause after {@code fromNanos}. */
  String timeline(long activatedNanos, long faultNanos) {
    List<Long> at = sms().stream().map(LocalTwilio.Created::nanoTime)
        .sorted().toList();
    long gap = 0;
    long prev = faultNanos;
    for (long t : at) {
      if (t >= faultNanos) {
        gap = Math.max(gap, t - prev);
        prev = t;
      }
    }
    return String.format("%d SMS, first %.1f s and last %.1f s after activation, longest pause at the gateway "
        + "after the fault %.1f s", at.size(), (at.get(0) - activatedNanos) / 1e9,
        (at.get(at.size() - 1) - activatedNanos) / 1e9, gap / 1e9);
  }

  @Override
  public void close() throws Exception {
    for (AppInstance app : apps) {
      app.kill();
    }
    kafka.close();
    twilio.close();
    databaseRelay.close();
    db.drop();
  }
}
