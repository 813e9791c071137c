package crisis.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PollTest {
  @Test
  void returnsTheFirstValueThatHoldsReadingAgainUntilThen() {
    AtomicInteger reads = new AtomicInteger();
    assertThat(Poll.until(Duration.ofSeconds(10), reads::incrementAndGet, n -> n >= 3, "three reads")).isEqualTo(3);
    assertThat(reads).hasValue(3);
  }

  @Test
  void failsNamingWhatItWaitedForAndTheLastValueOnceTheLimitPasses() {
    AtomicInteger reads = new AtomicInteger();
    long start = System.nanoTime();
    assertThatThrownBy(() -> Poll.until(Duration.ofMillis(300), reads::incrementAndGet, n -> false, "nothing"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("timed out after 300 ms waiting for nothing; last read: ");
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
    assertThat(reads.get()).as("read again every %s, and once more at the limit", Poll.EVERY).isBetween(2, 10);
  }

  @Test
  void waitsForABooleanToBecomeTrue() {
    AtomicInteger reads = new AtomicInteger();
    Poll.until(Duration.ofSeconds(10), () -> reads.incrementAndGet() == 2, "the second read");
    assertThat(reads).hasValue(2);
  }
}
