package crisis.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import crisis.core.common.Json;
import crisis.core.common.ValidationException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ZoneTest {
  private final ZoneParser parser = new ZoneParser(10_000);

  @Test
  void pointsJustInsideAndJustOutsideAPolygonEdge() {
    Zone z = polygon("[[[10,20],[11,20],[11,21],[10,21],[10,20]]]");
    assertThat(z.contains(20.5, 10.00001)).isTrue();
    assertThat(z.contains(20.5, 9.99999)).isFalse();
    assertThat(z.contains(20.99999, 10.5)).isTrue();
    assertThat(z.contains(21.00001, 10.5)).isFalse();
    assertThat(z.contains(20.5, 10.0)).as("on the edge counts as inside").isTrue();
    assertCoverageIsExact(z, 19.5, 21.5, 9.5, 11.5);
  }

  @Test
  void aHoleIsOutside() {
    Zone z = polygon("[[[10,20],[12,20],[12,22],[10,22],[10,20]],[[10.5,20.5],[11.5,20.5],[11.5,21.5],[10.5,21.5],"
        + "[10.5,20.5]]]");
    assertThat(z.contains(21, 11)).isFalse();
    assertThat(z.contains(20.25, 11)).isTrue();
    assertThat(z.contains(20.49999, 11)).isTrue();
    assertThat(z.contains(20.50001, 11)).isFalse();
    assertCoverageIsExact(z, 19.8, 22.2, 9.8, 12.2);
  }

  @Test
  void aZoneDrawnAcrossTheAntimeridianIsSplitAndWorksOnBothSides() {
    // Drawn continuously, as map tools do: from 179 to 181 (that is, -179).
    Zone z = polygon("[[[179,-17],[181,-17],[181,-16],[179,-16],[179,-17]]]");
    assertThat(((PolygonZone) z).geometry().getNumGeometries()).isEqualTo(2);
    assertThat(z.contains(-16.5, 179.5)).isTrue();
    assertThat(z.contains(-16.5, -179.5)).isTrue();
    assertThat(z.contains(-16.5, 180)).isTrue();
    assertThat(z.contains(-16.5, 178.9)).isFalse();
    assertThat(z.contains(-16.5, -178.9)).isFalse();
    assertThat(z.contains(-16.5, 0)).isFalse();
    assertCoverageIsExact(z, -17.3, -15.7, 178.5, 180);
    assertCoverageIsExact(z, -17.3, -15.7, -180, -178.5);
  }

  @Test
  void edgesAreStraightLinesInLongitudeAndLatitudeAsRfc7946Says() {
    // The same ring as above written within -180..180: an edge from 179 to -179 is a straight line through 0, so this
    // is a band 358° wide, not a 2° square across the antimeridian.
    Zone band = polygon("[[[179,-17],[-179,-17],[-179,-16],[179,-16],[179,-17]]]");
    assertThat(band.contains(-16.5, 0)).isTrue();
    assertThat(band.contains(-16.5, 179.5)).isFalse();
    assertCoverageIsExact(band, -17.3, -15.7, -10, 10);
    assertCoverageIsExact(band, -17.3, -15.7, 170, 180);
    // Crossing it explicitly: two parts cut at ±180, the same square as drawn continuously.
    Zone parts = parser.parse(Json.read("{\"type\":\"MultiPolygon\",\"coordinates\":["
        + "[[[179,-17],[180,-17],[180,-16],[179,-16],[179,-17]]],"
        + "[[[-180,-17],[-179,-17],[-179,-16],[-180,-16],[-180,-17]]]]}", JsonNode.class), "zone");
    assertThat(parts.contains(-16.5, 179.5)).isTrue();
    assertThat(parts.contains(-16.5, -179.5)).isTrue();
    assertThat(parts.contains(-16.5, 0)).isFalse();
  }

  @Test
  void wideBoxesAreWhatTheySayNotTheirComplement() {
    Zone almostAll = polygon("[[[-179.9,-89.9],[179.9,-89.9],[179.9,89.9],[-179.9,89.9],[-179.9,-89.9]]]");
    for (double[] p : new double[][] {{48.85, 2.35}, {-33.9, 151.2}, {40.7, -74.0}, {64.1, -21.9}, {-77.8, 166.7},
        {0, 0}, {35.7, 139.7}}) {
      assertThat(almostAll.contains(p[0], p[1])).as("%s,%s", p[0], p[1]).isTrue();
    }
    assertCoverageIsExact(almostAll, -60, 60, -179.9, 179.9);
    Zone wide = polygon("[[[-100,-60],[100,-60],[100,60],[-100,60],[-100,-60]]]");
    assertThat(wide.contains(0, 0)).isTrue();
    assertThat(wide.contains(40.7, -74.0)).as("New York").isTrue();
    assertThat(wide.contains(35.7, 139.7)).as("Tokyo").isFalse();
    assertCoverageIsExact(wide, -65, 65, -180, 180);
  }

  /**
   * Issue 27 (8): boxes wider than a hemisphere that hold six or more whole H3 base cells. H3 4.1's compactCells fails
   * (E_RES_DOMAIN) once a set compacts all the way to resolution 0 with six cells or more (uber/h3 #915, fixed after
   * 4.1): these boxes were a 500 from the search, the density map and a crisis's preview, and alerted nobody.
   */
  @Test
  void boxesWiderThanAHemisphereHoldingWholeBaseCellsAreCovered() {
    for (double[] b : new double[][] {{-170, 170, -60, 60}, {-120, 120, 10, 50}, {-170, 170, -60, 10}}) {
      Zone box = polygon(String.format(java.util.Locale.ROOT, "[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]",
          b[0], b[2], b[1], b[2], b[1], b[3], b[0], b[3], b[0], b[2]));
      assertCoverageIsExact(box, b[2] - 5, b[3] + 5, -180, 180);
      assertThat(box.contains(b[2] + 1, 0)).isTrue();
      assertThat(box.contains(b[2] + 1, 175)).as("east of the box").isFalse();
      assertJoinCellsHoldEveryPoint(box, b[2] - 5, b[3] + 5, -180, 180);
    }
  }

  /**
   * The keys the alert pipeline joins a zone's people by (two resolutions): every point inside the zone is under one of
   * its two cells, and a continent-wide zone needs tens of thousands of keys, not a million.
   */
  private static void assertJoinCellsHoldEveryPoint(Zone z, double latMin, double latMax, double lonMin,
      double lonMax) {
    java.util.Set<Long> keys = z.cover().joinCells(5, 3);
    assertThat(keys.size()).isLessThan(100_000);
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      double lat = latMin + random.nextDouble() * (latMax - latMin);
      double lon = lonMin + random.nextDouble() * (lonMax - lonMin);
      if (z.contains(lat, lon)) {
        long cell = GeoIndex.cellOf(lat, lon);
        assertThat(keys.contains(GeoIndex.parent(cell, 5)) || keys.contains(GeoIndex.parent(cell, 3)))
            .as("%s,%s has a join key", lat, lon).isTrue();
      }
    }
  }

  /** Issue 27 (9): the cover of a zone depends only on the zone: computed once per content, whichever request asks. */
  @Test
  void aZonesCoverIsComputedOncePerContentAndTheCacheIsBounded() throws Exception {
    String ring = "[[[13.1,32.8],[13.3,32.8],[13.3,32.95],[13.1,32.95],[13.1,32.8]]]";
    Coverage a = polygon(ring).cover();
    assertThat(polygon(ring).cover()).isSameAs(a);
    assertThat(polygon("[[[13.1,32.8],[13.31,32.8],[13.3,32.95],[13.1,32.95],[13.1,32.8]]]").cover()).isNotSameAs(a);

    CoverCache small = new CoverCache(a.cells().length + a.size());
    java.util.concurrent.atomic.AtomicInteger computed = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Coverage>> got = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        got.add(pool.submit(() -> {
          go.await();
          return small.get("a", () -> {
            computed.incrementAndGet();
            return a;
          });
        }));
      }
      go.countDown();
      for (java.util.concurrent.Future<Coverage> f : got) {
        assertThat(f.get()).isSameAs(a);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(computed).hasValue(1);
    Coverage b = polygon("[[[2.3,48.8],[2.4,48.8],[2.4,48.9],[2.3,48.9],[2.3,48.8]]]").cover();
    small.get("b", () -> b);
    assertThat(small.size()).as("the older one made room").isEqualTo(1);
    assertThat(small.weight()).isEqualTo(b.cells().length + b.size());
  }

  /** A crisis zone beyond what the alert pipeline takes is a 400 naming the field, not a crisis that never alerts. */
  @Test
  void aZoneTooDetailedForTheAlertPipelineIsRefusedNamingTheField() {
    Zone wide = polygon("[[[-170,-60],[170,-60],[170,10],[-170,10],[-170,-60]]]");
    ZoneInputs.alertable(wide, "zones[0].geometry");
    assertThatThrownBy(() -> ZoneInputs.alertable(wide, "zones[0].geometry", 10_000))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.errors().get(0).field()).isEqualTo("zones[0].geometry");
          assertThat(e.errors().get(0).reason()).startsWith("is too detailed for the alert pipeline: ")
              .contains("at most 10000");
        });
  }

  @Test
  void compactingToBaseCellsKeepsEveryCellOnce() {
    List<Long> children = new java.util.ArrayList<>();
    for (long base : GeoIndex.H3.getRes0Cells()) {
      children.addAll(GeoIndex.H3.cellToChildren(base, 2));
    }
    // Every cell of the world at resolution 2, some twice: the base cells, each once.
    children.addAll(children.subList(0, 100));
    assertThat(Coverage.compact(new java.util.HashSet<>(children))).containsExactlyInAnyOrderElementsOf(
        GeoIndex.H3.getRes0Cells());
    List<Long> some = GeoIndex.H3.cellToChildren(GeoIndex.H3.getRes0Cells().iterator().next(), 1);
    assertThat(Coverage.compact(new java.util.HashSet<>(some.subList(1, some.size())))).hasSize(some.size() - 1);
  }

  @Test
  void theWholeWorldInEitherWinding() {
    for (String ring : List.of("[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]",
        "[[[-180,-90],[-180,90],[180,90],[180,-90],[-180,-90]]]")) {
      Zone world = polygon(ring);
      for (double[] p : new double[][] {{48.85, 2.35}, {-33.9, 151.2}, {40.7, -74.0}, {89.9, 10}, {-89.9, -170},
          {0, 180}, {0, -180}}) {
        assertThat(world.contains(p[0], p[1])).as("%s: %s,%s", ring, p[0], p[1]).isTrue();
      }
      assertCoverageIsExact(world, -80, 80, -180, 180);
    }
  }

  @Test
  void aRingMixingBothWaysOfCrossingIsRefusedSayingHowToWriteIt() {
    assertRefused("{\"type\":\"Polygon\",\"coordinates\":[[[179,-17],[181,-17],[-179,-16],[179,-16],[179,-17]]]}",
        "zone.coordinates", "draw the ring continuously (e.g. from 170 to 190) or give it as two polygons cut at ±180");
  }

  @Test
  void zonesNearThePoles() {
    Zone north = polygon("[[[-30,85],[30,85],[30,89.5],[-30,89.5],[-30,85]]]");
    assertThat(north.contains(88, 0)).isTrue();
    assertThat(north.contains(88, 31)).isFalse();
    assertCoverageIsExact(north, 84, 90, -40, 40);
    Zone south = new CircleZone(-89.5, 0, 200);
    assertThat(south.contains(-89.9, 170)).isTrue();
    assertThat(south.contains(-87, 0)).isFalse();
    assertCoverageIsExact(south, -90, -87.5, -180, 180);
  }

  @Test
  void aCircleAcrossABorderCountsBothSidesByDistanceOnTheSphere() {
    // Lille (FR), 30 km: Kortrijk (BE, about 25 km) is in, Gent (BE, about 60 km) is out.
    CircleZone z = new CircleZone(50.6292, 3.0573, 30);
    assertThat(z.contains(50.8279, 3.2650)).isTrue();
    assertThat(z.contains(51.0543, 3.7174)).isFalse();
    double edgeLat = 50.6292 + 30 / 111.2;
    assertThat(z.contains(edgeLat - 0.001, 3.0573)).isTrue();
    assertThat(z.contains(edgeLat + 0.001, 3.0573)).isFalse();
    assertCoverageIsExact(z, 50.2, 51.0, 2.4, 3.7);
  }

  /**
   * The circle's classifier takes a cell as inside when its centre is nearer than the radius minus
   * {@link CircleZone#REACH_EDGES} average edges: no fine descendant of any cell may lie further than that. Measured
   * where H3's cells are largest (the centres of its base cells, the icosahedron's faces among them) and at the
   * pentagons, with at least a tenth of the margin left. Resolutions 7 to 9 down to the index's own cells; coarser ones
   * three levels down (each level's edges are 0.38 of their parents', so what lies below strays far less).
   */
  @Test
  void noFineDescendantLiesBeyondTheCirclesReachOfItsAncestorsCentre() {
    double worst = 0;
    for (int res = 0; res <= GeoIndex.RESOLUTION; res++) {
      int fine = res >= 7 ? GeoIndex.RESOLUTION : res + 3;
      java.util.Set<Long> cells = new java.util.LinkedHashSet<>();
      for (long base : GeoIndex.H3.getRes0Cells()) {
        cells.add(GeoIndex.H3.cellToCenterChild(base, res));
      }
      cells.addAll(GeoIndex.H3.getPentagons(res));
      for (long cell : cells) {
        com.uber.h3core.util.LatLng c = GeoIndex.H3.cellToLatLng(cell);
        double far = 0;
        for (long child : GeoIndex.H3.cellToChildren(cell, fine)) {
          for (com.uber.h3core.util.LatLng v : GeoIndex.H3.cellToBoundary(child)) {
            far = Math.max(far, CircleZone.distanceKm(c.lat, c.lng, v.lat, v.lng));
          }
        }
        worst = Math.max(worst, far / GeoIndex.edgeKm(res));
      }
    }
    assertThat(worst).as("the farthest descendant, in average edges").isGreaterThan(1.2)
        .isLessThan(CircleZone.REACH_EDGES / 1.1);
  }

  /**
   * Every fine cell of a circle's inner ranges lies wholly inside the circle (its corners are all within the radius),
   * checked cell by cell near the edge, in Paris, where cells are largest, across the antimeridian (Fiji) and at a
   * pole: a person in an inner range is counted without a test, so none may be outside.
   */
  @Test
  void everyFineCellOfACirclesInnerRangesIsInside() {
    long largest = GeoIndex.H3.getRes0Cells().stream()
        .map(base -> GeoIndex.H3.cellToCenterChild(base, 8))
        .max(java.util.Comparator.comparingDouble(c -> GeoIndex.H3.cellArea(c, com.uber.h3core.AreaUnit.km2)))
        .orElseThrow();
    com.uber.h3core.util.LatLng big = GeoIndex.H3.cellToLatLng(largest);
    for (CircleZone z : List.of(new CircleZone(48.8566, 2.3522, 10), new CircleZone(big.lat, big.lng, 10),
        new CircleZone(50.6292, 3.0573, 30), new CircleZone(-17.7, 179.95, 30), new CircleZone(-89.5, 0, 50))) {
      Coverage c = z.cover();
      int checked = 0;
      for (int i = 0; i < c.cells().length; i++) {
        long cell = c.cells()[i];
        com.uber.h3core.util.LatLng centre = GeoIndex.H3.cellToLatLng(cell);
        double d = z.distanceFromCentreKm(centre.lat, centre.lng);
        // Cells far from the edge would be inside by any margin: the band the reach decides is what is checked.
        if (!c.cellInner()[i] || d + 2.5 * GeoIndex.edgeKm(GeoIndex.resolution(cell)) <= z.radiusKm()) {
          continue;
        }
        for (long fine : GeoIndex.H3.cellToChildren(cell, GeoIndex.RESOLUTION)) {
          for (com.uber.h3core.util.LatLng v : GeoIndex.H3.cellToBoundary(fine)) {
            assertThat(z.distanceFromCentreKm(v.lat, v.lng)).as("corner of %s in an inner range", fine)
                .isLessThanOrEqualTo(z.radiusKm());
          }
          checked++;
        }
      }
      assertThat(checked).as("fine cells checked near the edge of %s", z).isGreaterThan(1000);
    }
  }

  @Test
  void aCircleAcrossTheAntimeridian() {
    CircleZone z = new CircleZone(-17.7, 179.9, 50);
    assertThat(z.contains(-17.7, -179.8)).isTrue();
    assertThat(z.contains(-17.7, 179.0)).isFalse();
    assertCoverageIsExact(z, -18.3, -17.1, 179.2, 180);
    assertCoverageIsExact(z, -18.3, -17.1, -180, -179.2);
  }

  @Test
  void aCoverageIsDisjointAndItsGapsHoldEverythingElse() {
    // France with its islands and overseas parts: cells of many resolutions from many parts.
    Coverage c = CountryBoundaries.shared().zone("FR").orElseThrow().cover();
    for (int i = 1; i < c.size(); i++) {
      assertThat(c.lo()[i]).as("range %d starts after the one before ends", i).isGreaterThan(c.hi()[i - 1]);
    }
    long[][] gaps = c.gaps();
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 20_000; i++) {
      double lat = 41 + random.nextDouble() * 10;
      double lon = -5.5 + random.nextDouble() * 15;
      long cell = GeoIndex.cellOf(lat, lon);
      boolean inGap = false;
      for (int g = 0; g < gaps[0].length && !inGap; g++) {
        inGap = cell >= gaps[0][g] && cell <= gaps[1][g];
      }
      assertThat(inGap).as("cell of %s,%s: in a gap exactly when in no range", lat, lon).isEqualTo(c.rangeOf(cell) < 0);
    }
    // Counting splits the same cells in two, each point in one part only.
    Coverage.Counting k = c.counting();
    assertThat(k.countLo()).isNotEmpty();
    for (int i = 0; i < 20_000; i++) {
      long cell = GeoIndex.cellOf(41 + random.nextDouble() * 10, -5.5 + random.nextDouble() * 15);
      long parent = GeoIndex.parent(cell, Coverage.COUNT_RESOLUTION);
      boolean counted = false;
      for (int r = 0; r < k.countLo().length && !counted; r++) {
        counted = parent >= k.countLo()[r] && parent <= k.countHi()[r];
      }
      boolean read = false;
      for (int r = 0; r < k.rowLo().length && !read; r++) {
        read = cell >= k.rowLo()[r] && cell <= k.rowHi()[r];
      }
      assertThat(counted && read).as("cell %s counted twice", Long.toHexString(cell)).isFalse();
      assertThat(counted || read).isEqualTo(c.rangeOf(cell) >= 0);
    }
  }

  @Test
  void largeCirclesCoverWithFewRanges() {
    CircleZone zone = new CircleZone(32.8872, 13.1913, 300);
    Coverage c = zone.cover();
    // Few ranges for a large area (a range per resolution-10 hexagon would be millions), and exact: 20,000 random
    // points of the circle's box are covered when inside, and inside when in an inner range.
    assertThat(c.size()).isLessThan(5000);
    assertCoverageIsExact(zone, 30.1, 35.7, 9.9, 16.5);
    boolean anyInner = false;
    for (boolean b : c.inner()) {
      anyInner |= b;
    }
    assertThat(anyInner).isTrue();
  }

  @Test
  void invalidZonesSayWhatIsWrong() {
    assertRefused("{\"type\":\"Polygon\",\"coordinates\":[[[10,20],[11,20],[11,21],[10,21]]]}",
        "zone.coordinates[0]", "not closed");
    assertThatThrownBy(() -> parser.parse(Json.read("{\"type\":\"Polygon\",\"coordinates\":[[[10,20],[11,21],"
        + "[11,20],[10,21],[10,20]]]}", JsonNode.class), "zone", true)).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.errors().get(0).reason()).contains("self-intersection near longitude 10.5, latitude 20.5"));
    assertRefused("{\"type\":\"Polygon\",\"coordinates\":[[[10,20],[11,95],[11,21],[10,20]]]}",
        "zone.coordinates[0][1]", "latitude must be between -90 and 90, was 95");
    assertRefused("{\"type\":\"Polygon\",\"coordinates\":[[[400,20],[11,20],[11,21],[400,20]]]}",
        "zone.coordinates[0][0]", "longitude must be between -180 and 180 (or up to ±360");
    assertRefused("{\"type\":\"MultiPolygon\",\"coordinates\":[]}", "zone", "empty geometry");
    assertRefused("{\"type\":\"Point\",\"coordinates\":[1,2]}", "zone.type", "was 'Point'");
    assertRefused("{\"type\":\"Polygon\",\"coordinates\":[[[10,20],[11,20],[10,20]]]}", "zone.coordinates[0]",
        "at least 4 positions");
    assertThatThrownBy(() -> new ZoneParser(5).parse(Json.read(
        "{\"type\":\"Polygon\",\"coordinates\":[[[10,20],[11,20],[11,21],[10.5,21.5],[10,21],[10,20]]]}",
        JsonNode.class), "zone")).hasMessageContaining("more than 5 positions");
    assertThatThrownBy(() -> new CircleZone(10, 10, 0)).hasMessageContaining("radiusKm must be more than 0");
    assertThatThrownBy(() -> new CircleZone(10, 10, 5000)).hasMessageContaining("at most 2000");
  }

  @Test
  void neighbouringAndOverlappingFeaturesAreOneArea() {
    // Two watersheds sharing a border, and two boxes overlapping: the union, without a warning.
    PolygonZone touching = (PolygonZone) parser.parse(Json.read("{\"type\":\"FeatureCollection\",\"features\":["
        + "{\"type\":\"Feature\",\"properties\":{\"name\":\"west\"},\"geometry\":{\"type\":\"Polygon\","
        + "\"coordinates\":[[[10,20],[11,20],[11,21],[10,21],[10,20]]]}},"
        + "{\"type\":\"Feature\",\"properties\":{\"name\":\"east\"},\"geometry\":{\"type\":\"Polygon\","
        + "\"coordinates\":[[[11,20],[12,20],[12,21],[11,21],[11,20]]]}}]}", JsonNode.class), "zone");
    assertThat(touching.warnings()).isEmpty();
    assertThat(touching.contains(20.5, 10.5)).isTrue();
    assertThat(touching.contains(20.5, 11.0)).as("on the shared border").isTrue();
    assertThat(touching.contains(20.5, 11.5)).isTrue();
    assertThat(touching.geometry().getArea()).isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    assertCoverageIsExact(touching, 19.8, 21.2, 9.8, 12.2);
    PolygonZone overlapping = (PolygonZone) parser.parse(Json.read("{\"type\":\"MultiPolygon\",\"coordinates\":["
        + "[[[10,20],[12,20],[12,22],[10,22],[10,20]]],[[[11,21],[13,21],[13,23],[11,23],[11,21]]]]}", JsonNode.class),
        "zone");
    assertThat(overlapping.warnings()).isEmpty();
    assertThat(overlapping.geometry().getArea()).isEqualTo(7.0, org.assertj.core.data.Offset.offset(1e-9));
    assertCoverageIsExact(overlapping, 19.8, 23.2, 9.8, 13.2);
  }

  @Test
  void publishedDefectsAreRepairedWithAWarningNamingThePart() {
    // A ring that touches itself at a point (a pinched outline), a zero-area part on one meridian, a good part.
    PolygonZone z = (PolygonZone) parser.parse(Json.read("{\"type\":\"MultiPolygon\",\"coordinates\":["
        + "[[[0,0],[2,0],[1,1],[2,2],[0,2],[1,1],[0,0]]],"
        + "[[[5,0],[5,1],[5,2],[5,0]]],"
        + "[[[10,0],[11,0],[11,1],[10,1],[10,0]]]]}", JsonNode.class), "zone");
    assertThat(z.warnings()).hasSize(2);
    assertThat(z.warnings().get(0)).startsWith("zone.coordinates[0]: ").contains("near longitude 1.0, latitude 1.0")
        .contains("repaired");
    assertThat(z.warnings().get(1)).isEqualTo("zone.coordinates[1]: has no area (all its points are on one line); "
        + "left out");
    assertThat(z.contains(0.2, 1.0)).as("the lower half").isTrue();
    assertThat(z.contains(1.8, 1.0)).as("the upper half").isTrue();
    assertThat(z.contains(1.0, 0.2)).as("outside the pinch").isFalse();
    assertThat(z.contains(0.5, 10.5)).isTrue();
    assertThat(z.contains(1, 5)).isFalse();
    // A bow-tie drawn by hand: the two triangles it encloses, said so.
    PolygonZone bowTie = (PolygonZone) polygon("[[[10,20],[11,21],[11,20],[10,21],[10,20]]]");
    assertThat(bowTie.warnings()).singleElement().asString()
        .contains("self-intersection near longitude 10.5, latitude 20.5").contains("repaired into 2 areas");
    // Strict: the same defects are a 400.
    assertThatThrownBy(() -> parser.parse(Json.read("{\"type\":\"MultiPolygon\",\"coordinates\":["
        + "[[[5,0],[5,1],[5,2],[5,0]]]]}", JsonNode.class), "zone", true))
        .hasMessageContaining("has no area");
    assertRefused("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[5,0],[5,1],[5,2],[5,0]]]]}", "zone",
        "no part has an area");
  }

  @Test
  void readsFeaturesAndFeatureCollections() {
    String square = "{\"type\":\"Polygon\",\"coordinates\":[[[10,20],[11,20],[11,21],[10,21],[10,20]]]}";
    String other = "{\"type\":\"Polygon\",\"coordinates\":[[[30,20],[31,20],[31,21],[30,21],[30,20]]]}";
    Zone z = parser.parse(Json.read("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
        + "\"properties\":{},\"geometry\":" + square + "},{\"type\":\"Feature\",\"geometry\":" + other + "}]}",
        JsonNode.class), "zone");
    assertThat(z.contains(20.5, 10.5)).isTrue();
    assertThat(z.contains(20.5, 30.5)).isTrue();
    assertThat(z.contains(20.5, 20.5)).isFalse();
  }

  private void assertRefused(String json, String field, String reason) {
    assertThatThrownBy(() -> parser.parse(Json.read(json, JsonNode.class), "zone"))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.errors().get(0).field()).isEqualTo(field);
          assertThat(e.errors().get(0).reason()).contains(reason);
        });
  }

  private Zone polygon(String coordinates) {
    return parser.parse(Json.read("{\"type\":\"Polygon\",\"coordinates\":" + coordinates + "}", JsonNode.class),
        "zone");
  }

  /**
   * 20,000 random points in the box: every point inside the zone has its fine cell in the coverage, and every point
   * whose cell is in an inner range is inside the zone.
   */
  private static void assertCoverageIsExact(Zone z, double latMin, double latMax, double lonMin, double lonMax) {
    Coverage c = z.cover();
    Random random = new Random(42);
    int inside = 0;
    for (int i = 0; i < 20_000; i++) {
      double lat = latMin + random.nextDouble() * (latMax - latMin);
      double lon = lonMin + random.nextDouble() * (lonMax - lonMin);
      long cell = GeoIndex.cellOf(lat, lon);
      int range = -1;
      for (int r = 0; r < c.size() && range < 0; r++) {
        if (cell >= c.lo()[r] && cell <= c.hi()[r]) {
          range = r;
        }
      }
      boolean in = z.contains(lat, lon);
      if (in) {
        inside++;
        assertThat(range).as("point %s,%s inside the zone but outside the coverage", lat, lon).isNotNegative();
      }
      if (range >= 0 && c.inner()[range]) {
        assertThat(in).as("point %s,%s in an inner range but outside the zone", lat, lon).isTrue();
      }
    }
    assertThat(inside).as("the box should hold points of the zone").isPositive();
  }
}
