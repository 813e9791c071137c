package crisis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Fault A: one of the two application instances killed with SIGKILL in the middle of a crisis's SMS dispatch (no
 * shutdown hook; SMS it had claimed and not finished are in flight). The other instance finishes the crisis: every
 * person in the zone alerted once, every phone texted once at the gateway, the tally exact.
 */
class InstanceKillIT {
  private static final int PEOPLE = 2_500;

  @Test
  void theOtherInstanceFinishesTheCrisis() throws Exception {
    // 60 segments/s per instance: the dispatch lasts some 20 s with both up.
    try (ClusterFixture f = new ClusterFixture(PEOPLE, true, 60)) {
      Set<UUID> expected = f.expected();
      assertThat(expected.size()).isGreaterThan(PEOPLE * 9 / 10);
      long activated = System.nanoTime();
      UUID c = f.activateCrisis();
      crisis.core.testing.Poll.until(Duration.ofMinutes(3), () -> f.accepted() >= expected.size() / 4,
          "a quarter of the SMS at the gateway");
      AppInstance victim = f.apps.get(0);
      victim.kill();
      long killed = System.nanoTime();
      int atKill = f.accepted();
      long inFlight = f.unsettled(c);
      System.out.printf("cluster test A: %d people, %d SMS at the gateway and %d rows pending or in flight when "
          + "instance a was killed, %.1f s after activation%n", expected.size(), atKill, inFlight,
          (killed - activated) / 1e9);
      assertThat(inFlight).as("killed while SMS were still to send").isPositive();
      f.awaitSettled(c, expected.size(), Duration.ofMinutes(5));
      System.out.printf("cluster test A: settled %.1f s after activation; %s%n", (System.nanoTime() - activated) / 1e9,
          f.timeline(activated, killed));
      f.verify(c, expected);
    }
  }
}
