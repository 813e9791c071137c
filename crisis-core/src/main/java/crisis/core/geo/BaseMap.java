package crisis.core.geo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * The console's base map when no tile server is configured: every country's outline as one GeoJSON
 * FeatureCollection ({@code properties.iso2}, and {@code properties.label}: where its name is written, [lon, lat]
 * inside its largest part), simplified to about {@value #TOLERANCE_DEGREES}° (a few km: a base map,
 * never a zone) with coordinates rounded to 3 decimals. Built once from {@link CountryBoundaries}, in a few hundred ms; a few hundred KB.
 */
public final class BaseMap {
  static final double TOLERANCE_DEGREES = 0.05;

  private final CountryBoundaries countries;
  private volatile byte[] geojson;

  public BaseMap(CountryBoundaries countries) {
    this.countries = countries;
  }

  /** The FeatureCollection, UTF-8. */
  public byte[] geojson() {
    byte[] b = geojson;
    if (b == null) {
      synchronized (this) {
        if (geojson == null) {
          geojson = build().getBytes(StandardCharsets.UTF_8);
        }
        b = geojson;
      }
    }
    return b;
  }

  private String build() {
    StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    boolean first = true;
    for (String iso2 : countries.codes()) {
      // The outlines as drawn, simplified: no repair (a map is not a zone), so the whole world takes a few hundred ms.
      List<Polygon> parts = new ArrayList<>();
      for (Polygon p : countries.polygons(iso2)) {
        Geometry simple = DouglasPeuckerSimplifier.simplify(p, TOLERANCE_DEGREES);
        int kept = parts.size();
        for (int i = 0; i < simple.getNumGeometries(); i++) {
          if (simple.getGeometryN(i) instanceof Polygon q && !q.isEmpty()) {
            parts.add(q);
          }
        }
        if (parts.size() == kept && !p.isEmpty()) {
          // Smaller than the tolerance (Monaco, an atoll): kept as drawn, so that every country is on the map.
          parts.add(p);
        }
      }
      if (parts.isEmpty()) {
        continue;
      }
      Geometry simple = PolygonZone.FACTORY.createMultiPolygon(parts.toArray(Polygon[]::new));
      // Where the country's name is written: inside its largest part (France's mainland, not French Guiana).
      Polygon largest = parts.stream().max(java.util.Comparator.comparingDouble(Polygon::getArea)).orElseThrow();
      Coordinate label = org.locationtech.jts.algorithm.InteriorPoint.getInteriorPoint(largest);
      out.append(first ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"iso2\":\"").append(iso2)
          .append("\",\"label\":[").append(String.format(Locale.ROOT, "%.2f,%.2f", label.x, label.y))
          .append("]},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[");
      first = false;
      for (int i = 0; i < simple.getNumGeometries(); i++) {
        Polygon p = (Polygon) simple.getGeometryN(i);
        out.append(i == 0 ? "[" : ",[");
        ring(out, p.getExteriorRing());
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          out.append(',');
          ring(out, p.getInteriorRingN(h));
        }
        out.append(']');
      }
      out.append("]}}");
    }
    return out.append("]}").toString();
  }

  private static void ring(StringBuilder out, LineString ring) {
    out.append('[');
    Coordinate[] cs = ring.getCoordinates();
    for (int i = 0; i < cs.length; i++) {
      out.append(i == 0 ? "[" : ",[").append(String.format(Locale.ROOT, "%.3f,%.3f", cs[i].x, cs[i].y)).append(']');
    }
    out.append(']');
  }
}
