package crisis.core.geo;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gazetteer's populated places of each country as evidence of its land: whether a point lies within some
 * kilometres of one. It answers where the 1:50m outline is silent or takes a side: small islands dropped at that
 * scale (18 of 21 Maldives towns, Scilly, Tristan da Cunha, Penghu, Matsu) and land the outline draws in another
 * country (Crimea, in Russia there, Ukraine's in GeoNames; Somaliland and northern Cyprus, without a code there).
 * Each country is indexed on first use (its places sorted by latitude); thread-safe.
 */
final class Settlements {
  /** Less than a degree of latitude on the sphere the distance is measured on (111.2 km): the window is wide enough. */
  private static final double KM_PER_DEGREE_OF_LATITUDE = 110;

  private final Gazetteer gazetteer;
  /** By country: latitudes ascending, and the longitudes in the same order. */
  private final Map<String, double[][]> byCountry = new ConcurrentHashMap<>();

  Settlements(Gazetteer gazetteer) {
    this.gazetteer = gazetteer;
  }

  private static final class Shared {
    static final Settlements INSTANCE = new Settlements(Gazetteer.shared());
  }

  /** On the shared gazetteer, loaded on first use. */
  static Settlements shared() {
    return Shared.INSTANCE;
  }

  /** Whether the gazetteer has any place in the country (ISO alpha-2). */
  boolean knows(String iso2) {
    return iso2 != null && index(iso2)[0].length > 0;
  }

  /** Whether a populated place of the country lies within {@code km} (great-circle) of the point. */
  boolean near(String iso2, double latitude, double longitude, double km) {
    if (iso2 == null) {
      return false;
    }
    double[][] places = index(iso2);
    double[] lats = places[0];
    double[] lons = places[1];
    int from = Arrays.binarySearch(lats, latitude - km / KM_PER_DEGREE_OF_LATITUDE - 1e-9);
    for (int i = from < 0 ? -from - 1 : from; i < lats.length; i++) {
      if (lats[i] > latitude + km / KM_PER_DEGREE_OF_LATITUDE) {
        break;
      }
      if (CircleZone.distanceKm(latitude, longitude, lats[i], lons[i]) <= km) {
        return true;
      }
    }
    return false;
  }

  private double[][] index(String iso2) {
    return byCountry.computeIfAbsent(iso2, c -> {
      List<Gazetteer.Place> places = gazetteer.in(c);
      places.sort(Comparator.comparingDouble(Gazetteer.Place::latitude));
      double[] lats = new double[places.size()];
      double[] lons = new double[places.size()];
      for (int i = 0; i < lats.length; i++) {
        lats[i] = places.get(i).latitude();
        lons[i] = places.get(i).longitude();
      }
      return new double[][] {lats, lons};
    });
  }
}
