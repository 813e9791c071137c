package crisis.core.geo;

import crisis.core.common.MalformedInputException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * The antimeridian, as RFC 7946 has it: every edge is a straight line in longitude and latitude, so a polygon whose
 * longitudes stay within -180..180 never crosses the antimeridian, however wide it is (a box from -170 to 170 is
 * 340° wide). A polygon crosses it in one of two explicit ways: as separate parts cut at ±180 (a MultiPolygon, as
 * RFC 7946 asks), or drawn continuously with longitudes beyond ±180 (170 to 190), as map drawing tools produce; the
 * latter is cut here at ±180 into parts that each stay within -180..180. A ring that mixes the two (longitudes beyond
 * ±180 and an edge jumping more than 180°) says two things at once and is refused.
 */
final class Antimeridian {
  /** The furthest a drawn longitude may go: one full turn either way. */
  static final double MAX_DRAWN_LONGITUDE = 360;

  private Antimeridian() {}

  /** Whether an edge of the ring spans more than 180° of longitude. */
  static boolean jumps(Coordinate[] ring) {
    return widestJump(ring) > 180;
  }

  static double widestJump(Coordinate[] ring) {
    double widest = 0;
    for (int i = 1; i < ring.length; i++) {
      widest = Math.max(widest, Math.abs(ring[i].x - ring[i - 1].x));
    }
    return widest;
  }

  static boolean beyond(Coordinate[] ring) {
    for (Coordinate c : ring) {
      if (c.x < -180 || c.x > 180) {
        return true;
      }
    }
    return false;
  }

  /**
   * A polygon of a data set that stitches rings across the antimeridian with an edge jumping from one side to the
   * other (Natural Earth through TopoJSON): such a ring is moved past 180 to be continuous, then cut at ±180. For
   * trusted data only: a request's polygon is read as RFC 7946 writes it ({@link #split}). Kept apart from
   * {@link #split} on purpose: unwrapped, some Natural Earth rings still both pass 180 and jump, which the request
   * rule refuses as ambiguous ({@code CountryBoundariesTest.everyCountryDecodesIntoAValidZone} tries every country).
   */
  static List<Polygon> splitStitched(Coordinate[] shell, List<Coordinate[]> holes) {
    boolean crosses = jumps(shell) || holes.stream().anyMatch(Antimeridian::jumps);
    LinearRing[] h = holes.stream().map(PolygonZone.FACTORY::createLinearRing).toArray(LinearRing[]::new);
    if (!crosses) {
      return List.of(PolygonZone.FACTORY.createPolygon(PolygonZone.FACTORY.createLinearRing(shell), h));
    }
    unwrap(shell);
    holes.forEach(Antimeridian::unwrap);
    h = holes.stream().map(PolygonZone.FACTORY::createLinearRing).toArray(LinearRing[]::new);
    Polygon p = PolygonZone.FACTORY.createPolygon(PolygonZone.FACTORY.createLinearRing(shell), h);
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

  /** Moves western longitudes past 180 so that a stitched ring is continuous. */
  private static void unwrap(Coordinate[] ring) {
    for (Coordinate c : ring) {
      if (c.x < 0) {
        c.x += 360;
      }
    }
  }

  /**
   * The polygon itself when it stays within -180..180; otherwise its parts on either side of the antimeridian.
   *
   * @param field where the polygon is in the request, for a refusal
   */
  static List<Polygon> split(Coordinate[] shell, List<Coordinate[]> holes, String field) {
    List<Coordinate[]> rings = new ArrayList<>();
    rings.add(shell);
    rings.addAll(holes);
    boolean drawnAcross = rings.stream().anyMatch(Antimeridian::beyond);
    LinearRing[] h = holes.stream().map(PolygonZone.FACTORY::createLinearRing).toArray(LinearRing[]::new);
    Polygon p = PolygonZone.FACTORY.createPolygon(PolygonZone.FACTORY.createLinearRing(shell), h);
    if (!drawnAcross) {
      return List.of(p);
    }
    if (rings.stream().anyMatch(Antimeridian::jumps)) {
      throw new MalformedInputException(field, "mixes longitudes beyond ±180 with an edge spanning more than 180° of "
          + "longitude: draw the ring continuously (e.g. from 170 to 190) or give it as two polygons cut at ±180");
    }
    Envelope e = p.getEnvelopeInternal();
    if (e.getWidth() > 360) {
      throw new MalformedInputException(field, "spans more than 360° of longitude");
    }
    Geometry valid = p.isValid() ? p : GeometryFixer.fix(p);
    List<Polygon> out = new ArrayList<>();
    for (double shift : new double[] {-360, 0, 360}) {
      // The window that, moved by shift, lands on -180..180.
      // A copy: the overlay's result can share coordinates with its input, which the next window still needs.
      Geometry part = valid.intersection(PolygonZone.FACTORY.toGeometry(new Envelope(-180 - shift, 180 - shift,
          -90, 90))).copy();
      if (part.isEmpty()) {
        continue;
      }
      part.apply((CoordinateFilter) c -> c.x += shift);
      part.geometryChanged();
      for (int i = 0; i < part.getNumGeometries(); i++) {
        if (part.getGeometryN(i) instanceof Polygon q && !q.isEmpty() && q.getArea() > 0) {
          out.add(q);
        }
      }
    }
    return out;
  }
}
