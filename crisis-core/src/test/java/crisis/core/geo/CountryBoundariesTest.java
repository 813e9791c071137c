package crisis.core.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CountryBoundariesTest {
  private static final CountryBoundaries BOUNDARIES = new CountryBoundaries();

  @Test
  void citiesFallInTheirCountry() {
    Zone libya = BOUNDARIES.zone("LY").orElseThrow();
    assertThat(libya.contains(32.8872, 13.1913)).as("Tripoli").isTrue();
    assertThat(libya.contains(32.1167, 20.0667)).as("Benghazi").isTrue();
    assertThat(libya.contains(36.8065, 10.1815)).as("Tunis").isFalse();
    Zone france = BOUNDARIES.zone("FR").orElseThrow();
    assertThat(france.contains(48.8566, 2.3522)).as("Paris").isTrue();
    assertThat(france.contains(50.8503, 4.3517)).as("Brussels").isFalse();
    assertThat(france.contains(50.6292, 3.0573)).as("Lille, near the border").isTrue();
  }

  @Test
  void aPointIsPlausiblyInItsDeclaredCountryWithinThirtyKilometres() {
    assertThat(BOUNDARIES.plausiblyIn("FR", 32.8, 13.1)).as("Tripoli declared as France").isFalse();
    assertThat(BOUNDARIES.plausiblyIn("LY", 48.8566, 2.3522)).as("Paris declared as Libya").isFalse();
    assertThat(BOUNDARIES.plausiblyIn("FR", 48.8566, 2.3522)).isTrue();
    assertThat(BOUNDARIES.plausiblyIn("FR", 43.18, 5.30)).as("a boat off Marseille").isTrue();
    assertThat(BOUNDARIES.plausiblyIn("FR", 42.0, 5.3)).as("130 km out at sea").isFalse();
    assertThat(BOUNDARIES.plausiblyIn("DE", 48.5734, 7.7521)).as("Strasbourg, 3 km from Germany").isTrue();
    assertThat(BOUNDARIES.plausiblyIn("DE", 48.8566, 2.3522)).as("Paris, 300 km from Germany").isFalse();
    assertThat(BOUNDARIES.plausiblyIn("MC", 43.7384, 7.4246)).as("Monaco").isTrue();
    assertThat(BOUNDARIES.plausiblyIn("FJ", -16.9, -179.99)).as("Fiji, near the antimeridian").isTrue();
    assertThat(BOUNDARIES.plausiblyIn("FJ", -16.9, 179.99)).isTrue();
    assertThat(BOUNDARIES.plausiblyIn("RU", 66.0, -179.9)).as("Chukotka, across the antimeridian").isTrue();
    assertThat(BOUNDARIES.plausiblyIn("XK", 42.6, 21.1)).as("no boundary to check against").isTrue();
  }

  @Test
  void everyCountryDecodesIntoAValidZone() {
    int decoded = 0;
    for (String iso2 : java.util.Locale.getISOCountries()) {
      var zone = BOUNDARIES.zone(iso2);
      if (zone.isPresent()) {
        assertThat(zone.get().geometry().isValid()).as(iso2).isTrue();
        assertThat(zone.get().geometry().getEnvelopeInternal().getMinX()).as(iso2).isGreaterThanOrEqualTo(-180);
        assertThat(zone.get().geometry().getEnvelopeInternal().getMaxX()).as(iso2).isLessThanOrEqualTo(180);
        decoded++;
      }
    }
    assertThat(decoded).isGreaterThan(200);
  }

  @Test
  void aCountryAcrossTheAntimeridian() {
    Zone fiji = BOUNDARIES.zone("FJ").orElseThrow();
    assertThat(fiji.contains(-17.75, 177.45)).as("Nadi, east of 180 W").isTrue();
    assertThat(fiji.contains(-18.2, -178.8)).as("Lakeba, Lau islands, west of the antimeridian").isTrue();
    assertThat(fiji.contains(-17.75, 170.0)).as("open sea").isFalse();
    Zone russia = BOUNDARIES.zone("RU").orElseThrow();
    assertThat(russia.contains(55.7558, 37.6173)).as("Moscow").isTrue();
    assertThat(russia.contains(66.0, -175.0)).as("Chukotka, west of the antimeridian").isTrue();
  }

  @Test
  void unknownCodesHaveNoBoundary() {
    assertThat(BOUNDARIES.zone("XX")).isEmpty();
    assertThat(BOUNDARIES.zone(null)).isEmpty();
  }
}
