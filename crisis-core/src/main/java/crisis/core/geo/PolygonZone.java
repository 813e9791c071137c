package crisis.core.geo;

import com.uber.h3core.util.LatLng;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * A (multi)polygon in longitude/latitude degrees, edges straight in that plane (RFC 7946), holes respected, already
 * split at the antimeridian. Points are tested with a JTS {@link PreparedGeometry}; a point on the boundary counts
 * as inside.
 */
public final class PolygonZone implements Zone {
  static final GeometryFactory FACTORY = new GeometryFactory();
  private final Geometry geometry;
  private final PreparedGeometry prepared;
  /** Computed once: the zone is immutable, and country zones are asked about again and again. */
  private volatile Coverage coverage;

  private final List<String> warnings;

  PolygonZone(Geometry geometry) {
    this(geometry, List.of());
  }

  PolygonZone(Geometry geometry, List<String> warnings) {
    this.geometry = geometry;
    this.prepared = PreparedGeometryFactory.prepare(geometry);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * The box as a zone (edges along meridians and parallels; degrees, west and east -180..180, south and north -90..90,
   * not checked here); in two parts when it crosses the antimeridian (west greater than east); null when it has no
   * area.
   */
  public static PolygonZone box(double west, double south, double east, double north) {
    List<Polygon> parts = new ArrayList<>();
    List<Envelope> boxes = west <= east ? List.of(new Envelope(west, east, south, north))
        : List.of(new Envelope(west, 180, south, north), new Envelope(-180, east, south, north));
    for (Envelope e : boxes) {
      if (e.getWidth() > 0 && e.getHeight() > 0) {
        parts.add((Polygon) FACTORY.toGeometry(e));
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    Geometry g = FACTORY.createMultiPolygon(parts.toArray(Polygon[]::new));
    return new PolygonZone(g);
  }

  /** What was repaired or left out of the zone as given, each naming the part and where; empty when nothing. */
  public List<String> warnings() {
    return warnings;
  }

  public Geometry geometry() {
    return geometry;
  }

  /** Whether the zone shares a point with {@code other} (degrees, longitude first). */
  public boolean intersects(Geometry other) {
    return prepared.intersects(other);
  }

  @Override
  public boolean contains(double latitude, double longitude) {
    return prepared.covers(FACTORY.createPoint(new Coordinate(longitude, latitude)));
  }

  /** Computed once per zone content (see {@link CoverCache}), and kept by this zone. */
  @Override
  public Coverage cover() {
    Coverage c = coverage;
    if (c == null) {
      c = CoverCache.SHARED.get(CoverCache.key(geometry), this::computeCoverage);
      coverage = c;
    }
    return c;
  }

  private Coverage computeCoverage() {
    Set<Long> start = new LinkedHashSet<>();
    // A part starts no finer than a few levels below the whole zone's own start: 2,001 small outlines each starting
    // from its own fine cells would be hundreds of thousands of cells before any refinement.
    int finest = startResolution(geometry.getEnvelopeInternal()) + MAX_START_LEVELS_BELOW_WHOLE;
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      for (Polygon p : slabs((Polygon) geometry.getGeometryN(i))) {
        startCells(p, Math.min(startResolution(p.getEnvelopeInternal()), finest), start);
      }
    }
    return new CellClassifier() {
      @Override
      Place classify(long cell) {
        Polygon reach = reach(cell);
        if (reach == null) {
          return Place.EDGE;
        }
        if (!prepared.intersects(reach)) {
          return Place.OUTSIDE;
        }
        return prepared.covers(reach) ? Place.INSIDE : Place.EDGE;
      }
    }.refine(start, EDGE_RESOLUTION);
  }

  /**
   * Cells on a polygon's edge are at least this fine (about 36 km²), whatever the polygon's size: finer would hold
   * fewer people to test one by one, but a country's edge would then be tens of thousands of range scans (measured on
   * France and the United States: resolution 6 was the quickest search).
   */
  static final int EDGE_RESOLUTION = 6;

  /**
   * The polygon cut into slabs at most 90° of longitude wide. H3 reads an edge spanning more than 180° as crossing the
   * antimeridian (the opposite of RFC 7946), so a wide polygon handed to it whole would come back as its complement.
   */
  private static List<Polygon> slabs(Polygon p) {
    Envelope e = p.getEnvelopeInternal();
    if (e.getWidth() <= 90) {
      return List.of(p);
    }
    List<Polygon> out = new ArrayList<>();
    for (double west = e.getMinX(); west < e.getMaxX(); west += 90) {
      Geometry slab = p.intersection(FACTORY.toGeometry(new Envelope(west, Math.min(west + 90, e.getMaxX()),
          e.getMinY(), e.getMaxY())));
      for (int i = 0; i < slab.getNumGeometries(); i++) {
        if (slab.getGeometryN(i) instanceof Polygon q && !q.isEmpty()) {
          out.add(q);
        }
      }
    }
    return out;
  }

  /** How much finer than the whole zone's start a part may start (a country's islands, say). */
  static final int MAX_START_LEVELS_BELOW_WHOLE = 3;

  /** The resolution whose cells are about an eighth of the envelope's diagonal. */
  private static int startResolution(Envelope e) {
    double midLat = Math.toRadians((e.getMinY() + e.getMaxY()) / 2);
    double diagKm = Math.hypot(e.getWidth() * 111.32 * Math.cos(midLat), e.getHeight() * 110.57);
    return CellClassifier.resolutionForEdge(Math.max(diagKm / 8, 0.01));
  }

  /**
   * H3 cells of resolution {@code res} to start refining from: those whose centre is in the part, and those along its
   * boundary. Each part starts at a resolution fitted to its own size (a country with far-away islands must not start
   * from cells sized for the whole envelope), within {@link #MAX_START_LEVELS_BELOW_WHOLE} of the whole's.
   */
  private static void startCells(Polygon p, int res, Set<Long> start) {
    double edgeKm = GeoIndex.edgeKm(res);
    List<List<LatLng>> holes = new ArrayList<>();
    for (int h = 0; h < p.getNumInteriorRing(); h++) {
      holes.add(latLngs(p.getInteriorRingN(h)));
    }
    start.addAll(GeoIndex.H3.polygonToCells(latLngs(p.getExteriorRing()), holes, res));
    // Cells that the edge crosses but whose centre is outside: sample the boundary finely, take those cells and
    // their neighbours.
    Geometry dense = Densifier.densify(p.getBoundary(), edgeKm / 2 / 111.32);
    for (Coordinate c : dense.getCoordinates()) {
      start.addAll(GeoIndex.H3.gridDisk(GeoIndex.H3.latLngToCell(c.y, c.x, res), 1));
    }
  }

  /**
   * The cell's hexagon grown by 70 % around its centre, enough to hold every fine descendant; null for a cell that
   * straddles the antimeridian (its points are always tested exactly).
   */
  private static Polygon reach(long cell) {
    List<LatLng> boundary = GeoIndex.H3.cellToBoundary(cell);
    LatLng centre = GeoIndex.H3.cellToLatLng(cell);
    Coordinate[] ring = new Coordinate[boundary.size() + 1];
    for (int i = 0; i < boundary.size(); i++) {
      LatLng v = boundary.get(i);
      if (Math.abs(v.lng - centre.lng) > 90) {
        return null;
      }
      ring[i] = new Coordinate(centre.lng + (v.lng - centre.lng) * 1.7, centre.lat + (v.lat - centre.lat) * 1.7);
    }
    ring[boundary.size()] = ring[0];
    return FACTORY.createPolygon(ring);
  }

  private static List<LatLng> latLngs(LinearRing ring) {
    List<LatLng> out = new ArrayList<>(ring.getNumPoints());
    for (Coordinate c : ring.getCoordinates()) {
      out.add(new LatLng(c.y, c.x));
    }
    return out;
  }
}
