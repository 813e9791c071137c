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
  void aPlaceOrAPersonIsRecordedOnlyWhereItsDeclaredCountryIs() {
    Response tripoliAsFrance = FIXTURE.call("officer.paris", "POST", "/api/v1/places", "{\"kind\":\"SHELTER\","
        + "\"name\":\"x\",\"latitude\":32.8,\"longitude\":13.1,\"country\":\"FR\"}", "application/json");
    assertThat(tripoliAsFrance.getStatus()).isEqualTo(422);
    assertThat(tripoliAsFrance.readEntity(String.class)).contains("\"field\":\"latitude\"", "not in FR");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM place WHERE country_iso2 = 'FR' AND name = 'x'")).isZero();
    // Off the coast, within the margin: a boat moored off Marseille.
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "POST", "/api/v1/places", "{\"kind\":\"OTHER\","
        + "\"name\":\"Ferry\",\"latitude\":43.18,\"longitude\":5.30,\"country\":\"FR\"}", "application/json")))
        .isEqualTo(201);

    var libyanCoordinates = crisis.core.testing.Samples.at(crisis.core.testing.Samples.parisian(40), 32.8872, 13.1913);
    Response person = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations", Json.write(libyanCoordinates),
        "application/json");
    assertThat(person.getStatus()).isEqualTo(422);
    assertThat(person.readEntity(String.class)).contains("\"field\":\"location\"",
        "not in the country of residence FR");
  }

  @Test
  @SuppressWarnings("unchecked")
  void placesAreCorrectedAndRemovedWithinTheJurisdiction() {
    Response created = FIXTURE.call("officer.paris", "POST", "/api/v1/places", "{\"kind\":\"ASSEMBLY_POINT\","
        + "\"name\":\"Gare de Lyon\",\"latitude\":48.8443,\"longitude\":2.3744,\"country\":\"FR\"}",
        "application/json");
    assertThat(created.getStatus()).isEqualTo(201);
    String id = (String) Json.read(created.readEntity(String.class), Map.class).get("id");
    String path = "/api/v1/places/" + id;
    String moved = "{\"kind\":\"ASSEMBLY_POINT\",\"name\":\"Gare de Lyon, hall 2\",\"latitude\":48.8447,"
        + "\"longitude\":2.3760,\"country\":\"FR\",\"notes\":\"south exit\"}";
    Map<String, Object> updated = Json.read(FIXTURE.call("officer.paris", "PUT", path, moved, "application/json")
        .readEntity(String.class), Map.class);
    assertThat(updated).containsEntry("name", "Gare de Lyon, hall 2").containsEntry("updatedBy", "officer.paris")
        .containsEntry("createdBy", "officer.paris");
    assertThat(FIXTURE.as("cell", path).get(String.class)).contains("hall 2", "south exit");

    // Another jurisdiction's officer does not know it exists.
    assertThat(AppFixture.status(FIXTURE.as("officer.tripoli", path).get())).isEqualTo(404);
    assertThat(AppFixture.status(FIXTURE.call("officer.tripoli", "PUT", path, moved, "application/json")))
        .isEqualTo(404);
    assertThat(AppFixture.status(FIXTURE.call("officer.tripoli", "DELETE", path, null, null))).isEqualTo(404);
    // Nor can it be moved out of the jurisdiction, or to a point outside its country.
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "PUT", path, moved.replace("\"FR\"", "\"LY\""),
        "application/json"))).isEqualTo(422);
    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "PUT", path,
        moved.replace("48.8447", "32.8447").replace("2.3760", "13.1760"), "application/json"))).isEqualTo(422);
    assertThat(FIXTURE.as("cell", path).get(String.class)).contains("48.8447");

    assertThat(AppFixture.status(FIXTURE.call("officer.paris", "DELETE", path, null, null))).isEqualTo(204);
    assertThat(AppFixture.status(FIXTURE.as("cell", path).get())).isEqualTo(404);
    assertThat(AppFixture.status(FIXTURE.call("worker", "DELETE", path, null, null))).isEqualTo(403);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPlacePickedOnAMapWithoutItsCountryIsInTheCountryWhoseLandHoldsIt() {
    // Bordeaux, given without a country: France's, so the Paris officer's.
    Response bordeaux = FIXTURE.call("officer.paris", "POST", "/api/v1/places", "{\"kind\":\"ASSEMBLY_POINT\","
        + "\"name\":\"Lycée Montaigne\",\"latitude\":44.8400,\"longitude\":-0.5750}", "application/json");
    String body = bordeaux.readEntity(String.class);
    assertThat(bordeaux.getStatus()).as(body).isEqualTo(201);
    assertThat((Map<String, Object>) Json.read(body, Map.class)).containsEntry("country", "FR");
    // Tripoli, without a country: Libya's, outside the Paris officer's jurisdiction.
    Response tripoli = FIXTURE.call("officer.paris", "POST", "/api/v1/places", "{\"kind\":\"ASSEMBLY_POINT\","
        + "\"name\":\"Martyrs' Square\",\"latitude\":32.8964,\"longitude\":13.1800}", "application/json");
    assertThat(tripoli.getStatus()).isEqualTo(422);
    assertThat(tripoli.readEntity(String.class)).contains("\"field\":\"country\"", "outside your consulate's");
    // At sea, far from any coast: the country must be said.
    Response sea = FIXTURE.call("cell", "POST", "/api/v1/places", "{\"kind\":\"OTHER\",\"name\":\"Ship\","
        + "\"latitude\":40.0,\"longitude\":-30.0}", "application/json");
    assertThat(sea.getStatus()).isEqualTo(422);
    assertThat(sea.readEntity(String.class)).contains("\"field\":\"country\"", "no single country's land");
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
