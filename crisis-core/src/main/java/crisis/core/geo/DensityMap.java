package crisis.core.geo;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.common.MalformedInputException;
import crisis.core.common.ValidationException;
import crisis.core.registry.db.ZoneQueryDao;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Counts of active registrations by H3 cell in a box, for maps: no personal data leaves. Thread-safe. */
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
    Map<Long, Long> counts = new HashMap<>();
    jdbi.withExtension(ZoneQueryDao.class, dao -> dao.countByCell(west, south, east, north,
            actor.seesEveryCountry(), actor.jurisdictionArray()))
        .forEach(c -> counts.merge(GeoIndex.H3.cellToParent(c.cell(), resolution), c.n(), Long::sum));
    List<CellCount> out = new ArrayList<>(counts.size());
    counts.forEach((cell, n) -> out.add(new CellCount(GeoIndex.H3.h3ToString(cell), n)));
    out.sort((a, b) -> a.cell().compareTo(b.cell()));
    return out;
  }
}
