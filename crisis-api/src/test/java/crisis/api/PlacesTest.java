package crisis.api;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.common.Json;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Nearest places of a kind within a radius. */
@Tag("app")
class PlacesTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;

  @BeforeAll
  static void places() {
    place("ASSEMBLY_POINT", "Martyrs' Square", 32.8947, 13.1802);      // ~1.3 km from the point below
    place("ASSEMBLY_POINT", "Tripoli port gate", 32.9000, 13.2000);     // ~1.5 km
    place("ASSEMBLY_POINT", "Mitiga airport car park", 32.8941, 13.2760); // ~8 km
    place("ASSEMBLY_POINT", "Misrata stadium", 32.3754, 15.0925);       // ~187 km
    place("HOSPITAL", "Tripoli Medical Centre", 32.8650, 13.1840);      // ~2.5 km, another kind
  }

  @Test
  @SuppressWarnings("unchecked")
  void nearestOfAKindWithinARadiusNearestFirst() {
    List<Map<String, Object>> two = nearest("kind=assembly_point&k=2&radiusKm=50");
    assertThat(two).extracting(n -> ((Map<String, Object>) n.get("place")).get("name"))
        .containsExactly("Martyrs' Square", "Tripoli port gate");
    assertThat((Double) two.get(0).get("distanceKm")).isBetween(0.5, 2.5);
    assertThat(nearest("kind=ASSEMBLY_POINT&k=10&radiusKm=50")).hasSize(3);
    assertThat(nearest("kind=ASSEMBLY_POINT&k=10&radiusKm=200")).hasSize(4);
    assertThat(nearest("kind=ASSEMBLY_POINT&k=1&radiusKm=0.5")).isEmpty();
    assertThat(nearest("kind=HOSPITAL&k=5&radiusKm=50")).hasSize(1);
  }

  @Test
  void badRequestsNameTheField() {
    Response r = FIXTURE.as("worker", "/api/v1/places/nearest?latitude=95&longitude=13&kind=SHELTER").get();
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.readEntity(String.class)).contains("\"field\":\"latitude\"");
    assertThat(AppFixture.status(FIXTURE.as("worker", "/api/v1/places/nearest?latitude=32&longitude=13&kind=x")
        .get())).isEqualTo(422);
    assertThat(AppFixture.status(FIXTURE.as("worker",
        "/api/v1/places/nearest?latitude=32&longitude=13&kind=SHELTER&k=500").get())).isEqualTo(422);
    Response outside = FIXTURE.call("officer.paris", "POST", "/api/v1/places", "{\"kind\":\"SHELTER\",\"name\":\"x\","
        + "\"latitude\":32.9,\"longitude\":13.2,\"country\":\"LY\"}", "application/json");
    assertThat(outside.getStatus()).isEqualTo(422);
    assertThat(outside.readEntity(String.class)).contains("outside your consulate's jurisdiction");
    assertThat(AppFixture.status(FIXTURE.call("admin", "POST", "/api/v1/places", "{\"kind\":\"SHELTER\","
        + "\"name\":\"x\",\"latitude\":32.9,\"longitude\":13.2,\"country\":\"LY\"}", "application/json")))
        .isEqualTo(403);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> nearest(String query) {
    Response r = FIXTURE.as("worker", "/api/v1/places/nearest?latitude=32.8872&longitude=13.1913&" + query).get();
    String body = r.readEntity(String.class);
    assertThat(r.getStatus()).as(body).isEqualTo(200);
    return Json.read(body, List.class);
  }

  private static void place(String kind, String name, double lat, double lon) {
    Response r = FIXTURE.call("officer.tripoli", "POST", "/api/v1/places", "{\"kind\":\"" + kind + "\",\"name\":\""
        + name.replace("'", "\\u0027") + "\",\"latitude\":" + lat + ",\"longitude\":" + lon + ",\"country\":\"LY\"}",
        "application/json");
    assertThat(r.getStatus()).as(r.readEntity(String.class)).isEqualTo(201);
  }
}
