package crisis.core.geo;

import com.uber.h3core.util.LatLng;

/**
 * All points within {@code radiusKm} of a centre, distance measured on the sphere (great circle, mean Earth radius
 * 6371.0088 km). Works across the antimeridian and near the poles.
 */
public record CircleZone(double latitude, double longitude, double radiusKm) implements Zone {
  public static final double MAX_RADIUS_KM = 2000;
  static final double EARTH_RADIUS_KM = 6371.0088;
  /**
   * How far, in average edges of its resolution, a cell's fine descendants reach from its centre, with a margin: a
   * hexagon's corners are about one edge from its centre, the largest cells (at the centres of the icosahedron's faces)
   * are about a quarter larger than the average, and descendants stray a little past their ancestor's outline. Measured
   * over every resolution from 0 to 10: at most 1.32 ({@code GeoIndexTest}); 1.5 leaves 14 %. A cell is inside the
   * circle when its centre is nearer than the radius minus this reach, so every point of its descendants is inside.
   */
  static final double REACH_EDGES = 1.5;

  public CircleZone {
    GeoIndex.checkLatitude(latitude);
    GeoIndex.checkLongitude(longitude);
    if (!(radiusKm > 0 && radiusKm <= MAX_RADIUS_KM)) {
      throw new IllegalArgumentException("radiusKm must be more than 0 and at most " + MAX_RADIUS_KM + ", was "
          + radiusKm);
    }
  }

  @Override
  public boolean contains(double lat, double lon) {
    return distanceKm(latitude, longitude, lat, lon) <= radiusKm;
  }

  @Override
  public Coverage cover() {
    int res = CellClassifier.resolutionForEdge(radiusKm / 8);
    double edge = GeoIndex.edgeKm(res);
    long centre = GeoIndex.H3.latLngToCell(latitude, longitude, res);
    int k = (int) Math.ceil(radiusKm / (edge * 1.5)) + 2;
    return new CellClassifier() {
      @Override
      Place classify(long cell) {
        LatLng c = GeoIndex.H3.cellToLatLng(cell);
        double d = distanceKm(latitude, longitude, c.lat, c.lng);
        double reach = GeoIndex.edgeKm(GeoIndex.resolution(cell)) * REACH_EDGES;
        if (d + reach <= radiusKm) {
          return Place.INSIDE;
        }
        return d - reach > radiusKm ? Place.OUTSIDE : Place.EDGE;
      }
    }.refine(GeoIndex.H3.gridDisk(centre, k));
  }

  /** Great-circle distance from the centre, in km. */
  public double distanceFromCentreKm(double lat, double lon) {
    return distanceKm(latitude, longitude, lat, lon);
  }

  /** Great-circle distance in km (haversine). */
  public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
