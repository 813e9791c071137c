package crisis.api;

import crisis.alerts.support.Leases;
import crisis.alerts.support.Loop;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;

/**
 * A background step the server repeats while it runs (folding cell counts, closing gates on time): again at once
 * when the step says there may be more work, after {@code every} otherwise. The step runs once per deployment: only
 * on the instance that holds the lease of the loop's name ({@link Leases}); elsewhere the loop only waits, ready to
 * take over when that instance dies. Each step also takes its own locks (a lease is the schedule, the lock the safety).
 */
final class LoopManager implements Managed {
  private final String name;
  private final Duration every;
  private final Loop.Step step;
  private final Leases leases;
  private Leases.Lease lease;
  private Loop loop;

  LoopManager(String name, Duration every, Loop.Step step, Leases leases) {
    this.name = name;
    this.every = every;
    this.step = step;
    this.leases = leases;
  }

  @Override
  public void start() {
    Leases.Lease l = leases.want(name);
    lease = l;
    // While another instance holds the lease, look again within a second: a take-over does not wait a whole period.
    Duration idle = every.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : every;
    long[] next = {0};
    loop = Loop.start(name, idle, () -> {
      if (!l.held()) {
        next[0] = 0;
        return false;
      }
      long now = System.nanoTime();
      if (next[0] != 0 && now - next[0] < 0) {
        return false;
      }
      boolean more = step.run();
      next[0] = more ? 0 : now + every.toNanos();
      return more;
    });
  }

  @Override
  public void stop() {
    if (loop != null) {
      loop.close();
      loop = null;
    }
    if (lease != null) {
      leases.release(lease);
      lease = null;
    }
  }
}
