package crisis.core.registry;

import crisis.core.registry.db.ZoneQueryDao;
import org.jdbi.v3.core.Jdbi;

/**
 * The registry's counts by resolution-8 cell, which zone searches read for a zone's inner cells: totals by language
 * and residence type with how many have each vulnerability ({@code registration_cell_total}), and the people with a
 * vulnerability by combination of them ({@code registration_cell_count}, for a vulnerability-filtered search). Triggers on {@code registration} append deltas in every writing transaction, without waiting on other
 * writers; {@link #compact} folds them into one row per key so that reads stay short. Counts are right whether or not
 * compaction has run: it changes how many rows hold them, not their sums. Thread-safe; one compaction at a time across
 * instances.
 */
public final class CellCounts {
  private final Jdbi jdbi;

  public CellCounts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Folds the deltas written since the last compaction, then vacuums the table: searches read it from its index
   * alone only where its pages are marked all-visible, and each fold leaves the folded rows dead (a million-row import
   * left 842,000, and searches visited each). The number folded (0 when another instance is at it).
   */
  public long compact() {
    long folded = jdbi.inTransaction(h -> {
      ZoneQueryDao dao = h.attach(ZoneQueryDao.class);
      return dao.lockCompaction() ? dao.compact() + dao.compactTotals() : 0L;
    });
    if (folded > 0) {
      jdbi.useExtension(ZoneQueryDao.class, ZoneQueryDao::vacuumCounts);
    }
    return folded;
  }
}
