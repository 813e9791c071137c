package crisis.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.access.Actor.RegionScope;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Who sees which consulate's and region's records: the one rule the services ask (issue 29). */
@Tag("fast")
class ActorVisibilityTest {
  private static final Actor PARIS = new Actor("officer.paris", Role.CONSULAR_OFFICER, "fr-paris", Set.of("FR"),
      null);
  private static final Actor CELL = new Actor("cell", Role.CRISIS_CELL, null, null, null);
  private static final Actor WORKER = new Actor("worker", Role.CASEWORKER, null, null, null, "MA.06");
  private static final Actor WORKER_WITHOUT_REGION = new Actor("w", Role.CASEWORKER, null, null, null, null);

  @Test
  void anOfficerSeesItsOwnConsulatesRecordsOnlyAndTheCellEveryones() {
    assertThat(PARIS.consulateScope()).isEqualTo("fr-paris");
    assertThat(PARIS.seesConsulate("fr-paris")).isTrue();
    assertThat(PARIS.seesConsulate("ly-tripoli")).isFalse();
    assertThat(PARIS.seesConsulate(null)).isFalse();
    assertThat(CELL.consulateScope()).isNull();
    assertThat(CELL.seesConsulate("ly-tripoli")).isTrue();
  }

  @Test
  void aCaseWorkerSeesItsOwnRegionOnlyAndOneWithoutARegionNone() {
    assertThat(WORKER.seesRegion("MA.06")).isTrue();
    assertThat(WORKER.seesRegion("MA.01")).isFalse();
    assertThat(WORKER.seesRegion(null)).isFalse();
    assertThat(WORKER_WITHOUT_REGION.seesRegion(null)).isFalse();
    assertThat(WORKER_WITHOUT_REGION.seesRegion("MA.06")).isFalse();
    assertThat(CELL.seesRegion("MA.01")).isTrue();
    assertThat(CELL.seesRegion(null)).isTrue();
  }

  @Test
  void onlyAConsularOfficerIsKeptToOneConsulate() {
    assertThat(PARIS.seesEveryConsulate()).isFalse();
    assertThat(CELL.seesEveryConsulate()).isTrue();
    assertThat(WORKER.seesEveryConsulate()).isTrue();
  }

  @Test
  void aCaseWorkersListsShowItsOwnRegionOnlyOneWithoutARegionNoneAndTheCellEveryRegion() {
    assertThat(WORKER.regionScope()).isEqualTo(new RegionScope(false, "MA.06"));
    assertThat(WORKER.regionScope().every()).isFalse();
    assertThat(WORKER_WITHOUT_REGION.regionScope().none()).isTrue();
    assertThat(WORKER_WITHOUT_REGION.regionScope().every()).isFalse();
    assertThat(CELL.regionScope().every()).isTrue();
    assertThat(CELL.regionScope().region()).isNull();
    assertThat(PARIS.regionScope().every()).isTrue();
  }

  @Test
  void aListAskingForOneRegionIsNarrowedWithinTheActorsScope() {
    assertThat(CELL.regionScope().narrowedTo("MA.01")).isEqualTo(new RegionScope(false, "MA.01"));
    assertThat(CELL.regionScope().narrowedTo(null).every()).isTrue();
    assertThat(WORKER.regionScope().narrowedTo(null)).isEqualTo(new RegionScope(false, "MA.06"));
    assertThat(WORKER.regionScope().narrowedTo("MA.06")).isEqualTo(new RegionScope(false, "MA.06"));
    assertThat(WORKER.regionScope().narrowedTo("MA.01").none()).isTrue();
    assertThat(WORKER_WITHOUT_REGION.regionScope().narrowedTo("MA.06").none()).isTrue();
    assertThat(WORKER_WITHOUT_REGION.regionScope().narrowedTo(null).none()).isTrue();
  }
}
