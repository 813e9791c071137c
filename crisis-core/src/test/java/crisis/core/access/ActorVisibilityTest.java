package crisis.core.access;

import static org.assertj.core.api.Assertions.assertThat;

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
}
