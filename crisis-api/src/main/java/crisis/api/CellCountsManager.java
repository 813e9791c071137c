package crisis.api;

import crisis.alerts.support.Loop;
import crisis.core.registry.CellCounts;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;

/**
 * Folds the registry's cell-count deltas every few seconds, so that zone searches read one row per key and cell
 * however many registrations were written since (one instance at a time: the fold takes an advisory lock).
 */
final class CellCountsManager implements Managed {
  /** A fold this large may have left more behind: go again at once. */
  private static final long LARGE = 50_000;
  private final CellCounts counts;
  private final Duration every;
  private Loop loop;

  CellCountsManager(CellCounts counts, Duration every) {
    this.counts = counts;
    this.every = every;
  }

  @Override
  public void start() {
    loop = Loop.start("cell-counts", every, () -> counts.compact() >= LARGE);
  }

  @Override
  public void stop() {
    if (loop != null) {
      loop.close();
    }
  }
}
