package crisis.core.geo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import crisis.core.common.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/** The console's base map: every country with a boundary, simplified but where it is, small enough to send. */
@Tag("fast")
class BaseMapTest {
  @Test
  void everyCountryOnceInASmallFileWithItsCitiesInside() {
    CountryBoundaries countries = CountryBoundaries.shared();
    byte[] file = new BaseMap(countries).geojson();
    assertThat(file.length).isBetween(100_000, 1_000_000);
    JsonNode map = Json.read(new String(file, java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
    List<String> codes = new ArrayList<>();
    map.get("features").forEach(f -> codes.add(f.get("properties").get("iso2").asText()));
    assertThat(codes).doesNotHaveDuplicates().containsExactlyElementsOf(countries.codes());
    // Simplified by about 0.05 degrees: Paris, Casablanca and Tripoli are still inside their own country.
    assertThat(covers(map, "FR", 48.8566, 2.3522)).isTrue();
    assertThat(covers(map, "MA", 33.5731, -7.5898)).isTrue();
    assertThat(covers(map, "LY", 32.8872, 13.1913)).isTrue();
    assertThat(covers(map, "FR", 33.5731, -7.5898)).isFalse();
  }

  private static boolean covers(JsonNode map, String iso2, double lat, double lon) {
    for (JsonNode f : map.get("features")) {
      if (!f.get("properties").get("iso2").asText().equals(iso2)) {
        continue;
      }
      for (JsonNode polygon : f.get("geometry").get("coordinates")) {
        List<Coordinate> ring = new ArrayList<>();
        polygon.get(0).forEach(c -> ring.add(new Coordinate(c.get(0).asDouble(), c.get(1).asDouble())));
        Polygon p = PolygonZone.FACTORY.createPolygon(ring.toArray(Coordinate[]::new));
        if (p.covers(PolygonZone.FACTORY.createPoint(new Coordinate(lon, lat)))) {
          return true;
        }
      }
    }
    return false;
  }
}
