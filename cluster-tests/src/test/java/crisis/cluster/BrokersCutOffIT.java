package crisis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.testing.Poll;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault D: one instance cut from every broker in the middle of a crisis's fan-out, for longer than the consumer groups'
 * session timeout (6 s here), while the database and the other instance stay reachable: the brokers fence it out of
 * the groups, the other instance takes its partitions and finishes the fan-out; when the cut ends, the cut instance
 * rejoins, and what it had half done (a transaction it could not commit) is neither lost nor written twice. Every
 * person alerted once, every phone texted once, the tally exact, one sender's rate.
 */
class BrokersCutOffIT {
  private static final Duration CUT = Duration.ofSeconds(20);
  private static ClusterFixture f;

  @BeforeAll
  static void cluster() throws Exception {
    f = ClusterFixture.shared();
  }

  @Test
  void anInstanceCutFromTheBrokersLongerThanTheSessionTimeoutLosesAndDoublesNothing() throws Exception {
    f.nextCase();
    Set<UUID> expected = f.expected();
    assertThat(expected.size()).isGreaterThan(ClusterFixture.PEOPLE * 9 / 10);
    long activated = System.nanoTime();
    UUID c = f.activateCrisis();
    // Mid fan-out: once the first people of the zone are recipients, not all.
    Poll.until(Duration.ofMinutes(2), () -> f.recipients(c), n -> n > 0, "the fan-out begun");
    f.kafka.cutRelays();
    long cut = System.nanoTime();
    long recipientsAtCut = f.recipients(c);
    System.out.printf("cluster test D: %d people; instance a cut from every broker %.1f s after activation (%d "
        + "recipients, %d SMS at the gateway then)%n", expected.size(), (cut - activated) / 1e9, recipientsAtCut,
        f.accepted());
    Thread.sleep(CUT.toMillis());
    long during = f.recipients(c);
    f.kafka.restoreRelays();
    long restored = System.nanoTime();
    System.out.printf("cluster test D: relays restored after %.1f s; %d recipients then (%d during the cut), %d SMS "
        + "at the gateway%n", (restored - cut) / 1e9, during, during - recipientsAtCut, f.accepted());
    f.awaitSettled(c, expected.size(), Duration.ofMinutes(5));
    System.out.printf("cluster test D: settled %.1f s after activation; %s%n", (System.nanoTime() - activated) / 1e9,
        f.timeline(activated, cut));
    f.verify(c, expected);
  }
}
