package crisis.core.geo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Shared refinement of a coverage: cells are sorted into inside, crossing the edge, or outside; crossing cells are
 * split into their children for a few levels so that the cells needing an exact test stay small.
 */
abstract class CellClassifier {
  enum Place { INSIDE, EDGE, OUTSIDE }

  /** Extra levels of refinement below the starting resolution for cells crossing the edge. */
  static final int REFINE_LEVELS = 2;

  /**
   * The most cells a coverage classifies: past it, cells crossing the edge are kept as they are instead of split (their
   * people are tested one by one, exactly, so the answer does not change). Bounds the time a zone of many parts or a
   * very long boundary takes to cover (2,001 small outlines, 126,744 positions: 13 s and 165,430 ranges before), and
   * the ranges a search scans.
   */
  static final int MAX_CLASSIFIED = 60_000;

  /**
   * Where a cell's fine descendants lie. The descendants of a cell (by index digits) do not tile it exactly: their
   * union strays from the cell's hexagon by a fraction of an edge, so implementations must allow for that margin.
   */
  abstract Place classify(long cell);

  Coverage refine(Collection<Long> start) {
    return refine(start, 0);
  }

  /**
   * As {@link #refine(Collection)}, and cells crossing the edge are split at least down to {@code edgeResolution}:
   * a large zone starts from coarse cells, and two levels below them its edge cells would still hold whole towns
   * to be tested one person at a time.
   */
  Coverage refine(Collection<Long> start, int edgeResolution) {
    List<Long> inner = new ArrayList<>();
    List<Long> edge = new ArrayList<>();
    Set<Long> level = new LinkedHashSet<>(start);
    int classified = 0;
    for (int depth = 0; !level.isEmpty(); depth++) {
      Set<Long> next = new LinkedHashSet<>();
      // Split only while the cells classified so far and the children waiting stay within the budget.
      int budget = MAX_CLASSIFIED - classified - level.size();
      for (long c : level) {
        switch (classify(c)) {
          case INSIDE -> inner.add(c);
          case EDGE -> {
            int res = GeoIndex.resolution(c);
            if ((depth < REFINE_LEVELS || res < edgeResolution) && res < GeoIndex.RESOLUTION
                && next.size() + 7 <= budget) {
              next.addAll(GeoIndex.H3.cellToChildren(c, res + 1));
            } else {
              edge.add(c);
            }
          }
          case OUTSIDE -> { }
          default -> throw new IllegalStateException();
        }
      }
      classified += level.size();
      level = next;
    }
    return Coverage.of(inner, edge);
  }

  /** The coarsest resolution whose average edge is at most {@code km}, not finer than the index. */
  static int resolutionForEdge(double km) {
    for (int res = 0; res < GeoIndex.RESOLUTION; res++) {
      if (GeoIndex.edgeKm(res) <= km) {
        return res;
      }
    }
    return GeoIndex.RESOLUTION;
  }
}
