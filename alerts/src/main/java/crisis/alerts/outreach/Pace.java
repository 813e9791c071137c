package crisis.alerts.outreach;

/**
 * A sender's schedule: slots one segment apart at its rate, on an absolute clock. It never catches up: a sender found
 * behind its schedule by more than a quarter of a slot (a claim round, a slow wake-up, an idle spell, a lease just
 * taken) starts again from now, so that over any stretch of time it gives at most one slot more than the rate allows,
 * plus that quarter. Each new owner of a sender's lease starts a fresh one. Not thread-safe: one pacer owns one.
 */
final class Pace {
  static final long JITTER_NANOS = 10_000_000L;
  private final double nanosPerSegment;
  private final double slack;
  private double next;

  Pace(double segmentsPerSecond, long startNanos) {
    this.nanosPerSegment = 1e9 / segmentsPerSecond;
    this.slack = Math.min(nanosPerSegment / 4, 5_000_000);
    this.next = startNanos;
  }

  /** Takes the slots of {@code segments} and returns when (nanoTime) the message may leave. */
  long reserve(long nowNanos, int segments) {
    if (next < nowNanos - slack) {
      next = nowNanos;
    }
    long at = (long) next;
    next += segments * nanosPerSegment;
    return at;
  }
}
