package crisis.core.geo;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one geo index of the system: every located record stores the H3 cell of its point at {@link #RESOLUTION}
 * (cells of about 0.015 km², edges of about 66 m). Coarser cells are derived; the fine cells of any coarser cell form
 * one contiguous numeric range ({@link #childRange}), so a zone becomes a set of B-tree ranges. Thread-safe.
 */
public final class GeoIndex {
  /** The fixed fine resolution stored with every record. */
  public static final int RESOLUTION = 10;

  static final H3Core H3;

  static {
    try {
      H3 = H3Core.newInstance();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the H3 native library", e);
    }
  }

  /** The average hexagon edge of each resolution, km (H3's table, read once: a call into the native library each). */
  private static final double[] EDGE_KM = new double[16];

  static {
    for (int res = 0; res <= 15; res++) {
      EDGE_KM[res] = H3.getHexagonEdgeLengthAvg(res, com.uber.h3core.LengthUnit.km);
    }
  }

  private GeoIndex() {}

  /** A cell's resolution, read from its index's bits (as H3 reads it, without a call into the native library). */
  static int resolution(long cell) {
    return (int) ((cell >>> 52) & 0xF);
  }

  /** The average hexagon edge of a resolution, in km. */
  static double edgeKm(int resolution) {
    return EDGE_KM[resolution];
  }

  /**
   * The fine cell of a point.
   *
   * @param latitude degrees, -90..90
   * @param longitude degrees, -180..180
   * @throws IllegalArgumentException outside those ranges
   */
  public static long cellOf(double latitude, double longitude) {
    checkLatitude(latitude);
    checkLongitude(longitude);
    return H3.latLngToCell(latitude, longitude, RESOLUTION);
  }

  /** The cell at a coarser {@code resolution} that holds {@code cell}, by index digits. */
  public static long parent(long cell, int resolution) {
    return H3.cellToParent(cell, resolution);
  }

  /** A cell's H3 address: the hexadecimal text H3's own tools read and write. */
  public static String address(long cell) {
    return H3.h3ToString(cell);
  }

  /**
   * The numeric range {@code [lo, hi]} that holds exactly the cells at {@code resolution} descending from
   * {@code cell} (and no other valid cell of that resolution): the digits below the cell's own resolution go from all
   * 0 to all 6.
   *
   * @param resolution not finer than 15 and not coarser than the cell's own
   */
  public static long[] childRange(long cell, int resolution) {
    int own = resolution(cell);
    if (resolution < own || resolution > 15) {
      throw new IllegalArgumentException("resolution must be between " + own + " and 15, was " + resolution);
    }
    long base = (cell & ~(0xFL << 52)) | ((long) resolution << 52);
    long lo = base;
    long hi = base;
    for (int digit = own + 1; digit <= resolution; digit++) {
      int shift = (15 - digit) * 3;
      lo &= ~(0x7L << shift);
      hi = (hi & ~(0x7L << shift)) | (0x6L << shift);
    }
    return new long[] {lo, hi};
  }

  static void checkLatitude(double latitude) {
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be between -90 and 90 degrees, was " + latitude);
    }
  }

  static void checkLongitude(double longitude) {
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be between -180 and 180 degrees, was " + longitude);
    }
  }
}
