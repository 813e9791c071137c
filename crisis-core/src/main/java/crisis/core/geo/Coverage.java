package crisis.core.geo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A zone as disjoint ranges of fine H3 cells ({@link GeoIndex#RESOLUTION}), sorted: together they hold every point of
 * the zone, and no fine cell is in two ranges, so a query over them finds each point once. Points in an {@code inner}
 * range are inside without an exact test; points in the others must be tested. {@code cells} are the classified cells
 * the ranges were made of, of mixed resolutions, none inside another, and {@code cellInner} says which are inner.
 */
public record Coverage(long[] lo, long[] hi, boolean[] inner, long[] cells, boolean[] cellInner) {
  /**
   * The resolution of the registry's cell counts (table {@code registration_cell_count}): an inner cell of this
   * resolution or coarser is counted from them instead of person by person.
   */
  public static final int COUNT_RESOLUTION = 8;

  /**
   * The H3 resolution the alert pipeline meets people and zones at (cells of about 250 km²): coarse enough that a
   * country is a few thousand cells, fine enough that a city's people spread over several cells.
   */
  public static final int JOIN_RESOLUTION = 5;

  /**
   * The second resolution the alert pipeline files people under (cells of about 12,400 km²): a zone's cells this
   * coarse or coarser meet people there, so a zone as wide as a continent is tens of thousands of join cells, not the
   * million cells of {@link #JOIN_RESOLUTION} its area holds (-170..170 x -60..10: 48,655 instead of 992,487).
   */
  public static final int WIDE_JOIN_RESOLUTION = 3;

  /**
   * The most join cells a crisis zone may have: each is a record through the pipeline when the crisis starts. The
   * whole world is 54,410; a zone beyond this is refused when declared (a boundary too long and wiggly, drawn in
   * too much detail).
   */
  public static final int MAX_JOIN_CELLS = 200_000;

  public int size() {
    return lo.length;
  }

  /** The index of the range holding a fine cell, or -1: a binary search (the ranges are sorted and disjoint). */
  public int rangeOf(long fineCell) {
    int low = 0;
    int high = lo.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (fineCell < lo[mid]) {
        high = mid - 1;
      } else if (fineCell > hi[mid]) {
        low = mid + 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /**
   * The coverage split for counting: inner cells of {@link #COUNT_RESOLUTION} or coarser as ranges of cells of that
   * resolution ({@code countLo}, {@code countHi}: read from the cell counts), the rest as fine ranges to read person
   * by person ({@code rowLo}, {@code rowHi}, {@code rowInner}). Disjoint: every point is in exactly one of the two.
   */
  public record Counting(long[] countLo, long[] countHi, long[] rowLo, long[] rowHi, boolean[] rowInner) {}

  public Counting counting() {
    List<long[]> counted = new ArrayList<>();
    List<long[]> rows = new ArrayList<>();
    for (int i = 0; i < cells.length; i++) {
      long c = cells[i];
      if (cellInner[i] && GeoIndex.resolution(c) <= COUNT_RESOLUTION) {
        long[] r = GeoIndex.childRange(c, COUNT_RESOLUTION);
        counted.add(new long[] {r[0], r[1], 1});
      } else {
        long[] r = GeoIndex.childRange(c, GeoIndex.RESOLUTION);
        rows.add(new long[] {r[0], r[1], cellInner[i] ? 1 : 0});
      }
    }
    long[][] countRanges = merge(counted, COUNT_RESOLUTION);
    long[][] rowRanges = merge(rows, GeoIndex.RESOLUTION);
    return new Counting(countRanges[0], countRanges[1], rowRanges[0], rowRanges[1], flags(rowRanges[2]));
  }

  /**
   * The complement of the ranges: every number that no range holds, as sorted ranges {@code {lo, hi}} (gaps between
   * neighbouring ranges that hold no valid fine cell are left out). A query for what lies outside the zone's cells is
   * then range scans too.
   */
  public long[][] gaps() {
    List<long[]> out = new ArrayList<>(lo.length + 1);
    long from = 0;
    for (int i = 0; i < lo.length; i++) {
      if (lo[i] > from && (i == 0 || nextFineCell(hi[i - 1]) < lo[i])) {
        out.add(new long[] {from, lo[i] - 1});
      }
      from = hi[i] + 1;
    }
    if (from > 0) {
      out.add(new long[] {from, Long.MAX_VALUE});
    } else if (lo.length == 0) {
      out.add(new long[] {0, Long.MAX_VALUE});
    }
    long[][] gaps = new long[2][out.size()];
    for (int i = 0; i < out.size(); i++) {
      gaps[0][i] = out.get(i)[0];
      gaps[1][i] = out.get(i)[1];
    }
    return gaps;
  }

  /**
   * The cells whose fine descendants hold every point of the zone, at one resolution coarser than the index: the key
   * a stream partitions points and zones by. Each is the parent (by index digits) of fine cells of the zone, so a
   * point's own fine cell's parent at that resolution is among them whenever the point is in the zone.
   */
  public Set<Long> cellsAt(int resolution) {
    if (resolution < 0 || resolution > GeoIndex.RESOLUTION) {
      throw new IllegalArgumentException("resolution must be between 0 and " + GeoIndex.RESOLUTION);
    }
    Set<Long> out = new HashSet<>();
    for (long c : cells) {
      int own = GeoIndex.resolution(c);
      if (own >= resolution) {
        out.add(GeoIndex.H3.cellToParent(c, resolution));
      } else {
        out.addAll(GeoIndex.H3.cellToChildren(c, resolution));
      }
    }
    return out;
  }

  /**
   * The keys a stream joins the zone's people by, at two resolutions ({@code wide} coarser than {@code fine}): a cell
   * of the coverage of resolution {@code wide} or coarser gives its descendants at {@code wide}, a finer one its
   * ancestor or descendants at {@code fine}. A point of the zone lies in exactly one cell of the coverage, so it is
   * found under exactly one key, if the stream files every point under both its cells (at {@code fine} and at
   * {@code wide}). A zone as wide as a continent is then thousands of keys, not the million cells of {@code fine}
   * its area holds.
   */
  public Set<Long> joinCells() {
    return joinCells(JOIN_RESOLUTION, WIDE_JOIN_RESOLUTION);
  }

  /** As {@link #joinCells()}, at two resolutions of the caller's choice. */
  public Set<Long> joinCells(int fine, int wide) {
    if (wide < 0 || wide >= fine || fine > GeoIndex.RESOLUTION) {
      throw new IllegalArgumentException("need 0 <= wide < fine <= " + GeoIndex.RESOLUTION + ", were " + wide
          + " and " + fine);
    }
    Set<Long> out = new HashSet<>();
    for (long c : cells) {
      int own = GeoIndex.resolution(c);
      if (own <= wide) {
        out.addAll(GeoIndex.H3.cellToChildren(c, wide));
      } else if (own >= fine) {
        out.add(GeoIndex.H3.cellToParent(c, fine));
      } else {
        out.addAll(GeoIndex.H3.cellToChildren(c, fine));
      }
    }
    return out;
  }

  /**
   * Builds a coverage from classified cells of any resolution: inner cells are compacted into their parents; a cell
   * inside another kept cell is dropped (the parts of a zone are classified against the whole zone, so an inner cell
   * holds only points of the zone, and an edge cell's points are all tested); ranges of the same kind are merged when
   * no valid fine cell lies between them (siblings, for instance), which keeps the number of index scans small.
   */
  static Coverage of(List<Long> innerCells, List<Long> boundaryCells) {
    List<long[]> all = new ArrayList<>();
    Map<Integer, Set<Long>> byResolution = new TreeMap<>();
    for (long c : innerCells) {
      byResolution.computeIfAbsent(GeoIndex.resolution(c), k -> new HashSet<>()).add(c);
    }
    for (Set<Long> sameResolution : byResolution.values()) {
      for (long c : compact(sameResolution)) {
        all.add(entry(c, 1));
      }
    }
    for (long c : boundaryCells) {
      all.add(entry(c, 0));
    }
    // Ranges of cells nest or are apart: sorted by start, then widest first, a nested cell follows its container.
    all.sort(Comparator.<long[]>comparingLong(e -> e[1]).thenComparing(Comparator.<long[]>comparingLong(e -> e[2]).reversed()));
    List<long[]> kept = new ArrayList<>(all.size());
    for (long[] e : all) {
      long[] last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
      if (last != null && e[1] >= last[1] && e[2] <= last[2]) {
        continue;
      }
      kept.add(e);
    }
    long[] cells = new long[kept.size()];
    boolean[] cellInner = new boolean[kept.size()];
    List<long[]> ranges = new ArrayList<>(kept.size());
    for (int i = 0; i < cells.length; i++) {
      long[] e = kept.get(i);
      cells[i] = e[0];
      cellInner[i] = e[3] == 1;
      ranges.add(new long[] {e[1], e[2], e[3]});
    }
    long[][] merged = merge(ranges, GeoIndex.RESOLUTION);
    return new Coverage(merged[0], merged[1], flags(merged[2]), cells, cellInner);
  }

  /**
   * The cells of one resolution, compacted: every parent whose children are all present stands for them, up to the
   * base cells. Done here rather than by H3's {@code compactCells}, which in 4.1 fails (E_RES_DOMAIN, "resolution
   * argument was outside of acceptable range") whenever a set compacts to six base cells or more (uber/h3 #915): a
   * box wider than about 220° holds that many.
   */
  static List<Long> compact(Set<Long> sameResolution) {
    List<Long> out = new ArrayList<>();
    Set<Long> level = sameResolution;
    while (!level.isEmpty()) {
      int res = GeoIndex.resolution(level.iterator().next());
      if (res == 0) {
        out.addAll(level);
        break;
      }
      Map<Long, Integer> present = new java.util.HashMap<>();
      for (long c : level) {
        present.merge(GeoIndex.H3.cellToParent(c, res - 1), 1, Integer::sum);
      }
      Set<Long> parents = new HashSet<>();
      for (long c : level) {
        long parent = GeoIndex.H3.cellToParent(c, res - 1);
        // A pentagon has 6 children, a hexagon 7.
        if (present.get(parent) == (GeoIndex.H3.isPentagon(parent) ? 6 : 7)) {
          parents.add(parent);
        } else {
          out.add(c);
        }
      }
      level = parents;
    }
    return out;
  }

  /** {cell, first fine descendant, last fine descendant, 1 when inner}. */
  private static long[] entry(long cell, int inner) {
    long[] r = GeoIndex.childRange(cell, GeoIndex.RESOLUTION);
    return new long[] {cell, r[0], r[1], inner};
  }

  /** Sorts disjoint {lo, hi, kind} ranges of cells of one resolution and merges neighbours of the same kind. */
  private static long[][] merge(List<long[]> ranges, int resolution) {
    ranges.sort(Comparator.comparingLong(r -> r[0]));
    List<long[]> merged = new ArrayList<>(ranges.size());
    for (long[] r : ranges) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last[2] == r[2] && r[0] == nextCell(last[1], resolution)) {
        last[1] = r[1];
      } else {
        merged.add(r.clone());
      }
    }
    long[][] out = new long[3][merged.size()];
    for (int i = 0; i < merged.size(); i++) {
      out[0][i] = merged.get(i)[0];
      out[1][i] = merged.get(i)[1];
      out[2][i] = merged.get(i)[2];
    }
    return out;
  }

  private static boolean[] flags(long[] kinds) {
    boolean[] out = new boolean[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      out[i] = kinds[i] == 1;
    }
    return out;
  }

  /** {@link #nextCell} at the index's resolution. */
  static long nextFineCell(long cell) {
    return nextCell(cell, GeoIndex.RESOLUTION);
  }

  /**
   * The smallest number above {@code cell} that can be a cell of {@code resolution}: its digits counted in base 7
   * (digit 7 marks an unused position, never a valid cell), carrying into the base cell.
   */
  static long nextCell(long cell, int resolution) {
    for (int digit = resolution; digit >= 1; digit--) {
      int shift = (15 - digit) * 3;
      long d = (cell >>> shift) & 0x7;
      if (d < 6) {
        return cell + (1L << shift);
      }
      cell &= ~(0x7L << shift);
    }
    return cell + (1L << 45);
  }
}
