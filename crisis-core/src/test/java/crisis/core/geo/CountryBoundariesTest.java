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
