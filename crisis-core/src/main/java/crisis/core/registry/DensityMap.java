package crisis.core.registry;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.common.MalformedInputException;
import crisis.core.common.ValidationException;
import crisis.core.geo.Coverage;
import crisis.core.geo.GeoIndex;
import crisis.core.geo.PolygonZone;
import crisis.core.geo.ZoneInputs;
import crisis.core.registry.db.ZoneQueryDao;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Counts of active registrations by H3 cell in a box, for maps: no personal data leaves. The box is covered like any
 * zone: its inner cells are read from the registry's cell counts when the map's cells are as coarse as theirs, the
 * rest from the H3 index with each point tested against the box. Thread-safe.
 */
public final class DensityMap {
  public static final int MAX_RESOLUTION = 9;
  private final Jdbi jdbi;

  public DensityMap(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** One cell (H3 address) and how many registrations it holds. */
  public record CellCount(String cell, long count) {}

  /**
   * Counts by cell at {@code resolution} (0..{@value #MAX_RESOLUTION}) inside the box; a box whose west edge is east of
   * its east edge crosses the antimeridian.
   */
  public List<CellCount> count(Actor actor, double west, double south, double east, double north, int resolution) {
    actor.require("read density maps", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
    if (resolution < 0 || resolution > MAX_RESOLUTION) {
      throw new ValidationException("resolution", "must be between 0 and " + MAX_RESOLUTION);
    }
    if (!(south >= -90 && north <= 90 && south <= north)) {
      throw new MalformedInputException("bbox", "latitudes must satisfy -90 <= south <= north <= 90");
    }
    if (!(west >= -180 && west <= 180 && east >= -180 && east <= 180)) {
      throw new MalformedInputException("bbox", "longitudes must be between -180 and 180");
    }
    PolygonZone box = PolygonZone.box(west, south, east, north);
    if (box == null) {
      return List.of();
    }
    Coverage coverage = ZoneInputs.covered(box, "bbox");
    Map<Long, Long> counts = new HashMap<>();
    jdbi.useTransaction(h -> {
      ZoneQueryDao dao = h.attach(ZoneQueryDao.class);
      dao.planForRanges();
      long[] lo;
      long[] hi;
      boolean[] inner;
      if (resolution <= Coverage.COUNT_RESOLUTION) {
        Coverage.Counting split = coverage.counting();
        for (ZoneQueryDao.CellCount c : dao.countByCountCell(split.countLo(), split.countHi(),
            actor.seesEveryCountry(), actor.jurisdictionArray())) {
          counts.merge(GeoIndex.parent(c.cell(), resolution), c.n(), Long::sum);
        }
        lo = split.rowLo();
        hi = split.rowHi();
        inner = split.rowInner();
      } else {
        lo = coverage.lo();
        hi = coverage.hi();
        inner = coverage.inner();
      }
      for (ZoneQueryDao.Candidate c : dao.cells(lo, hi, inner, actor.seesEveryCountry(), actor.jurisdictionArray())) {
        if (c.inner() || box.contains(c.latitude(), c.longitude())) {
          counts.merge(GeoIndex.parent(c.cell(), resolution), 1L, Long::sum);
        }
      }
    });
    List<CellCount> out = new ArrayList<>(counts.size());
    counts.forEach((cell, n) -> out.add(new CellCount(GeoIndex.address(cell), n)));
    out.sort((a, b) -> a.cell().compareTo(b.cell()));
    return out;
  }
}
