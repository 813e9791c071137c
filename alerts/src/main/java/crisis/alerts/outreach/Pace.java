package crisis.alerts.outreach;

/**
 * A sender's schedule: slots one segment apart at its rate, on an absolute clock so that late wake-ups do not slow
 * it down. A sender less than a second behind (a claim round, a slow wake-up) catches up; one further behind was idle
 * and starts afresh from now rather than bursting. Not thread-safe: one pacer owns one.
 */
final class Pace {
  static final long MAX_CATCH_UP_NANOS = 1_000_000_000L;

  private final double nanosPerSegment;
  private double next;

  Pace(double segmentsPerSecond, long startNanos) {
    this.nanosPerSegment = 1e9 / segmentsPerSecond;
    this.next = startNanos;
  }

  /** Takes the slots of {@code segments} and returns when (nanoTime) the message may leave. */
  long reserve(long nowNanos, int segments) {
    if (next < nowNanos - MAX_CATCH_UP_NANOS) {
      next = nowNanos;
    }
    long at = (long) next;
    next += segments * nanosPerSegment;
    return at;
  }
}
