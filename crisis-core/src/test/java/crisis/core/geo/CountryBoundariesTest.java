package crisis.core.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CountryBoundariesTest {
  private static final CountryBoundaries BOUNDARIES = new CountryBoundaries();

  @Test
  void thePointsCountryIsFoundTestingOnlyTheCountriesWhoseBoxHoldsIt() {
    CountryBoundaries fresh = new CountryBoundaries();
    assertThat(fresh.countryAt(32.8872, 13.1913)).contains("LY");
    assertThat(fresh.countryAt(35.0, 18.0)).as("the middle of the Mediterranean").isEmpty();
    assertThat(fresh.countryAt(-17.8, 178.0)).as("Viti Levu, west of the antimeridian").contains("FJ");
    assertThat(fresh.countryAt(-16.8, -179.9)).as("Fiji east of the antimeridian").contains("FJ");
    assertThat(fresh.countryAt(66.0, -175.0)).as("Chukotka, east of the antimeridian").contains("RU");
    assertThat(fresh.countryAt(50.6292, 3.0573)).as("Lille, near the border").contains("FR");
  }

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
  void aPointIsPlausiblyInItsDeclaredCountryWithinTheCoastalBand() {
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
  }

  /**
   * The band is the territorial sea, 12 nautical miles, said once. Off the straight Landes coast (no island, the
   * nearest town 5 km further than the outline): 19.8 km from the outline is in, 23.8 km is out.
   */
  @Test
  void theCoastalBandIsTwelveNauticalMiles() {
    assertThat(CountryBoundaries.COASTAL_BAND_KM).isEqualTo(12 * 1.852);
    assertThat(BOUNDARIES.plausiblyIn("FR", 44.0, -1.60)).as("19.8 km off Vielle-Saint-Girons' beach").isTrue();
    assertThat(BOUNDARIES.plausiblyIn("FR", 44.0, -1.65)).as("23.8 km off it").isFalse();
  }

  /**
   * Issue 27 (10): real towns the 1:50m outline leaves out (small islands dropped at that scale, and Crimea drawn in
   * Russia), with GeoNames' coordinates, and real points near them (airports, harbours): each is registrable in the
   * country its people live in.
   */
  @Test
  void nationalsAreRegistrableWhereTheyLive() {
    String[][] places = {
        {"MV", "Fuvahmulah", "-0.29878", "73.42403"}, {"MV", "Nilandhoo", "3.05667", "72.89"},
        {"MV", "Hithadhoo (Addu)", "-0.6", "73.08333"}, {"MV", "Un'goofaaru", "5.66812", "73.03017"},
        {"MV", "Vilufushi", "2.50306", "73.30859"}, {"MV", "Funadhoo", "6.15091", "73.29013"},
        {"MV", "Vaadhoo", "0.22668", "73.27262"}, {"MV", "Dhihdhoo", "6.88744", "73.11402"},
        {"MV", "Muli", "2.92167", "73.58111"}, {"MV", "Eydhafushi", "5.10327", "73.07078"},
        {"MV", "Gadhdhoo", "0.29015", "73.45655"}, {"MV", "Mahibadhoo", "3.75713", "72.96893"},
        {"MV", "Guraidhoo", "2.32473", "73.31846"}, {"MV", "Fonadhoo", "1.83243", "73.50257"},
        {"MV", "Thinadhoo", "0.5306", "72.99969"}, {"MV", "Kulhudhuffushi", "6.62207", "73.06998"},
        {"MV", "Naifaru", "5.44438", "73.36571"}, {"MV", "Manadhoo", "5.76687", "73.4136"},
        {"MV", "Gan airport", "-0.6933", "73.1556"}, {"MV", "Hanimaadhoo airport", "6.7442", "73.1705"},
        {"ES", "Melilla", "35.29369", "-2.93833"}, {"ES", "Melilla airport", "35.2798", "-2.9563"},
        {"AX", "Brändö", "60.41165", "21.04534"},
        {"TW", "Magong (Penghu)", "23.5654", "119.58627"}, {"TW", "Penghu airport", "23.5687", "119.6280"},
        {"TW", "Nangan (Matsu)", "26.15039", "119.93284"}, {"TW", "Beigan airport (Matsu)", "26.2244", "120.0028"},
        {"CO", "San Andrés", "12.57858", "-81.69973"}, {"CO", "Santa Isabel (Providencia)", "13.38166", "-81.36891"},
        {"CO", "San Andrés airport", "12.5836", "-81.7112"},
        {"IN", "Kavaratti (Lakshadweep)", "10.56688", "72.64203"}, {"IN", "Agatti airport", "10.8237", "72.1760"},
        {"IN", "Andrott", "10.81186", "73.67408"},
        {"GB", "Hugh Town (Scilly)", "49.91447", "-6.31145"}, {"GB", "St Mary's airport", "49.9133", "-6.2917"},
        {"GQ", "San Antonio de Palé (Annobón)", "-1.4068", "5.63198"}, {"GQ", "Annobón airport", "-1.4103", "5.6219"},
        {"SH", "Edinburgh of the Seven Seas (Tristan da Cunha)", "-37.06757", "-12.31155"},
        {"TC", "Cockburn Town (Grand Turk)", "21.46122", "-71.14188"}, {"TC", "Grand Turk airport", "21.4445", "-71.1423"},
        {"UA", "Simferopol", "44.95719", "34.11079"}, {"UA", "Sevastopol", "44.60795", "33.52134"},
        {"UA", "Yalta", "44.50218", "34.16624"}, {"UA", "Kerch", "45.35675", "36.47542"},
        {"UA", "Simferopol airport", "45.0522", "33.9751"},
        {"XK", "Pristina", "42.67272", "21.16688"}, {"XK", "Prizren", "42.21389", "20.73972"},
        {"SO", "Hargeysa", "9.56", "44.065"}, {"CY", "Kyrenia", "35.33634", "33.31729"}};
    java.util.List<String> refused = new java.util.ArrayList<>();
    for (String[] p : places) {
      if (!BOUNDARIES.plausiblyIn(p[0], Double.parseDouble(p[2]), Double.parseDouble(p[3]))) {
        refused.add(p[0] + " " + p[1]);
      }
    }
    assertThat(refused).as("refused at their real address").isEmpty();
  }

  @Test
  void aPointTrulyFarAtSeaIsStillRefused() {
    assertThat(BOUNDARIES.plausiblyIn("MV", 2.0, 70.5)).as("330 km west of the atolls").isFalse();
    assertThat(BOUNDARIES.plausiblyIn("MV", 4.17521, 73.90)).as("43 km east of Malé").isFalse();
    assertThat(BOUNDARIES.plausiblyIn("SH", -33.0, -12.3)).as("450 km north of Tristan da Cunha").isFalse();
    assertThat(BOUNDARIES.plausiblyIn("UA", 43.3, 33.8)).as("the Black Sea, 130 km south of Crimea").isFalse();
    assertThat(BOUNDARIES.plausiblyIn("TC", 22.5, -69.5)).as("the Atlantic, 150 km off Grand Turk").isFalse();
    assertThat(BOUNDARIES.plausiblyIn("XK", 44.8, 20.46)).as("Belgrade declared as Kosovo").isFalse();
  }

  /** The alert pipeline and the search ask the zone: it reaches residents by the rule their point was accepted by. */
  @Test
  void aCountryZoneReachesItsResidentsWhereTheyAreRegistrable() {
    CountryZone maldives = new CountryZone("MV", BOUNDARIES.zone("MV").orElseThrow());
    assertThat(maldives.reaches(-0.29878, 73.42403, "MV")).as("a resident of Fuvahmulah").isTrue();
    assertThat(maldives.reaches(-0.29878, 73.42403, "IN")).as("a visitor there, resident of India").isFalse();
    assertThat(maldives.reaches(2.0, 70.5, "MV")).as("a resident's point far at sea").isFalse();
    CountryZone ukraine = new CountryZone("UA", BOUNDARIES.zone("UA").orElseThrow());
    assertThat(ukraine.reaches(44.95719, 34.11079, "UA")).as("a resident of Simferopol").isTrue();
  }

  @Test
  void kosovoHasItsOutline() {
    Zone kosovo = BOUNDARIES.zone("XK").orElseThrow();
    assertThat(kosovo.contains(42.67272, 21.16688)).as("Pristina").isTrue();
    assertThat(kosovo.contains(44.8, 20.46)).as("Belgrade").isFalse();
    assertThat(BOUNDARIES.codes()).contains("XK");
  }

  @Test
  void everyCountryDecodesIntoAValidZone() {
    int decoded = 0;
    java.util.Set<String> codes = new java.util.TreeSet<>(java.util.Set.of(java.util.Locale.getISOCountries()));
    codes.add("XK");
    for (String iso2 : codes) {
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
