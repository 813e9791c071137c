package crisis.core.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Addresses as consulates hold them, located at their town within their country only. */
class GazetteerTest {
  private final Gazetteer gazetteer = Gazetteer.shared();

  @Test
  void loadsEveryPlaceOfGeoNames() {
    assertThat(gazetteer.size()).isEqualTo(171_075);
  }

  @Test
  void findsTheTownAnAddressEndsWith() {
    assertPlace("FR", "12 rue de Rivoli, 75001 Paris", "Paris", 48.85341, 2.3488);
    assertPlace("FR", "Résidence les Pins, bât. B\n13003 MARSEILLE", "Marseille", 43.29695, 5.38107);
    assertPlace("FR", "5 place Bellecour 69002 Lyon", "Lyon", 45.74906, 4.84789);
    // A district is a place of its own ("Lyon 03"), the town is "Lyon".
    assertPlace("FR", "Lyon 03", "Lyon 03", 45.76124, 4.85184);
    // Accents or none, as people type them; the longest name first.
    assertPlace("CA", "1200 rue Sherbrooke, Montreal, QC H3A", "Montréal", 45.50884, -73.58781);
    assertPlace("CA", "Montréal-Est", "Montréal-Est", 45.63202, -73.5075);
    // Some countries write the town first.
    assertPlace("LY", "Tripoli, Souq al-Juma district", "Tripoli", 32.88743, 13.18733);
  }

  @Test
  void neverGuessesAcrossCountriesNorBetweenNamesakes() {
    // "Rue" is a town of France too: a street's first word is not read as one.
    Gazetteer.Match abroad = gazetteer.locate("FR", "Rue de Tripoli, Tripoli");
    assertThat(abroad.found()).isFalse();
    assertThat(abroad.reason()).isEqualTo("no town of FR found in the address");
    assertThat(gazetteer.locate("LB", "Tripoli").place().country()).isEqualTo("LB");
    Gazetteer.Match namesakes = gazetteer.locate("FR", "3 rue Haute, 26000 Valence");
    assertThat(namesakes.found()).isFalse();
    assertThat(namesakes.reason()).startsWith("2 places in FR are named 'Valence'").endsWith("give the location");
    assertThat(gazetteer.locate("AQ", "McMurdo").reason()).isEqualTo("no places known in AQ");
  }

  @Test
  void textItCannotReadIsNotFoundNotAnError() {
    assertThat(gazetteer.locate("LY", "شارع عمر المختار، طرابلس").found()).isFalse();
    assertThat(gazetteer.locate("FR", "\u0000\u202e,,;;\n  ").found()).isFalse();
    assertThat(gazetteer.locate("FR", "").reason()).isEqualTo("no address to look up");
    assertThat(gazetteer.locate("FR", "1234 5678").found()).isFalse();
    assertThat(gazetteer.locate(null, "Paris").found()).isFalse();
  }

  private void assertPlace(String country, String address, String name, double lat, double lon) {
    Gazetteer.Match m = gazetteer.locate(country, address);
    assertThat(m.found()).as("%s: %s", address, m.reason()).isTrue();
    assertThat(m.place().name()).isEqualTo(name);
    assertThat(m.place().country()).isEqualTo(country);
    assertThat(m.place().latitude()).isEqualTo(lat);
    assertThat(m.place().longitude()).isEqualTo(lon);
  }
}
