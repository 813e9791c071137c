package crisis.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * A zone as a detailed flood warning over an archipelago is: a MultiPolygon of 2,001 rough outlines, one around each
 * of 2,001 real towns of the Philippines (GeoNames), 1.5 to 4 km across, 126,744 positions in all written with 15 and
 * decimals (5.3 MB of GeoJSON). Outlines may overlap (the zone is their union). The same every time.
 */
public final class ArchipelagoZone {
  /** Positions of all rings, closing ones included: the size of the zone in issue 27. */
  public static final int POSITIONS = 126_744;
  static final int ISLANDS = 2001;
  static final int EACH = 63;

  private final List<WorldCities.City> towns;
  private final List<Coordinate[]> rings = new ArrayList<>();

  public ArchipelagoZone() {
    List<WorldCities.City> ph = WorldCities.everyNth(1).stream().filter(c -> c.country().equals("PH")).toList();
    towns = ph.subList(0, ISLANDS);
    Random random = new Random(27);
    for (int t = 0; t < ISLANDS; t++) {
      WorldCities.City c = towns.get(t);
      int n = (t == ISLANDS - 1 ? POSITIONS - (ISLANDS - 1) * EACH : EACH) - 1;
      double radius = (1.5 + random.nextDouble() * 2.5) / 111.32;
      double[] phase = {random.nextDouble() * 6.3, random.nextDouble() * 6.3, random.nextDouble() * 6.3};
      Coordinate[] ring = new Coordinate[n + 1];
      for (int i = 0; i < n; i++) {
        double a = 2 * Math.PI * i / n;
        double r = radius * (1 + 0.25 * Math.sin(3 * a + phase[0]) + 0.12 * Math.sin(7 * a + phase[1])
            + 0.05 * Math.sin(17 * a + phase[2]));
        ring[i] = new Coordinate(c.longitude() + r * Math.cos(a) / Math.cos(Math.toRadians(c.latitude())),
            c.latitude() + r * Math.sin(a));
      }
      ring[n] = ring[0].copy();
      rings.add(ring);
    }
  }

  /** The towns the outlines are drawn around, in order. */
  public List<WorldCities.City> towns() {
    return towns;
  }

  /** The outlines as plain JTS polygons, for counting independently of the code under test. */
  public List<Polygon> polygons() {
    GeometryFactory f = new GeometryFactory();
    return rings.stream().map(f::createPolygon).toList();
  }

  /** Whether a point is in one of the outlines, by plain JTS (an envelope check, then {@code covers}). */
  public static boolean covers(List<Polygon> outlines, double latitude, double longitude) {
    Coordinate c = new Coordinate(longitude, latitude);
    for (Polygon p : outlines) {
      Envelope e = p.getEnvelopeInternal();
      if (e.covers(c) && p.covers(p.getFactory().createPoint(c))) {
        return true;
      }
    }
    return false;
  }

  /** The zone as GeoJSON, longitudes with 15 decimals, latitudes with 16. */
  public String geoJson() {
    StringBuilder b = new StringBuilder(5_500_000).append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
    for (int r = 0; r < rings.size(); r++) {
      b.append(r == 0 ? "[[" : ",[[");
      Coordinate[] ring = rings.get(r);
      for (int i = 0; i < ring.length; i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(String.format(Locale.ROOT, "[%.15f,%.16f]", ring[i].x, ring[i].y));
      }
      b.append("]]");
    }
    return b.append("]}").toString();
  }
}
