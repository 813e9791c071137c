package crisis.core.reintegration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Destination cities as legs and officers write them, against the GeoNames data the build fetches. */
@Tag("fast")
class RegionsTest {
  private final Regions regions = Regions.shared();

  @Test
  void namesTheTwelveRegionsOfTheKingdom() {
    assertThat(regions.all()).hasSize(12);
    assertThat(regions.get("MA.01").name()).isEqualTo("Tanger-Tetouan-Al Hoceima");
    assertThat(regions.get("MA.12").name()).isEqualTo("Dakhla-Oued Ed-Dahab");
    assertThat(regions.exists("MA.13")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Casablanca|Casablanca|MA.06",
      "Casablanca (CMN)|Casablanca|MA.06",
      "CASABLANCA|Casablanca|MA.06",
      "Rabat|Rabat|MA.04",
      "Tanger|Tangier|MA.01",
      "Tangier|Tangier|MA.01",
      "Marrakech|Marrakesh|MA.07",
      "Fès|Fes|MA.03",
      "Meknès|Meknes|MA.03",
      "Oujda|Oujda|MA.02",
      "Agadir|Agadir|MA.09",
      "Beni Mellal|Beni Mellal|MA.05",
      "Errachidia|Errachidia|MA.08",
      "Guelmim|Guelmim|MA.10",
      // Filed by GeoNames under EH without a division code: the nearest coded place decides.
      "Laâyoune|Laayoune|MA.11",
      "Laayoune|Laayoune|MA.11",
      "Boujdour|Boujdour|MA.11",
      "Dakhla|Dakhla|MA.12",
      "الرباط|Rabat|MA.04",
      "مراكش|Marrakesh|MA.07",
      "العيون|Laayoune|MA.11",
      "الدار البيضاء|Casablanca|MA.06",
      // Flight legs name airports.
      "CMN|Casablanca|MA.06",
      "RAK (Menara)|Marrakesh|MA.07",
      "EUN|Laayoune|MA.11",
      "VIL|Dakhla|MA.12",
      "Oujda-Angads OUD|Oujda|MA.02",
  })
  void resolvesTheRegionOfADestination(String city, String place, String region) {
    Regions.Resolution r = regions.resolve(city);
    assertThat(r.reason()).isNull();
    assertThat(r.place().name()).isEqualTo(place);
    assertThat(r.place().region()).isEqualTo(region);
  }

  @Test
  void doesNotGuessAnAmbiguousNameOrAnUnknownTown() {
    Regions.Resolution ifrane = regions.resolve("Ifrane");
    assertThat(ifrane.found()).isFalse();
    assertThat(ifrane.reason()).contains("Ifrane").contains("set the region");
    assertThat(regions.resolve("Paris").found()).isFalse();
    assertThat(regions.resolve("   ").reason()).isEqualTo("no destination city");
    assertThat(regions.resolve(null).found()).isFalse();
  }
}
