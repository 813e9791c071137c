package crisis.core.repatriation;

import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.TRIPOLI_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.ZoneInput;
import crisis.core.places.Place;
import crisis.core.registry.Registration;
import crisis.core.testing.Samples;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Libya, as the outside check found it: a Tripoli family was put on a bus leaving from Benghazi (about 650 km by
 * great circle), Benghazi's stretcher patient on Tripoli's flight, and the exposure of a country-wide crisis was the
 * distance to the country's centroid in the desert.
 */
@Tag("db")
class ReachTest {
  private RepatriationFixture f;
  private Crisis libya;
  private Place mitiga;
  private Place benghaziStation;

  @BeforeEach
  void start() {
    f = new RepatriationFixture();
    libya = f.crises.create(CRISIS_CELL, new CrisisDraft("Fighting in Libya", "ARMED_CONFLICT", "EXTREME",
        List.of(new ZoneInput("Libya", null, null, "LY")), null, List.of(Map.of("ar", "ابقوا في منازلكم."))));
    f.crises.activate(CRISIS_CELL, libya.id());
    mitiga = f.place("Mitiga airport", 32.8941, 13.2760, "LY");
    benghaziStation = f.place("Benghazi bus station", 32.1167, 20.0667, "LY");
  }

  private int n = 1;

  private EvacuationRequest ask(double lat, double lon, Set<SpecialNeed> needs) {
    Registration r = f.registrations.create(TRIPOLI_OFFICER, Samples.at(Samples.tripolitan(n++), lat, lon));
    return f.rep.requestOpening().open(TRIPOLI_OFFICER, libya.id(), new RequestOpening.RequestInput(r.id(), null,
        needs, null, null));
  }

  private EvacuationRequest read(EvacuationRequest q) {
    return f.rep.requests().get(CRISIS_CELL, libya.id(), q.id());
  }

  private TransportLeg leg(TransportLeg.Kind kind, String ref, int hours, int stretchers, Place from) {
    return f.rep.legs().create(CRISIS_CELL, libya.id(), new TransportLegs.LegInput(kind, "Libyan Wings", ref, 20,
        stretchers, 2, f.clock.instant().plus(Duration.ofHours(hours)), 120, "Africa/Tripoli", "Casablanca",
        List.of(new TransportLegs.PointInput(from.id(), 0, null, null))));
  }

  @Test
  void aHouseholdGoesOnlyOnALegItCanReachAndACountryCrisisHasNoCentroidExposure() {
    EvacuationRequest tripoli = ask(32.8872, 13.1913, Set.of());
    EvacuationRequest benghazi = ask(32.1167, 20.0667, Set.of(SpecialNeed.STRETCHER, SpecialNeed.OXYGEN));
    EvacuationRequest sabha = ask(27.0377, 14.4283, Set.of()); // 650 km south of Tripoli: no leg within reach
    // The Benghazi bus leaves first: taking the earliest departure put Tripoli's family on it.
    TransportLeg bus = leg(TransportLeg.Kind.BUS, "BEN-1", 4, 1, benghaziStation);
    TransportLeg flight = leg(TransportLeg.Kind.FLIGHT, "LN-101", 8, 1, mitiga);

    EvacuationPlanning.Result plan = f.rep.planning().plan(CRISIS_CELL, libya.id());
    assertThat(read(tripoli).assignment().legId()).isEqualTo(flight.id());
    assertThat(read(benghazi).assignment().legId()).isEqualTo(bus.id());
    assertThat(read(sabha).assignment()).isNull();
    // A country crisis ranks without a distance to a centre (none was drawn): the stretcher patient first.
    assertThat(plan.placements().get(0).requestId()).isEqualTo(benghazi.id());
    assertThat(plan.placements()).allSatisfy(p -> assertThat(p.reasons()).noneMatch(r -> r.contains(" km ")));
    assertThat(plan.placements()).allSatisfy(p -> assertThat(p.why().exposureCounts()).isFalse());
  }
}
