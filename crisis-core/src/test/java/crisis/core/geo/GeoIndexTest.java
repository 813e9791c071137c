package crisis.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class GeoIndexTest {

  @Test
  void fineChildrenOfACellFillExactlyItsRange() {
    long paris5 = GeoIndex.H3.latLngToCell(48.8566, 2.3522, 5);
    long[] range = GeoIndex.childRange(paris5, 8);
    List<Long> children = GeoIndex.H3.cellToChildren(paris5, 8);
    assertThat(children).hasSize(343).allSatisfy(c -> assertThat(c).isBetween(range[0], range[1]));
    assertThat(children).contains(range[0], range[1]);
    for (long neighbour : GeoIndex.H3.gridDisk(paris5, 1)) {
      if (neighbour != paris5) {
        for (long c : GeoIndex.H3.cellToChildren(neighbour, 8)) {
          assertThat(c < range[0] || c > range[1]).as("neighbour child %x outside", c).isTrue();
        }
      }
    }
  }

  @Test
  void aPentagonsChildrenAreInsideItsRangeToo() {
    long pentagon = GeoIndex.H3.getPentagons(3).iterator().next();
    long[] range = GeoIndex.childRange(pentagon, 6);
    assertThat(GeoIndex.H3.cellToChildren(pentagon, 6)).allSatisfy(c -> assertThat(c).isBetween(range[0], range[1]));
  }

  @Test
  void aCellIsItsOwnRangeAtItsResolution() {
    long c = GeoIndex.cellOf(32.8872, 13.1913);
    assertThat(GeoIndex.childRange(c, GeoIndex.RESOLUTION)).containsExactly(c, c);
    assertThat(GeoIndex.H3.getResolution(c)).isEqualTo(GeoIndex.RESOLUTION);
  }

  @Test
  void resolutionsAndEdgesReadInJavaAreH3s() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 2000; i++) {
      int res = random.nextInt(16);
      long c = GeoIndex.H3.latLngToCell(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180, res);
      assertThat(GeoIndex.resolution(c)).isEqualTo(GeoIndex.H3.getResolution(c)).isEqualTo(res);
    }
    for (long pentagon : GeoIndex.H3.getPentagons(7)) {
      assertThat(GeoIndex.resolution(pentagon)).isEqualTo(7);
    }
    for (int res = 0; res <= 15; res++) {
      assertThat(GeoIndex.edgeKm(res)).isEqualTo(GeoIndex.H3.getHexagonEdgeLengthAvg(res,
          com.uber.h3core.LengthUnit.km));
    }
  }

  @Test
  void nextFineCellSkipsOnlyInvalidNumbers() {
    long parent = GeoIndex.H3.latLngToCell(48.8566, 2.3522, 9);
    List<Long> children = GeoIndex.H3.cellToChildren(parent, 10);
    for (int i = 0; i + 1 < children.size(); i++) {
      assertThat(Coverage.nextFineCell(children.get(i))).isEqualTo(children.get(i + 1));
    }
    // Across parents: the range of one res-9 sibling ends right where the next sibling's range begins.
    List<Long> siblings = GeoIndex.H3.cellToChildren(GeoIndex.H3.cellToParent(parent, 8), 9);
    for (int i = 0; i + 1 < siblings.size(); i++) {
      long end = GeoIndex.childRange(siblings.get(i), 10)[1];
      assertThat(Coverage.nextFineCell(end)).isEqualTo(GeoIndex.childRange(siblings.get(i + 1), 10)[0]);
    }
  }

  @Test
  void failsFastOutsideTheValidRanges() {
    assertThatThrownBy(() -> GeoIndex.cellOf(90.5, 0)).hasMessage("latitude must be between -90 and 90 degrees, was 90.5");
    assertThatThrownBy(() -> GeoIndex.cellOf(0, Double.NaN)).hasMessageContaining("longitude must be between");
    long c = GeoIndex.cellOf(0, 0);
    assertThatThrownBy(() -> GeoIndex.childRange(c, 9)).hasMessage("resolution must be between 10 and 15, was 9");
  }
}
