package crisis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault A: the application instance that holds the sender's lease (so the one sending) killed with SIGKILL in the
 * middle of a crisis's SMS dispatch (no shutdown hook; SMS it had claimed and not finished are in flight). The other
 * instance takes the leases over within seconds and finishes the crisis: every person in the zone alerted once, every
 * phone texted once at the gateway, the tally exact, and the gateway never sees more than one sender's rate. And the
 * same kill mid fan-out, before the SMS.
 */
class InstanceKillIT {
  /** The shared cluster ({@link ClusterFixture#shared}). */
  private static ClusterFixture f;

  @BeforeAll
  static void cluster() throws Exception {
    f = ClusterFixture.shared();
  }

  @Test
  void theOtherInstanceTakesTheLeasesAndFinishesTheCrisis() throws Exception {
    f.nextCase();
    Set<UUID> expected = f.expected();
    assertThat(expected.size()).isGreaterThan(ClusterFixture.PEOPLE * 9 / 10);
    long activated = System.nanoTime();
    UUID c = f.activateCrisis();
    crisis.core.testing.Poll.until(Duration.ofMinutes(3), () -> f.accepted() >= expected.size() / 4,
        "a quarter of the SMS at the gateway");
    Map<String, AppInstance> owners = f.heldOnce();
    AppInstance victim = owners.get("sms-sender:world");
    assertThat(victim).as("the sender's lease held while sending").isNotNull();
    // Both instances had work to do: the sender's owner, and the pipeline's partitions on each.
    System.out.printf("cluster test A: leases before the kill %s%n", names(owners));
    long sendingSince = f.sms().stream().mapToLong(crisis.standin.LocalTwilio.Created::nanoTime).min()
        .orElseThrow();
    victim.kill();
    long killed = System.nanoTime();
    int atKill = f.accepted();
    long inFlight = f.unsettled(c);
    double before = f.segmentsBetween(sendingSince, killed) / ((killed - sendingSince) / 1e9);
    System.out.printf("cluster test A: %d people, %d SMS at the gateway and %d rows pending or in flight when "
        + "instance %s (the sender's owner) was killed, %.1f s after activation; %.1f segments/s achieved before "
        + "(rate %.0f)%n", expected.size(), atKill, inFlight, victim.name, (killed - activated) / 1e9, before,
        ClusterFixture.RATE);
    assertThat(inFlight).as("killed while SMS were still to send").isPositive();
    AppInstance survivor = f.alive();
    crisis.core.testing.Poll.until(Duration.ofSeconds(30), () -> {
      try {
        return f.heldOnce().size() == ClusterFixture.LEASES.size();
      } catch (Exception e) {
        return false;
      }
    }, "every lease taken over by the survivor");
    long takenOver = System.nanoTime();
    assertThat(f.heldOnce().values()).as("the survivor holds every lease").containsOnly(survivor);
    long firstAfter = f.sms().stream()
        .mapToLong(crisis.standin.LocalTwilio.Created::nanoTime).filter(t -> t > killed).min().orElse(0);
    System.out.printf("cluster test A: every lease held by instance %s %.1f s after the kill%n", survivor.name,
        (takenOver - killed) / 1e9);
    f.awaitSettled(c, expected.size(), Duration.ofMinutes(5));
    long firstSentAfter = firstAfter != 0 ? firstAfter : f.sms().stream().mapToLong(crisis.standin.LocalTwilio.Created::nanoTime)
        .filter(t -> t > killed).min().orElseThrow();
    System.out.printf("cluster test A: first SMS after the kill %.1f s after it; settled %.1f s after activation; "
        + "%s%n", (firstSentAfter - killed) / 1e9, (System.nanoTime() - activated) / 1e9,
        f.timeline(activated, killed));
    assertThat((firstSentAfter - killed) / 1e9).as("seconds from the kill to the next SMS at the gateway")
        .isLessThan(15);
    f.verify(c, expected);
  }

  /**
   * The same kill earlier, at a known point of the fan-out: the instance whose stream thread makes the crisis's first
   * alert stops itself there as SIGKILL would ({@code FaultPoint} {@code alert-forwarded}, armed in both instances,
   * taken by one): the alert has reached the brokers, the person is not yet recorded as alerted and the input not
   * committed. With exactly-once the alert was in a transaction that is aborted and never read; at-least-once would
   * leave it on the topic and the other instance, redoing the input, would write it again. The other instance takes
   * the partitions once the session times out (6 s) and finishes: everyone alerted once, on the topic and at the
   * gateway.
   */
  @Test
  void anInstanceKilledBetweenAnAlertAndItsRecordLeavesTheOtherToFinish() throws Exception {
    f.nextCase();
    Set<UUID> expected = f.expected();
    assertThat(expected.size()).isGreaterThan(ClusterFixture.PEOPLE * 9 / 10);
    f.arm(ClusterFixture.ALERT_FORWARDED, "halt");
    long activated = System.nanoTime();
    UUID c = f.activateCrisis();
    AppInstance victim = f.awaitTaken(ClusterFixture.ALERT_FORWARDED, Duration.ofMinutes(3));
    assertThat(victim.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("instance %s stopped at the "
        + "point", victim.name).isTrue();
    assertThat(victim.process.exitValue()).as("stopped by the point's halt").isEqualTo(137);
    long killed = System.nanoTime();
    long atKill = f.recipients(c);
    System.out.printf("cluster test A (fan-out): %d people; instance %s stopped itself between an alert and its "
        + "record %.2f s after activation, with %d recipients made and %d SMS at the gateway%n", expected.size(),
        victim.name, (killed - activated) / 1e9, atKill, f.accepted());
    assertThat(atKill).as("killed while the fan-out was under way").isLessThan(expected.size());
    f.awaitSettled(c, expected.size(), Duration.ofMinutes(5));
    System.out.printf("cluster test A (fan-out): settled %.1f s after activation by instance %s; %s%n",
        (System.nanoTime() - activated) / 1e9, f.alive().name, f.timeline(activated, killed));
    f.verify(c, expected);
  }

  private static Map<String, String> names(Map<String, AppInstance> owners) {
    Map<String, String> m = new java.util.TreeMap<>();
    owners.forEach((lease, app) -> m.put(lease, app.name));
    return m;
  }
}
