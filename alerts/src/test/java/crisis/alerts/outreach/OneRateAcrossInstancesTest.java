package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.pipeline.Alert;
import crisis.alerts.support.Leases;
import crisis.core.crisis.Crisis;
import crisis.core.registry.Registration;
import crisis.core.testing.Poll;
import crisis.standin.LocalTwilio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Several dispatcher instances, each with its own Jdbi and its own lease session, on one database and one gateway:
 * the carrier sees one sender's rate, not one per instance (at most 101% of it over any 10 s window), nothing is sent
 * twice, and when the owner's lease session dies another instance takes over within 15 s without losing or doubling
 * anything.
 */
@Tag("db")
class OneRateAcrossInstancesTest {
  static final double RATE = 20; // segments a second; every message here is one segment
  static final long WINDOW_NANOS = 10_000_000_000L;

  static OutreachFixture f;
  static LocalTwilio twilio;
  static Crisis crisis;

  record Instance(Jdbi jdbi, Leases leases, Dispatcher dispatcher) {}

  final List<Instance> instances = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    f = new OutreachFixture();
    twilio = new LocalTwilio();
    crisis = f.activeCrisis();
  }

  @AfterAll
  static void stop() {
    twilio.close();
    f.close();
  }

  @AfterEach
  void stopInstances() {
    for (Instance i : instances) {
      i.dispatcher().close();
      i.leases().close();
    }
    instances.clear();
  }

  @Test
  void twoInstancesKeepOneRate() throws Exception {
    oneRate(2, 1_000, 240);
  }

  @Test
  void threeInstancesKeepOneRate() throws Exception {
    oneRate(3, 2_000, 240);
  }

  @Test
  void anotherInstanceTakesOverWhenTheOwnersSessionDies() throws Exception {
    List<Registration> people = f.people(3_000, 200, null);
    Set<String> phones = phones(people);
    start(2);
    store(people);
    Poll.until(Duration.ofSeconds(20), () -> sent(phones).size() >= 40, "40 SMS sent");
    Instance owner = instances.stream().filter(i -> i.leases().want("sms-sender:world").held()).findFirst()
        .orElseThrow();
    int pid = owner.leases().pid();
    long killedAt = System.nanoTime();
    f.jdbi.useHandle(h -> h.createQuery("SELECT pg_terminate_backend(:pid)").bind("pid", pid)
        .mapTo(Boolean.class).one());
    Poll.until(Duration.ofSeconds(45), () -> sent(phones).size() == 200, "all 200 SMS sent");
    List<Long> at = sent(phones);
    long before = at.stream().filter(t -> t < killedAt).max(Long::compare).orElseThrow();
    long after = at.stream().filter(t -> t > killedAt).min(Long::compare).orElseThrow();
    assertThat((after - before) / 1e9).as("seconds without a send around the owner's death").isLessThan(15);
    assertOnceEach(phones);
    assertMaxInAnyWindow(at);
  }

  private void oneRate(int count, int firstPerson, int messages) throws Exception {
    List<Registration> people = f.people(firstPerson, messages, null);
    Set<String> phones = phones(people);
    start(count);
    store(people);
    Poll.until(Duration.ofSeconds(45), () -> sent(phones).size() == messages, messages + " SMS sent");
    assertOnceEach(phones);
    List<Long> at = sent(phones);
    assertMaxInAnyWindow(at);
    double seconds = (at.get(at.size() - 1) - at.get(0)) / 1e9;
    // A floor that a loaded machine still makes (80 % seen with two browser-test runs beside it), well above what
    // instances waiting on each other would give; the aim of 90 % and more is measured by the benchmark
    // (BENCHMARKS.md, "Issue 30: one rate across instances"), where load is not a test's outcome.
    assertThat((messages - 1) / seconds).as("achieved rate over the run").isGreaterThanOrEqualTo(0.75 * RATE);
  }

  private void start(int count) {
    OutreachSettings settings = OutreachFixture.settings(RATE, null);
    for (int n = 0; n < count; n++) {
      Jdbi jdbi = f.db.jdbi();
      Leases leases = new Leases(() -> f.db.dataSource().getConnection());
      Dispatcher d = new Dispatcher(jdbi, OutreachFixture.gateway(twilio, Duration.ofSeconds(2)), settings,
          new DeliveryReports(jdbi, f.clock), f.clock, leases);
      leases.start();
      d.start();
      instances.add(new Instance(jdbi, leases, d));
    }
  }

  private void store(List<Registration> people) {
    List<Alert> alerts = OutreachFixture.alerts(crisis, crisis.messages().get(0), people);
    new AlertIngest(f.jdbi, null, null, OutreachFixture.settings(RATE, null).senders(), Duration.ZERO, f.clock)
        .store(alerts);
  }

  private static Set<String> phones(List<Registration> people) {
    return people.stream().map(r -> r.data().phone()).collect(Collectors.toSet());
  }

  /** When the gateway accepted each SMS to these phones (nanoTime), in order. */
  private static List<Long> sent(Set<String> phones) {
    return twilio.created().stream().filter(c -> phones.contains(c.to())).map(LocalTwilio.Created::nanoTime)
        .sorted().toList();
  }

  private static void assertOnceEach(Set<String> phones) {
    Map<String, Long> perPhone = twilio.created().stream().filter(c -> phones.contains(c.to()))
        .collect(Collectors.groupingBy(LocalTwilio.Created::to, Collectors.counting()));
    assertThat(perPhone).hasSize(phones.size());
    assertThat(perPhone.values()).as("SMS per phone").allMatch(n -> n == 1);
    // The gateway took them all; their outcomes reach the database a moment later.
    Poll.until(Duration.ofSeconds(10), () -> f.count("SELECT count(*) FROM sms_send WHERE state = 'SENT' AND phone = "
        + "ANY(ARRAY['" + String.join("','", phones) + "'])") == phones.size(), "every SMS recorded as sent");
  }

  /**
   * Slots one segment apart, kept within 10 ms, put at most floor(rate x 10.01 s) + 1 sends in any 10 s window: 201 at 20/s, under the 101%
   * bar of 202. Two instances each at the full rate would put about 400 there.
   */
  private static void assertMaxInAnyWindow(List<Long> at) {
    int max = 0;
    int j = 0;
    for (int i = 0; i < at.size(); i++) {
      while (at.get(i) - at.get(j) >= WINDOW_NANOS) {
        j++;
      }
      max = Math.max(max, i - j + 1);
    }
    assertThat((double) max).as("most sends in any 10 s window").isLessThanOrEqualTo(1.01 * RATE * 10);
  }
}
