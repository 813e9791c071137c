package crisis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault B: one of the three Kafka nodes (broker and controller) killed with SIGKILL right after a crisis is
 * activated, in the middle of the fan-out (the alert topology's exactly-once transactions open on it), and started
 * again 10 s later on its own log directory: once a node that is not the active controller (the broker bounce), once
 * the active controller itself (the controller change: the quorum elects another node). Every person in the zone is
 * still alerted once, every phone texted once at the gateway, the tally exact. {@code -Dfaults.noExactlyOnce=true} runs
 * the instances with {@code kafka.exactlyOnce: false} (RELIABILITY.md: the test stays green so, the database's keys
 * stop a doubled alert).
 */
class BrokerBounceIT {
  /** The shared cluster ({@link ClusterFixture#shared}). */
  private static ClusterFixture f;

  @BeforeAll
  static void cluster() throws Exception {
    f = ClusterFixture.shared();
  }

  @Test
  void aBrokerBouncedMidFanOutLosesAndDoublesNothing() throws Exception {
    bounce(false);
  }

  @Test
  void theActiveControllerKilledMidFanOutLosesAndDoublesNothing() throws Exception {
    bounce(true);
  }

  private static void bounce(boolean controller) throws Exception {
    f.nextCase();
    Set<UUID> expected = f.expected();
    assertThat(expected.size()).isGreaterThan(ClusterFixture.PEOPLE * 9 / 10);
    KafkaCluster.Node active = f.kafka.activeController();
    KafkaCluster.Node victim = active;
    if (!controller) {
      victim = f.kafka.nodes.get(0) == active ? f.kafka.nodes.get(1) : f.kafka.nodes.get(0);
    }
    String label = controller ? "cluster test B (controller)" : "cluster test B";
    long activated = System.nanoTime();
    UUID c = f.activateCrisis();
    f.kafka.kill(victim);
    long killed = System.nanoTime();
    long recipientsAtKill = f.recipients(c);
    System.out.printf("%s: %d people; node %d (%s) killed %.2f s after activation (%d recipients then, "
        + "%d SMS at the gateway)%n", label, expected.size(), victim.id, victim == active ? "the active controller"
        : "not the controller", (killed - activated) / 1e9, recipientsAtKill, f.accepted());
    if (controller) {
      KafkaCluster.Node dead = victim;
      crisis.core.testing.Poll.until(Duration.ofSeconds(30), () -> {
        try {
          KafkaCluster.Node now = f.kafka.activeController();
          return now != null && now != dead;
        } catch (Exception e) {
          return false;
        }
      }, "another node elected the active controller");
      System.out.printf("%s: node %d the active controller %.1f s after the kill%n", label,
          f.kafka.activeController().id, (System.nanoTime() - killed) / 1e9);
    }
    Thread.sleep(Math.max(0, 10_000 - (System.nanoTime() - killed) / 1_000_000));
    long t0 = System.nanoTime();
    f.kafka.restart(victim);
    System.out.printf("%s: node %d back %.1f s after the kill (listed again in %.1f s); %d recipients, "
        + "%d SMS at the gateway then%n", label, victim.id, (System.nanoTime() - killed) / 1e9,
        (System.nanoTime() - t0) / 1e9, f.recipients(c), f.accepted());
    f.awaitSettled(c, expected.size(), Duration.ofMinutes(5));
    System.out.printf("%s: settled %.1f s after activation; %s%n", label, (System.nanoTime() - activated) / 1e9,
        f.timeline(activated, killed));
    f.verify(c, expected);
  }
}
