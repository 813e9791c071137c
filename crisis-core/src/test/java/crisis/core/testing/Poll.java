package crisis.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way a test waits for something another thread, process or server does: read it again until it holds, every
 * {@link #EVERY} unless told otherwise; the limit only fails a stuck run (wait for a positive signal, never for a
 * time). A read that blocks by itself (a Kafka consumer's poll) is simply called again after the pause.
 */
public final class Poll {
  /** The pause between two reads. */
  public static final Duration EVERY = Duration.ofMillis(100);

  private Poll() {}

  /**
   * Reads until {@code done} holds for what was read, and returns that; an {@link AssertionError} naming {@code what}
   * and the last value read when {@code limit} passes first (or when the waiting thread is interrupted).
   */
  public static <T> T until(Duration limit, Supplier<T> read, Predicate<? super T> done, String what) {
    return until(limit, EVERY, read, done, what);
  }

  /**
   * As {@link #until(Duration, Supplier, Predicate, String)}, pausing {@code every} between two reads: for a signal
   * that must hold on reads at least that far apart.
   */
  public static <T> T until(Duration limit, Duration every, Supplier<T> read, Predicate<? super T> done, String what) {
    long end = System.nanoTime() + limit.toNanos();
    while (true) {
      T value = read.get();
      if (done.test(value)) {
        return value;
      }
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out after " + text(limit) + " waiting for " + what + "; last read: " + value);
      }
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Until {@code done} is true, as {@link #until(Duration, Supplier, Predicate, String)}. */
  public static void until(Duration limit, BooleanSupplier done, String what) {
    until(limit, done::getAsBoolean, Boolean::booleanValue, what);
  }

  private static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
