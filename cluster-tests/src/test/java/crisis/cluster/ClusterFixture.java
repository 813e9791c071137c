package crisis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crisis.api.services.Services;
import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.consulate.Consulate;
import crisis.core.consulate.ConsulateDao;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.ZoneInput;
import crisis.core.demo.DemoData;
import crisis.core.geo.ZoneInputs;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.testing.Poll;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import crisis.core.users.UserService;
import crisis.standin.LocalTwilio;
import java.io.Writer;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Production's shape in one test: a 3-node KRaft cluster ({@link KafkaCluster}), 2 release-jar instances
 * ({@link AppInstance}) sharing one PostgreSQL database, Twilio's SDK pointed at a {@link LocalTwilio} in this JVM;
 * {@code PEOPLE} nationals registered in one country, the zone of the crisis. Counts what arrived at the gateway and
 * what the database and the API say, and asserts that none is lost or doubled.
 */
final class ClusterFixture implements AutoCloseable {
  static final String COUNTRY = "FR";
  /** The people of the shared fixture, all in {@link #COUNTRY}, and its sender's rate (segments/s). */
  static final int PEOPLE = 2_500;
  static final double RATE = 60;
  private static final java.util.regex.Pattern PORT = java.util.regex.Pattern.compile(
      "^(jdbc:postgresql://[^/:]+)(?::(\\d+))?(/.*)$");
  private static ClusterFixture shared;
  static final String PUBLIC_URL = "https://crisis.example.org/";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The jobs that run once per deployment, each under the lease of this name. */
  static final Set<String> LEASES = Set.of("sms-sender:world", "sms-lookup", "sms-escalation", "cell-counts",
      "gate-clock", "reintegration-clock");

  final TestDatabase db;
  final Jdbi jdbi;
  final Services services;
  final LocalTwilio twilio;
  final KafkaCluster kafka;
  final List<AppInstance> apps = new ArrayList<>();
  final String authorization;
  final int people;
  final double segmentsPerSecond;
  final long startedNanos = System.nanoTime();
  /** The relay the instances reach the database through, in the shared fixture (DatabaseOutageIT cuts it). */
  crisis.core.testing.CuttableProxy databaseRelay;
  /** The gateway's checks count what arrived from this time on ({@link #nextCase}). */
  private volatile long caseStartedNanos = Long.MIN_VALUE;

  ClusterFixture(int people, boolean exactlyOnce, double segmentsPerSecond) throws Exception {
    this(people, exactlyOnce, segmentsPerSecond, java.util.function.UnaryOperator.identity());
  }

