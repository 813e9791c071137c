package crisis.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A hundred live pages of one crisis cost one tally read per interval, not a hundred. */
@Tag("fast")
class SharedTalliesTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final SharedTallies<String> tallies = new SharedTallies<>(Duration.ofSeconds(1), now::get);
  private final AtomicInteger reads = new AtomicInteger();

  private String read(UUID crisis) {
    return crisis + " read " + reads.incrementAndGet();
  }

  @Test
  void pagesOfOneCrisisShareAReadUntilItAges() throws Exception {
    UUID crisis = UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> pages = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        pages.add(pool.submit(() -> {
          go.await();
          return tallies.get(crisis, () -> read(crisis));
        }));
      }
      go.countDown();
      for (Future<String> p : pages) {
        assertThat(p.get()).isEqualTo(crisis + " read 1");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(reads).hasValue(1);
    now.addAndGet(999_000_000L);
    assertThat(tallies.get(crisis, () -> read(crisis))).as("still fresh").endsWith("read 1");
    now.addAndGet(1_000_000L);
    assertThat(tallies.get(crisis, () -> read(crisis))).as("aged: read again").endsWith("read 2");
    assertThat(tallies.made()).isEqualTo(2);
  }

  @Test
  void eachCrisisHasItsOwnReadAndAForgottenOneIsReadAgain() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    assertThat(tallies.get(a, () -> read(a))).startsWith(a.toString());
    assertThat(tallies.get(b, () -> read(b))).startsWith(b.toString());
    assertThat(tallies.get(a, () -> read(a))).isEqualTo(a + " read 1");
    tallies.forget(a);
    assertThat(tallies.get(a, () -> read(a))).isEqualTo(a + " read 3");
  }

  @Test
  void aSlowReadOfOneCrisisDoesNotHoldUpAnother() throws Exception {
    // Crises whose ids hash alike, so that they share the slow one's bin of the map whatever its size: a read made
    // under the map's own lock (ConcurrentHashMap.compute) would block every one of them.
    UUID slow = UUID.randomUUID();
    List<UUID> others = new ArrayList<>();
    for (long k = 1; k <= 8; k++) {
      UUID other = new UUID(slow.getMostSignificantBits() ^ k, slow.getLeastSignificantBits() ^ k);
      assertThat(other.hashCode()).isEqualTo(slow.hashCode());
      others.add(other);
    }
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> stuck = pool.submit(() -> tallies.get(slow, () -> {
        reading.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "slow read";
      }));
      assertThat(reading.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      Future<Integer> meanwhile = pool.submit(() -> {
        for (UUID other : others) {
          assertThat(tallies.get(other, () -> read(other))).startsWith(other.toString());
        }
        return others.size();
      });
      assertThat(meanwhile.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("other crises read while one read is slow")
          .isEqualTo(8);
      release.countDown();
      assertThat(stuck.get()).isEqualTo("slow read");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedReadIsNotKept() {
    UUID crisis = UUID.randomUUID();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tallies.get(crisis, () -> {
      throw new IllegalStateException("database away");
    })).hasMessage("database away");
    assertThat(tallies.get(crisis, () -> read(crisis))).as("read again at once").isEqualTo(crisis + " read 1");
  }
}
