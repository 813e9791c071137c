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
  /** A crisis's last read, under its own lock: a read of one crisis never waits on another's. */
  private static final class Slot<T> {
    private boolean held;
    private long atNanos;
    private T value;
  }

  private final Map<UUID, Slot<T>> slots = new ConcurrentHashMap<>();
  private final long maxAgeNanos;
  private final LongSupplier nanos;
  private final AtomicLong made = new AtomicLong();

  SharedTallies(Duration maxAge, LongSupplier nanos) {
    this.maxAgeNanos = maxAge.toNanos();
    this.nanos = nanos;
  }

  /**
   * The crisis's tally read less than {@code maxAge} ago, or read now by {@code read} (once, whoever asks: the others
   * asking meanwhile wait for it). The database is read outside the map's own locks, which cover several keys each.
   * A read that fails is not kept: the next to ask reads again.
   */
  T get(UUID crisis, Supplier<T> read) {
    Slot<T> slot = slots.computeIfAbsent(crisis, id -> new Slot<>());
    synchronized (slot) {
      long now = nanos.getAsLong();
      if (slot.held && now - slot.atNanos < maxAgeNanos) {
        return slot.value;
      }
      T value = read.get();
      made.incrementAndGet();
      slot.value = value;
      slot.atNanos = now;
      slot.held = true;
      return value;
    }
  }

  /** Forgets the crisis's read (its last page closed). */
  void forget(UUID crisis) {
    slots.remove(crisis);
  }

  /** The reads made so far. */
  long made() {
    return made.get();
  }
}
