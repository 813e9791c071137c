package crisis.core.geo;

import com.fasterxml.jackson.databind.JsonNode;
import crisis.core.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * Whole countries as zones, from Natural Earth's 1:50m admin-0 boundaries (public domain, through the world-atlas
 * package) keyed by ISO 3166-1 alpha-2 (through i18n-iso-countries): both fetched at build time. Natural Earth
 * polygons are already cut at the antimeridian. Decoded on first use; thread-safe.
 */
public final class CountryBoundaries {
  private static final String BASE = "/crisis/core/geo/boundaries/";
  private final Map<String, List<JsonNode>> geometriesByCode = new HashMap<>();
  private final JsonNode arcs;
  private final double[] scale;
  private final double[] translate;
  private final Map<String, PolygonZone> zones = new ConcurrentHashMap<>();

  public CountryBoundaries() {
    JsonNode topo = read("countries-50m.json");
    Map<String, String> alpha2ByNumeric = new HashMap<>();
    for (JsonNode row : read("codes.json")) {
      alpha2ByNumeric.put(row.get(2).asText(), row.get(0).asText());
    }
    for (JsonNode g : topo.path("objects").path("countries").path("geometries")) {
      String alpha2 = alpha2ByNumeric.get(g.path("id").asText(""));
      if (alpha2 != null) {
        geometriesByCode.computeIfAbsent(alpha2, k -> new ArrayList<>()).add(g);
      }
    }
    arcs = topo.get("arcs");
    JsonNode t = topo.get("transform");
    scale = new double[] {t.get("scale").get(0).asDouble(), t.get("scale").get(1).asDouble()};
    translate = new double[] {t.get("translate").get(0).asDouble(), t.get("translate").get(1).asDouble()};
  }

  /**
   * How far from a declared country a point may lie and still be taken as in it: the 1:50m boundaries are simplified
   * by a few kilometres along coasts and borders, and drop many small islands.
   */
  public static final double MARGIN_KM = 30;

  private static final class Shared {
    static final CountryBoundaries INSTANCE = new CountryBoundaries();
  }

  /** One decoded copy for the whole process. */
  public static CountryBoundaries shared() {
    return Shared.INSTANCE;
  }

  /**
   * Whether a point is in the country or within {@link #MARGIN_KM} of its boundary; true too for a code Natural Earth
   * has no boundary for (nothing to check against).
   */
  public boolean plausiblyIn(String iso2, double latitude, double longitude) {
    return zone(iso2).map(outline -> withinMargin(outline, latitude, longitude)).orElse(true);
  }

  /** Whether a point is inside an outline or within {@link #MARGIN_KM} of it. */
  static boolean withinMargin(PolygonZone outline, double latitude, double longitude) {
    if (outline.contains(latitude, longitude)) {
      return true;
    }
    for (Polygon disc : discs(latitude, longitude, MARGIN_KM)) {
      if (outline.intersects(disc)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A disc of {@code radiusKm} around a point as a 32-sided polygon in degrees; with a copy shifted by 360 degrees
   * when it crosses the antimeridian, so that countries on either side are found.
   */
  static List<Polygon> discs(double latitude, double longitude, double radiusKm) {
    double dLat = radiusKm / 111.32;
    double cos = Math.max(Math.cos(Math.toRadians(latitude)), 0.01);
    double dLon = Math.min(radiusKm / (111.32 * cos), 180);
    Coordinate[] ring = new Coordinate[33];
    for (int i = 0; i < 32; i++) {
      double a = 2 * Math.PI * i / 32;
      ring[i] = new Coordinate(longitude + dLon * Math.cos(a),
          Math.max(-90, Math.min(90, latitude + dLat * Math.sin(a))));
    }
    ring[32] = ring[0];
    List<Polygon> out = new ArrayList<>();
    out.add(PolygonZone.FACTORY.createPolygon(ring));
    if (longitude + dLon > 180 || longitude - dLon < -180) {
      double shift = longitude > 0 ? -360 : 360;
      Coordinate[] shifted = new Coordinate[33];
      for (int i = 0; i < 33; i++) {
        shifted[i] = new Coordinate(ring[i].x + shift, ring[i].y);
      }
      out.add(PolygonZone.FACTORY.createPolygon(shifted));
    }
    return out;
  }

  /** The codes (ISO 3166-1 alpha-2) of every country with a boundary, sorted. */
  public java.util.SortedSet<String> codes() {
    return new java.util.TreeSet<>(geometriesByCode.keySet());
  }

  /** The country's zone, or empty when Natural Earth has no boundary for that code. */
  public Optional<PolygonZone> zone(String iso2) {
    if (iso2 == null || !geometriesByCode.containsKey(iso2)) {
      return Optional.empty();
    }
    return Optional.of(zones.computeIfAbsent(iso2, this::decode));
  }

  /** The country's polygons as the file draws them, not repaired: for a map, never for a zone. */
  List<Polygon> polygons(String iso2) {
    List<Polygon> polygons = new ArrayList<>();
    for (JsonNode g : geometriesByCode.getOrDefault(iso2, List.of())) {
      switch (g.path("type").asText()) {
        case "Polygon" -> polygons.addAll(polygon(g.get("arcs")));
        case "MultiPolygon" -> g.get("arcs").forEach(p -> polygons.addAll(polygon(p)));
        default -> { }
      }
    }
    return polygons;
  }

  private PolygonZone decode(String iso2) {
    List<Polygon> polygons = polygons(iso2);
    Geometry merged = PolygonZone.FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    // Quantised boundaries can touch themselves; the fixer makes them valid without moving them.
    Geometry valid = GeometryFixer.fix(merged);
    return new PolygonZone(valid);
  }

  /** One TopoJSON polygon; cut in two when its rings were stitched across the antimeridian. */
  private List<Polygon> polygon(JsonNode rings) {
    List<Coordinate[]> parsed = new ArrayList<>();
    rings.forEach(r -> parsed.add(ring(r)));
    return Antimeridian.splitStitched(parsed.get(0), parsed.subList(1, parsed.size()));
  }

  /** A ring from TopoJSON arc references: ~i is arc i reversed; shared end points are written once. */
  private Coordinate[] ring(JsonNode refs) {
    List<Coordinate> out = new ArrayList<>();
    for (JsonNode ref : refs) {
      int i = ref.asInt();
      List<Coordinate> arc = arc(i < 0 ? ~i : i);
      if (i < 0) {
        java.util.Collections.reverse(arc);
      }
      out.addAll(out.isEmpty() ? arc : arc.subList(1, arc.size()));
    }
    if (!out.get(0).equals2D(out.get(out.size() - 1))) {
      out.add(new Coordinate(out.get(0)));
    }
    return out.toArray(Coordinate[]::new);
  }

  private List<Coordinate> arc(int index) {
    List<Coordinate> points = new ArrayList<>();
    long x = 0;
    long y = 0;
    for (JsonNode delta : arcs.get(index)) {
      x += delta.get(0).asLong();
      y += delta.get(1).asLong();
      double lon = Math.max(-180, Math.min(180, x * scale[0] + translate[0]));
      double lat = Math.max(-90, Math.min(90, y * scale[1] + translate[1]));
      points.add(new Coordinate(lon, lat));
    }
    return points;
  }

  private static JsonNode read(String name) {
    try (InputStream in = CountryBoundaries.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException(BASE + name + " is missing from the classpath: build with Maven");
      }
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
