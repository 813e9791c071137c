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
 * polygons are already cut at the antimeridian. Three outlines the file leaves without a code take one here: Kosovo
 * is {@code XK} (the code consulates, the EU and GeoNames use), Somaliland is Somalia's and northern Cyprus is
 * Cyprus's (as the United Nations and GeoNames have them). Decoded on first use; thread-safe.
 */
public final class CountryBoundaries {
  private static final String BASE = "/crisis/core/geo/boundaries/";
  /** The outlines Natural Earth gives no numeric code, by their name there. */
  private static final Map<String, String> UNCODED = Map.of("Kosovo", "XK", "Somaliland", "SO", "N. Cyprus", "CY");
  /**
   * Land a country holds as its own that the outlines give another code: a national of ours living in Kosovo may be
   * registered by a consulate as living in Serbia (states that do not recognise Kosovo) or in Kosovo.
   */
  private static final Map<String, List<String>> CLAIMS = Map.of("RS", List.of("XK"));
  private final Map<String, List<JsonNode>> geometriesByCode = new HashMap<>();
  private final JsonNode arcs;
  private final double[] scale;
  private final double[] translate;
  private final Map<String, PolygonZone> zones = new ConcurrentHashMap<>();
  private final Map<String, org.locationtech.jts.geom.Envelope> boxes = new ConcurrentHashMap<>();

  public CountryBoundaries() {
    JsonNode topo = read("countries-50m.json");
    Map<String, String> alpha2ByNumeric = new HashMap<>();
    for (JsonNode row : read("codes.json")) {
      alpha2ByNumeric.put(row.get(2).asText(), row.get(0).asText());
    }
    for (JsonNode g : topo.path("objects").path("countries").path("geometries")) {
      String alpha2 = g.hasNonNull("id") ? alpha2ByNumeric.get(g.path("id").asText())
          : UNCODED.get(g.path("properties").path("name").asText());
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
   * The coastal band, in km: how far from a country's land a point may lie and still be taken as in that country —
   * 12 nautical miles (12 × 1.852 km = 22.224 km), the territorial sea (UN Convention on the Law of the Sea, article
   * 3). The receiving state's sovereignty, and so a consulate's jurisdiction, reaches that far at sea and no further:
   * a boat moored off the coast, a house on a shore the outline draws a little inland. It is also wider than what the
   * 1:50m outline moves coasts and borders by: of GeoNames' 171,075 places, 5,846 lie outside their country's
   * outline, 4,583 of them within 5 km of it and 273 more within 10 km; the farther ones are on islands the outline
   * drops or in Crimea, which {@link #landBeyondOutline} answers (30 km, used before, only caught 60 more of those
   * islands). Country zones reach residents in the same band. The one place this distance is set.
   */
  public static final double COASTAL_BAND_KM = 12 * 1.852;

  /** The band as people read it in a refusal: "12 nautical miles (22 km)". */
  public static final String COASTAL_BAND_TEXT = Math.round(COASTAL_BAND_KM / 1.852) + " nautical miles ("
      + Math.round(COASTAL_BAND_KM) + " km)";

  private static final class Shared {
    static final CountryBoundaries INSTANCE = new CountryBoundaries();
  }

  /** One decoded copy for the whole process. */
  public static CountryBoundaries shared() {
    return Shared.INSTANCE;
  }

  /**
   * Whether a point may be in a declared country: within the {@linkplain #COASTAL_BAND_KM coastal band} of its
   * outline, or of land the outline leaves out ({@link #landBeyondOutline}). A code with neither an outline nor a
   * populated place known has nothing to check against: true.
   */
  public boolean plausiblyIn(String iso2, double latitude, double longitude) {
    Optional<PolygonZone> outline = zone(iso2);
    if (outline.isPresent() && withinBand(outline.get(), latitude, longitude)) {
      return true;
    }
    return landBeyondOutline(iso2, latitude, longitude)
        || (outline.isEmpty() && !Settlements.shared().knows(iso2));
  }

  /**
   * Whether a point lies within the coastal band of the country's land that its outline does not draw: a populated
   * place of that country in GeoNames (an island dropped at 1:50m, Crimea for Ukraine), or a territory it holds as
   * its own under another code (Kosovo for Serbia).
   */
  public boolean landBeyondOutline(String iso2, double latitude, double longitude) {
    Settlements settlements = Settlements.shared();
    if (settlements.near(iso2, latitude, longitude, COASTAL_BAND_KM)) {
      return true;
    }
    for (String claimed : CLAIMS.getOrDefault(iso2, List.of())) {
      if (zone(claimed).map(z -> withinBand(z, latitude, longitude)).orElse(false)
          || settlements.near(claimed, latitude, longitude, COASTAL_BAND_KM)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a point is inside an outline or within {@link #COASTAL_BAND_KM} of it. */
  static boolean withinBand(PolygonZone outline, double latitude, double longitude) {
    if (outline.contains(latitude, longitude)) {
      return true;
    }
    for (Polygon disc : discs(latitude, longitude, COASTAL_BAND_KM)) {
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

  /**
   * The country whose outline holds the point; empty at sea, or where two outlines overlap (a disputed area: the
   * caller must then say which). Decodes every country's zone the first time.
   */
  public Optional<String> countryAt(double latitude, double longitude) {
    String found = null;
    for (String code : geometriesByCode.keySet()) {
      // The box around a country's outline first: only the few countries whose box holds the point are tested.
      org.locationtech.jts.geom.Envelope box = boxes.computeIfAbsent(code, this::box);
      if (!box.contains(longitude, latitude)) {
        continue;
      }
      if (zone(code).map(z -> z.contains(latitude, longitude)).orElse(false)) {
        if (found != null) {
          return Optional.empty();
        }
        found = code;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The box around a country's outline as drawn, a little wider than the zone's repairs could move it. */
  private org.locationtech.jts.geom.Envelope box(String iso2) {
    org.locationtech.jts.geom.Envelope e = new org.locationtech.jts.geom.Envelope();
    for (Polygon p : polygons(iso2)) {
      e.expandToInclude(p.getEnvelopeInternal());
    }
    e.expandBy(0.01);
    return e;
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
