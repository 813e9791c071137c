package crisis.core.geo;

import crisis.core.access.Actor;
import crisis.core.access.ForbiddenException;
import crisis.core.access.Role;
import crisis.core.common.MalformedInputException;
import crisis.core.common.ValidationException;
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
    if (actor.role() != Role.CRISIS_CELL && actor.role() != Role.CONSULAR_OFFICER) {
      throw new ForbiddenException("only the crisis cell and consular officers read density maps");
    }
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
    jdbi.useHandle(h -> h.createQuery("""
            SELECT h3_cell, count(*) AS n FROM registration
            WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL AND latitude BETWEEN :south AND :north
              AND (CASE WHEN :west <= :east THEN longitude BETWEEN :west AND :east
                        ELSE longitude >= :west OR longitude <= :east END)
              AND (:allCountries OR country_of_residence = ANY(:countries))
            GROUP BY h3_cell
            """).bind("south", south).bind("north", north).bind("west", west).bind("east", east)
        .bind("allCountries", actor.seesEveryCountry()).bind("countries", actor.jurisdictionArray())
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .forEach(r -> counts.merge(GeoIndex.H3.cellToParent(r[0], resolution), r[1], Long::sum)));
    List<CellCount> out = new ArrayList<>(counts.size());
    counts.forEach((cell, n) -> out.add(new CellCount(GeoIndex.H3.h3ToString(cell), n)));
    out.sort((a, b) -> a.cell().compareTo(b.cell()));
    return out;
  }
}
