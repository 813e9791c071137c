package crisis.core.geo;

import com.fasterxml.jackson.databind.JsonNode;
import crisis.core.common.MalformedInputException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Reads a zone from GeoJSON (RFC 7946): Polygon, MultiPolygon, a Feature of either, or a FeatureCollection of them.
 * Every problem is a {@link MalformedInputException} (a 400) naming the JSON path and what is wrong. Edges are straight
 * lines in longitude and latitude (RFC 7946): crossing the antimeridian is written explicitly, see {@link Antimeridian}.
 * Thread-safe.
 */
public final class ZoneParser {
  private final int maxVertices;

  /** @param maxVertices the most positions a zone may have, all rings together */
  public ZoneParser(int maxVertices) {
    this.maxVertices = maxVertices;
  }

  /** A zone as given, repaired where that is safe (warnings say what was done); see {@link #parse(JsonNode, String, boolean)}. */
  public PolygonZone parse(JsonNode json, String field) {
    return parse(json, field, false);
  }

  /**
   * Reads a zone. Its parts (the polygons of a MultiPolygon, the features of a FeatureCollection) are a union of
   * areas: parts that touch or overlap are merged. A part that crosses or touches itself is repaired (JTS
   * {@code GeometryFixer}: a bow-tie becomes the two areas it encloses) and a part without area (all its points on one
   * line) is dropped, each with a warning naming the part and where; unless {@code strict}, where either is a 400.
   */
  public PolygonZone parse(JsonNode json, String field, boolean strict) {
    List<Part> parts = new ArrayList<>();
    int[] vertices = {0};
    collect(json, field, parts, vertices);
    if (parts.isEmpty()) {
      throw new MalformedInputException(field, "is an empty geometry");
    }
    List<String> warnings = new ArrayList<>();
    List<Geometry> areas = new ArrayList<>();
    for (Part part : parts) {
      Polygon p = part.polygon();
      TopologyValidationError error = new IsValidOp(p).getValidationError();
      if (error == null) {
        areas.add(p);
        continue;
      }
      Geometry fixed = GeometryFixer.fix(p);
      if (fixed.isEmpty() || !(fixed.getArea() > 0)) {
        // All its points on one line (a meridian, a parallel): nothing to repair.
        if (strict) {
          throw new MalformedInputException(part.field(), "has no area (all its points are on one line)");
        }
        warnings.add(part.field() + ": has no area (all its points are on one line); left out");
        continue;
      }
      Coordinate c = error.getCoordinate();
      String what = error.getMessage().toLowerCase() + (c == null ? "" : " near longitude " + round(c.x)
          + ", latitude " + round(c.y));
      if (strict) {
        throw new MalformedInputException(part.field(), "is not a valid polygon: " + what);
      }
      warnings.add(part.field() + ": " + what + "; repaired into " + fixed.getNumGeometries()
          + (fixed.getNumGeometries() == 1 ? " area" : " areas") + " (check the zone before sending)");
      areas.add(fixed);
    }
    if (areas.isEmpty()) {
      throw new MalformedInputException(field, "is an empty geometry: no part has an area");
    }
    Geometry union = areas.size() == 1 ? areas.get(0) : UnaryUnionOp.union(areas);
    if (!union.isValid()) {
      union = GeometryFixer.fix(union);
    }
    return new PolygonZone(union, warnings);
  }

  /** One polygon of the input and where it is. */
  private record Part(Polygon polygon, String field) {}

  private void collect(JsonNode n, String field, List<Part> out, int[] vertices) {
    if (n == null || !n.isObject()) {
      throw new MalformedInputException(field, "must be a GeoJSON object");
    }
    String type = n.path("type").asText("");
    switch (type) {
      case "Polygon" -> polygon(n.get("coordinates"), field + ".coordinates", vertices)
          .forEach(p -> out.add(new Part(p, field)));
      case "MultiPolygon" -> {
        JsonNode polys = array(n.get("coordinates"), field + ".coordinates");
        for (int i = 0; i < polys.size(); i++) {
          String at = field + ".coordinates[" + i + "]";
          polygon(polys.get(i), at, vertices).forEach(p -> out.add(new Part(p, at)));
        }
      }
      case "Feature" -> collect(n.get("geometry"), field + ".geometry", out, vertices);
      case "FeatureCollection" -> {
        JsonNode features = array(n.get("features"), field + ".features");
        for (int i = 0; i < features.size(); i++) {
          collect(features.get(i), field + ".features[" + i + "]", out, vertices);
        }
      }
      default -> throw new MalformedInputException(field + ".type", "must be Polygon, MultiPolygon, Feature or "
          + "FeatureCollection" + (type.isEmpty() ? "" : ", was '" + clip(type) + "'"));
    }
  }

  /** One GeoJSON polygon; more than one when it crosses the antimeridian. */
  private List<Polygon> polygon(JsonNode coordinates, String field, int[] vertices) {
    JsonNode rings = array(coordinates, field);
    if (rings.isEmpty()) {
      throw new MalformedInputException(field, "is an empty polygon");
    }
    List<Coordinate[]> parsed = new ArrayList<>();
    for (int r = 0; r < rings.size(); r++) {
      parsed.add(ring(rings.get(r), field + "[" + r + "]", vertices));
    }
    return Antimeridian.split(parsed.get(0), parsed.subList(1, parsed.size()), field);
  }

  private Coordinate[] ring(JsonNode node, String field, int[] vertices) {
    JsonNode positions = array(node, field);
    if (positions.size() < 4) {
      throw new MalformedInputException(field, "a ring needs at least 4 positions (a closed triangle), has "
          + positions.size());
    }
    vertices[0] += positions.size();
    if (vertices[0] > maxVertices) {
      throw new MalformedInputException(field, "the zone has more than " + maxVertices + " positions");
    }
    Coordinate[] ring = new Coordinate[positions.size()];
    for (int i = 0; i < positions.size(); i++) {
      String f = field + "[" + i + "]";
      JsonNode p = positions.get(i);
      if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw new MalformedInputException(f, "must be a position [longitude, latitude]");
      }
      double lon = p.get(0).asDouble();
      double lat = p.get(1).asDouble();
      if (!(lon >= -Antimeridian.MAX_DRAWN_LONGITUDE && lon <= Antimeridian.MAX_DRAWN_LONGITUDE)) {
        throw new MalformedInputException(f, "longitude must be between -180 and 180 (or up to ±360 for a ring drawn "
            + "across the antimeridian), was " + p.get(0).asText());
      }
      if (!(lat >= -90 && lat <= 90)) {
        throw new MalformedInputException(f, "latitude must be between -90 and 90, was " + p.get(1).asText());
      }
      ring[i] = new Coordinate(lon, lat);
    }
    if (!ring[0].equals2D(ring[ring.length - 1])) {
      throw new MalformedInputException(field, "the ring is not closed: its last position must repeat its first");
    }
    return ring;
  }

  private static JsonNode array(JsonNode n, String field) {
    if (n == null || !n.isArray()) {
      throw new MalformedInputException(field, "must be an array");
    }
    return n;
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private static double round(double d) {
    return Math.round(d * 1e6) / 1e6;
  }
}
