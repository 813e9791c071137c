package crisis.api.resources;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One read of a crisis's tally for every live page of it on this instance: a read younger than {@code maxAge} is
 * given to every stream that asks, and the next read is made by the first to ask after it aged. A crisis's tally is the
 * same for every reader allowed to see it (no field depends on who asks), so sharing it gives no one more than their
 * own read would. Without it each page read the tally's nine counts itself every 2 s: 100 open pages were 50 reads a
 * second and took a database core (BENCHMARKS.md, issue 30); with it, at most one read per crisis per
 * {@code maxAge} on each instance.
 *
 * @param <T> what a read gives
 */
final class SharedTallies<T> {
  private record Read<T>(long atNanos, T value) {}

  private final Map<UUID, Read<T>> reads = new ConcurrentHashMap<>();
  private final long maxAgeNanos;
  private final LongSupplier nanos;
  private final AtomicLong made = new AtomicLong();

  SharedTallies(Duration maxAge, LongSupplier nanos) {
    this.maxAgeNanos = maxAge.toNanos();
    this.nanos = nanos;
  }

  /** The crisis's tally read less than {@code maxAge} ago, or read now by {@code read} (once, whoever asks). */
  T get(UUID crisis, Supplier<T> read) {
    Read<T> r = reads.compute(crisis, (id, old) -> {
      long now = nanos.getAsLong();
      if (old != null && now - old.atNanos() < maxAgeNanos) {
        return old;
      }
      made.incrementAndGet();
      return new Read<>(now, read.get());
    });
    return r.value();
  }

  /** Forgets the crisis's read (its last page closed). */
  void forget(UUID crisis) {
    reads.remove(crisis);
  }

  /** The reads made so far. */
  long made() {
    return made.get();
  }
}
