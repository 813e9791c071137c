package crisis.core.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The base map's place names, from the data the build fetched. */
class PlaceLabelsTest {
  private static final PlaceLabels LABELS = PlaceLabels.shared();

  @Test
  void theDataHoldsTheCapitalsAndLargeTownsWithArabicNamesWhereSettled() {
    assertThat(LABELS.size()).isBetween(4_000, 6_000);
    PlaceLabels.Label tripoli = LABELS.inView(9, 19, 26, 34, 6).stream()
        .filter(l -> l.name().equals("Tripoli")).findFirst().orElseThrow();
    assertThat(tripoli).satisfies(t -> {
      assertThat(t.nameAr()).isEqualTo("طرابلس");
      assertThat(t.country()).isEqualTo("LY");
      assertThat(t.capital()).isTrue();
    });
  }

  @Test
  void aViewGetsItsCapitalsAndLargestTownsFirstNoneWrittenOverAnother() {
    // Libya and its neighbours at zoom 5: Tripoli and Benghazi, not a town of 150,000.
    List<PlaceLabels.Label> libya = LABELS.inView(9, 19, 26, 34, 5);
    assertThat(libya).extracting(PlaceLabels.Label::name).contains("Tripoli", "Benghazi");
    assertThat(libya).allSatisfy(l -> assertThat(l.capital() || l.population() >= 300_000).isTrue());
    assertThat(libya.get(0).capital()).isTrue();
    // The world at zoom 2: only towns of five million or more, and at most MAX names.
    List<PlaceLabels.Label> world = LABELS.inView(-180, -85, 180, 85, 2);
    assertThat(world).isNotEmpty().hasSizeLessThanOrEqualTo(PlaceLabels.MAX)
        .allSatisfy(l -> assertThat(l.population()).isGreaterThanOrEqualTo(5_000_000));
    // No two names of a view closer than the room a name takes (Cairo and Giza at zoom 4: one of them).
    List<PlaceLabels.Label> egypt = LABELS.inView(24, 21, 37, 32, 4);
    assertThat(egypt).extracting(PlaceLabels.Label::name).contains("Cairo").doesNotContain("Giza");
  }

  @Test
  void aViewAcrossTheAntimeridianHoldsBothSides() {
    // Fiji's capital at 178.4° E and Samoa's at 171.8° W, in one view from 170° E to 170° W.
    assertThat(LABELS.inView(170, -20, -170, -10, 5)).extracting(PlaceLabels.Label::name)
        .contains("Suva", "Apia");
  }
}
