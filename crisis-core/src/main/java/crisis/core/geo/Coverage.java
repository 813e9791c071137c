package crisis.core.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * A zone as ranges of fine H3 cells ({@link GeoIndex#RESOLUTION}): together they hold every point of the zone.
 * Points in an {@code inner} range are inside without an exact test; points in the others must be tested.
 */
public record Coverage(long[] lo, long[] hi, boolean[] inner) {

  public int size() {
    return lo.length;
  }

  /** Builds a coverage from classified cells of any resolution. */
  static Coverage of(List<Long> innerCells, List<Long> boundaryCells) {
    List<long[]> ranges = new ArrayList<>(innerCells.size() + boundaryCells.size());
    List<Boolean> flags = new ArrayList<>();
    for (long c : innerCells) {
      ranges.add(GeoIndex.childRange(c, GeoIndex.RESOLUTION));
      flags.add(true);
    }
    for (long c : boundaryCells) {
      ranges.add(GeoIndex.childRange(c, GeoIndex.RESOLUTION));
      flags.add(false);
    }
    long[] lo = new long[ranges.size()];
    long[] hi = new long[ranges.size()];
    boolean[] in = new boolean[ranges.size()];
    for (int i = 0; i < lo.length; i++) {
      lo[i] = ranges.get(i)[0];
      hi[i] = ranges.get(i)[1];
      in[i] = flags.get(i);
    }
    return new Coverage(lo, hi, in);
  }
}