  /**
   * @param instancesDatabaseUrl how the instances reach the database, from its URL (e.g. through a relay the test
   *     cuts); the fixture's own checks go straight to it
   */
  ClusterFixture(int people, boolean exactlyOnce, double segmentsPerSecond,
      java.util.function.UnaryOperator<String> instancesDatabaseUrl) throws Exception {
    this.people = people;
    this.segmentsPerSecond = segmentsPerSecond;
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
    importPeople(people);
    String user = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "cluster test " + UUID.randomUUID();
    new UserService(jdbi).add(user, password.toCharArray(), Role.CRISIS_CELL, null);
    authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
    twilio = new LocalTwilio();
    // Accepted at once, answered 400 ms later (a slow carrier API): an instance killed mid dispatch leaves SMS that
    // reached the gateway and were never recorded, which only the in-flight look-up can tell from lost ones.
    twilio.script(p -> new LocalTwilio.Reply(201, null, 400));
    long t0 = System.nanoTime();
    kafka = KafkaCluster.start(3);
    System.out.printf("cluster test: 3 brokers up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    AppInstance.Settings settings = new AppInstance.Settings(instancesDatabaseUrl.apply(db.urlWithoutParameters()),
        db.serverUser(),
        kafka.bootstrapServers(), exactlyOnce, "cluster-test-token", twilio.base().toString(), PUBLIC_URL,
        segmentsPerSecond);
    t0 = System.nanoTime();
    for (String name : List.of("a", "b")) {
      // Instance a reaches the brokers through relays the test can cut (KafkaCluster.cutRelays); b directly.
      AppInstance app = AppInstance.configure(name, name.equals("a") ? settings.withBootstrapServers(
          kafka.relayedBootstrapServers()) : settings);
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
   * Readies the fixture for the next case of a test class that shares it (the cluster, the instances and the people
   * are made once per class: minutes saved per case): an instance the last case killed is started again (its
   * configuration and state directory kept) and awaited, every lease held once, the outbox empty; from now on the
   * gateway's checks ({@link #sms}) count only what arrives after this call, so each case's crisis is checked alone.
   * The last case's crisis had settled (each case waits for it), so nothing of it arrives later.
   */
  void nextCase() throws Exception {
    long t0 = System.nanoTime();
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

  /** The SMS the gateway accepted since this case began ({@link #nextCase}). */
  List<LocalTwilio.Created> sms() {
    long since = caseStartedNanos;
    return twilio.created().stream().filter(x -> "SMS".equals(x.kind()) && x.nanoTime() >= since).toList();
  }

  /**
   * The one fixture the crisis fault classes share ({@code InstanceKillIT}, {@code BrokerBounceIT},
   * {@code DatabaseOutageIT}, {@code BrokersCutOffIT}), made by the first of them to run in this JVM and stopped when
   * the JVM ends: about 70 s of brokers, instances and people made once instead of once per class. Each case begins
   * with {@link #nextCase}. The instances reach the database through {@link #databaseRelay}, which stays open unless
   * a case cuts it. Exactly-once Streams unless {@code -Dfaults.noExactlyOnce=true}.
   */
  static synchronized ClusterFixture shared() throws Exception {
    if (shared == null) {
      crisis.core.testing.CuttableProxy[] relay = new crisis.core.testing.CuttableProxy[1];
      ClusterFixture f = new ClusterFixture(PEOPLE, !Boolean.getBoolean("faults.noExactlyOnce"), RATE,
          url -> through(url, relay));
      f.databaseRelay = relay[0];
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

  /** The database URL through a relay to the same server (made on first use: both instances share it). */
  private static String through(String url, crisis.core.testing.CuttableProxy[] relay) {
    java.util.regex.Matcher m = PORT.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a jdbc:postgresql:// URL");
    }
    try {
      if (relay[0] == null) {
        relay[0] = new crisis.core.testing.CuttableProxy(m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return m.group(1).replaceFirst("//[^/]+$", "//127.0.0.1") + ":" + relay[0].port() + m.group(3);
  }

  /** Demo nationals, every one of them resident in {@link #COUNTRY}. */
  private void importPeople(int n) throws Exception {
    Path csv = peopleCsv(new DemoData(20261205L, LocalDate.now()).registrations(), n,
        d -> COUNTRY.equals(d.countryOfResidence()));
    try {
      services.importer().importFile(Actor.cli("cluster-test"), csv, o -> { });
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  /** A registration CSV file of the next {@code n} people of {@code people} that {@code keep} accepts. */
  static Path peopleCsv(Iterator<RegistrationData> people, int n,
      java.util.function.Predicate<RegistrationData> keep) throws java.io.IOException {
    Path csv = Files.createTempFile("cluster-people-", ".csv");
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write(CsvFormat.header());
      w.write('\n');
      StringBuilder b = new StringBuilder(1024);
      int written = 0;
      while (written < n) {
        RegistrationData d = people.next();
        if (keep.test(d)) {
          b.setLength(0);
          CsvFormat.write(d, b);
          w.append(b);
          written++;
        }
      }
    }
    return csv;
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
    Map<String, Integer> atGateway = new HashMap<>();
    sms().stream().forEach(x -> atGateway.merge(x.to(), 1,
        Integer::sum));
    List<String> notOnce = new ArrayList<>();
    atGateway.forEach((phone, n) -> {
      if (n != 1) {
        notOnce.add(n + "x");
      }
    });
    assertThat(notOnce).as("phones texted more than once (counts only)").isEmpty();
    assertThat(atGateway.keySet()).as("phones texted = phones to text").isEqualTo(phones);
    Set<String> sids = new HashSet<>();
    sms().stream().forEach(x -> sids.add(x.sid()));
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
        + "in 10 s)%n", most, segmentsPerSecond * 10);
    assertThat((double) most).as("segments in any 10 s window at the gateway").isLessThanOrEqualTo(
        1.01 * segmentsPerSecond * 10);
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
    if (databaseRelay != null) {
      databaseRelay.close();
    }
    db.drop();
  }
}
