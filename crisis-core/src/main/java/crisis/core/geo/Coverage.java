package crisis.core.geo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A zone as ranges of fine H3 cells ({@link GeoIndex#RESOLUTION}): together they hold every point of the zone.
 * Points in an {@code inner} range are inside without an exact test; points in the others must be tested.
 * {@code cells} are the classified cells the ranges were made of, of mixed resolutions.
 */
public record Coverage(long[] lo, long[] hi, boolean[] inner, long[] cells) {

  public int size() {
    return lo.length;
  }

  /**
   * The cells of one resolution, coarser than the index, whose fine descendants hold every point of the zone: the
   * key a stream partitions points and zones by. Each is the parent (by index digits) of fine cells of the zone, so a
   * point's own fine cell's parent at that resolution is among them whenever the point is in the zone.
   */
  public Set<Long> cellsAt(int resolution) {
    if (resolution < 0 || resolution > GeoIndex.RESOLUTION) {
      throw new IllegalArgumentException("resolution must be between 0 and " + GeoIndex.RESOLUTION);
    }
    Set<Long> out = new HashSet<>();
    for (long c : cells) {
      int own = GeoIndex.H3.getResolution(c);
      if (own >= resolution) {
        out.add(GeoIndex.H3.cellToParent(c, resolution));
      } else {
        out.addAll(GeoIndex.H3.cellToChildren(c, resolution));
      }
    }
    return out;
  }

  /**
   * Builds a coverage from classified cells of any resolution: inner cells are compacted into their parents, and
   * ranges of the same kind are merged when no valid fine cell lies between them (siblings, for instance), which
   * keeps the number of index scans small.
   */
  static Coverage of(List<Long> innerCells, List<Long> boundaryCells) {
    List<long[]> ranges = new ArrayList<>();
    List<Long> kept = new ArrayList<>(boundaryCells);
    Map<Integer, Set<Long>> byResolution = new TreeMap<>();
    for (long c : innerCells) {
      byResolution.computeIfAbsent(GeoIndex.H3.getResolution(c), k -> new HashSet<>()).add(c);
    }
    for (Set<Long> sameResolution : byResolution.values()) {
      for (long c : GeoIndex.H3.compactCells(sameResolution)) {
        kept.add(c);
        long[] r = GeoIndex.childRange(c, GeoIndex.RESOLUTION);
        ranges.add(new long[] {r[0], r[1], 1});
      }
    }
    for (long c : boundaryCells) {
      long[] r = GeoIndex.childRange(c, GeoIndex.RESOLUTION);
      ranges.add(new long[] {r[0], r[1], 0});
    }
    ranges.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
    List<long[]> merged = new ArrayList<>(ranges.size());
    for (long[] r : ranges) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last[2] == r[2] && r[0] == nextFineCell(last[1])) {
        last[1] = r[1];
      } else {
        merged.add(r);
      }
    }
    long[] lo = new long[merged.size()];
    long[] hi = new long[merged.size()];
    boolean[] in = new boolean[merged.size()];
    for (int i = 0; i < lo.length; i++) {
      lo[i] = merged.get(i)[0];
      hi[i] = merged.get(i)[1];
      in[i] = merged.get(i)[2] == 1;
    }
    return new Coverage(lo, hi, in, kept.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * The smallest number above {@code cell} that can be a fine cell: its digits counted in base 7 (digit 7 marks an
   * unused position, never a valid cell), carrying into the base cell.
   */
  static long nextFineCell(long cell) {
    for (int digit = GeoIndex.RESOLUTION; digit >= 1; digit--) {
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
