package crisis.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.config.ConsoleSettings;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A tile server for the console's map: an https URL template, and its origin, alone, added to the images the
 * content security policy allows; without one, the policy allows nothing but the application itself.
 */
@Tag("fast")
class MapTilesTest {
  private static ConsoleSettings with(String tiles) {
    ConsoleSettings s = new ConsoleSettings();
    s.mapTiles = tiles;
    return s;
  }

  private static boolean valid(String tiles) {
    return Validators.newValidator().validate(with(tiles)).isEmpty();
  }

  @Test
  void onlyAnHttpsTemplateIsTaken() {
    assertThat(valid(null)).isTrue();
    assertThat(valid("https://tiles.example.org/{z}/{x}/{y}.png")).isTrue();
    assertThat(valid("https://tiles.example.org:8443/osm/{z}/{x}/{y}.png?key=abc")).isTrue();
    assertThat(valid("http://tiles.example.org/{z}/{x}/{y}.png")).as("in clear").isFalse();
    assertThat(valid("https://tiles.example.org/static.png")).as("no {z}").isFalse();
    assertThat(valid("https://tiles.example.org/{z}/{x}/{y}.png' 'unsafe-inline")).as("a policy injection").isFalse();
  }

  @Test
  void theTileServersOriginAloneJoinsThePolicysImages() {
    assertThat(with("https://tiles.example.org:8443/osm/{z}/{x}/{y}.png?key=abc").mapTilesOrigin())
        .isEqualTo("https://tiles.example.org:8443");
    String policy = new ConsoleHeaders(with("https://tiles.example.org/{z}/{x}/{y}.png").mapTilesOrigin()).policy();
    assertThat(policy).contains("img-src 'self' data: https://tiles.example.org;")
        .contains("script-src 'self';", "connect-src 'self';");
    assertThat(new ConsoleHeaders(with(null).mapTilesOrigin()).policy()).isEqualTo(ConsoleHeaders.POLICY);
  }
}
