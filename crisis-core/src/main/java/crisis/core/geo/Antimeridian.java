package crisis.core.geo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Polygons that cross the antimeridian: an edge that jumps more than 180° of longitude is read as crossing it, and
 * such a polygon is cut at ±180 into parts that each stay within -180..180 (RFC 7946, section 3.1.9).
 */
final class Antimeridian {
  private Antimeridian() {}

  static boolean jumps(Coordinate[] ring) {
    for (int i = 1; i < ring.length; i++) {
      if (Math.abs(ring[i].x - ring[i - 1].x) > 180) {
        return true;
      }
    }
    return false;
  }

  /** The polygon itself when no ring jumps; otherwise its parts on either side of the antimeridian. */
  static List<Polygon> split(Coordinate[] shell, List<Coordinate[]> holes) {
    boolean crosses = jumps(shell) || holes.stream().anyMatch(Antimeridian::jumps);
    if (crosses) {
      unwrap(shell);
      holes.forEach(Antimeridian::unwrap);
    }
    LinearRing[] h = holes.stream().map(PolygonZone.FACTORY::createLinearRing).toArray(LinearRing[]::new);
    Polygon p = PolygonZone.FACTORY.createPolygon(PolygonZone.FACTORY.createLinearRing(shell), h);
    if (!crosses) {
      return List.of(p);
    }
    Geometry valid = p.isValid() ? p : p.buffer(0);
    List<Polygon> out = new ArrayList<>();
    Geometry west = valid.intersection(PolygonZone.FACTORY.toGeometry(new Envelope(0, 180, -90, 90)));
    Geometry east = valid.intersection(PolygonZone.FACTORY.toGeometry(new Envelope(180, 360, -90, 90)));
    east.apply((CoordinateFilter) c -> c.x -= 360);
    east.geometryChanged();
    for (Geometry part : List.of(west, east)) {
      for (int i = 0; i < part.getNumGeometries(); i++) {
        if (part.getGeometryN(i) instanceof Polygon q && !q.isEmpty() && q.getArea() > 0) {
          out.add(q);
        }
      }
    }
    return out;
  }

  /** Moves western longitudes past 180 so that the ring is continuous. */
  private static void unwrap(Coordinate[] ring) {
    for (Coordinate c : ring) {
      if (c.x < 0) {
        c.x += 360;
      }
    }
  }
}
