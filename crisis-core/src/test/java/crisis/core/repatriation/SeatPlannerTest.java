package crisis.core.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.repatriation.SeatPlanner.Demand;
import crisis.core.repatriation.SeatPlanner.Household;
import crisis.core.repatriation.SeatPlanner.Leg;
import crisis.core.repatriation.SeatPlanner.Move;
import crisis.core.repatriation.SeatPlanner.MoveReason;
import crisis.core.repatriation.SeatPlanner.Plan;
import crisis.core.repatriation.SeatPlanner.Point;
import crisis.core.repatriation.SeatPlanner.Seat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SeatPlannerTest {
  private static final Instant T = Instant.parse("2026-12-02T08:00:00Z");
  private static final UUID AIRPORT = id(900);
  private final SeatPlanner planner = new SeatPlanner();

  static UUID id(int n) {
    return new UUID(0, n);
  }

  static Household h(int n, int seats) {
    return new Household(id(n), n, 1, new Demand(seats, 0, 0), null, null, "LB", null, false);
  }

  static Leg leg(int n, int hoursAfter, int seats, int stretchers, int wheelchairs) {
    return new Leg(id(100 + n), T.plusSeconds(3600L * hoursAfter), seats, stretchers, wheelchairs,
        List.of(new Point(AIRPORT, 33.9, 35.5, "LB", 0)));
  }

  private Plan plan(List<Household> hs, List<Leg> legs) {
    Plan p = planner.plan(hs, legs);
    assertThat(PlanRules.violations(hs, legs, PlanRules.legs(p), PlanRules.points(p))).isEmpty();
    return p;
  }

  @Test
  void allocatesWholeHouseholdsOrNone() {
    Plan p = plan(List.of(h(1, 4), h(2, 3)), List.of(leg(1, 0, 3, 0, 0)));
    assertThat(p.seats()).containsExactly(new Seat(id(2), id(101), AIRPORT));
    assertThat(p.waitlist()).containsExactly(id(1));
  }

  @Test
  void seatsTheHigherPriorityFirstWhereFirstComeFirstServedWouldNot() {
    // Household 2 asked first (a spreadsheet would seat it); household 1 ranks before it and takes both seats.
    Plan p = plan(List.of(h(2, 1), h(1, 2)), List.of(leg(1, 0, 2, 0, 0)));
    assertThat(p.seats()).extracting(Seat::household).containsExactly(id(1));
    assertThat(p.waitlist()).containsExactly(id(2));
  }

  @Test
  void leavesNoSeatEmptyWhileAWaitingHouseholdFits() {
    Plan p = plan(List.of(h(1, 5), h(2, 2), h(3, 2), h(4, 1)), List.of(leg(1, 0, 4, 0, 0)));
    assertThat(p.seats()).extracting(Seat::household).containsExactly(id(2), id(3));
    assertThat(p.waitlist()).containsExactly(id(1), id(4));
  }

  @Test
  void respectsStretcherAndWheelchairPlaces() {
    Household stretcher1 = new Household(id(1), 1, 1, new Demand(2, 1, 0), null, null, "LB", null, false);
    Household stretcher2 = new Household(id(2), 2, 1, new Demand(1, 1, 0), null, null, "LB", null, false);
    Household wheelchairs = new Household(id(3), 3, 1, new Demand(3, 0, 2), null, null, "LB", null, false);
    Household walking = h(4, 1);
    // The early flight has one stretcher place and one wheelchair place; the bus has neither.
    Plan p = plan(List.of(stretcher1, stretcher2, wheelchairs, walking),
        List.of(leg(1, 0, 10, 1, 1), leg(2, 1, 10, 0, 0)));
    assertThat(p.seats()).containsExactly(new Seat(id(1), id(101), AIRPORT), new Seat(id(4), id(101), AIRPORT));
    assertThat(p.waitlist()).containsExactly(id(2), id(3));
  }

  @Test
  void keepsTheWaitlistInRankOrder() {
    Plan p = plan(List.of(h(5, 3), h(3, 3), h(1, 2), h(4, 3), h(2, 3)), List.of(leg(1, 0, 2, 0, 0)));
    assertThat(p.waitlist()).containsExactly(id(2), id(3), id(4), id(5));
  }

  @Test
  void theMostUrgentLeaveOnTheEarliestLeg() {
    Plan p = plan(List.of(h(1, 2), h(2, 2)), List.of(leg(2, 6, 2, 0, 0), leg(1, 0, 2, 0, 0)));
    assertThat(p.seats()).containsExactly(new Seat(id(1), id(101), AIRPORT), new Seat(id(2), id(102), AIRPORT));
  }

  @Test
  void aNoShowsSeatsGoToTheNextHouseholdOnTheWaitlist() {
    List<Leg> legs = List.of(leg(1, 0, 4, 0, 0));
    Plan first = plan(List.of(h(1, 2), h(2, 2), h(3, 2), h(4, 1)), legs);
    assertThat(first.waitlist()).containsExactly(id(3), id(4));
    // Household 2 did not come: planned again without it, everyone placed keeps their leg.
    List<Household> again = List.of(placed(h(1, 2), id(101)), h(3, 2), h(4, 1));
    Plan second = plan(again, legs);
    assertThat(second.seats()).extracting(Seat::household).containsExactly(id(1), id(3));
    assertThat(second.waitlist()).containsExactly(id(4));
    assertThat(second.moves()).isEmpty();
  }

  @Test
  void aNewUrgentHouseholdTakesTheLegWhereItMovesNobody() {
    List<Leg> legs = List.of(leg(1, 0, 4, 0, 0), leg(2, 2, 4, 0, 0));
    // Leg 1 is full of notified households; leg 2 has room. The newcomer (rank 1) prefers leg 1 (earlier) but
    // would push someone off it: it goes on leg 2, and nobody moves.
    List<Household> hs = List.of(new Household(id(1), 1, 1, new Demand(2, 0, 0), null, null, "LB", null, false),
        placed(h(2, 2), id(101)), placed(h(3, 2), id(101)), placed(h(4, 1), id(102)));
    Plan p = plan(hs, legs);
    assertThat(p.moves()).isEmpty();
    assertThat(p.seats()).contains(new Seat(id(1), id(102), AIRPORT));
  }

  @Test
  void replanningMovesOnlyThoseItMustAndSaysWhy() {
    // One leg, full of notified households; an urgent newcomer needs 2 seats: the lowest-ranked households give way.
    List<Leg> legs = List.of(leg(1, 0, 4, 0, 0));
    List<Household> hs = List.of(h(1, 2), placed(h(2, 2), id(101)), placed(h(3, 1), id(101)),
        placed(h(4, 1), id(101)));
    Plan p = plan(hs, legs);
    assertThat(p.seats()).extracting(Seat::household).containsExactly(id(1), id(2));
    assertThat(p.moves()).containsExactly(new Move(id(3), id(101), null, MoveReason.DISPLACED, true),
        new Move(id(4), id(101), null, MoveReason.DISPLACED, true));
  }

  @Test
  void aCancelledLegsHouseholdsMoveToTheOthersWithTheReason() {
    List<Leg> legs = List.of(leg(2, 3, 3, 0, 0));
    List<Household> hs = List.of(placed(h(1, 2), id(101)), placed(h(2, 2), id(101)), placed(h(3, 1), id(102)));
    Plan p = plan(hs, legs);
    assertThat(p.seats()).extracting(Seat::household).containsExactly(id(1), id(3));
    assertThat(p.moves()).containsExactly(new Move(id(1), id(101), id(102), MoveReason.LEG_GONE, true),
        new Move(id(2), id(101), null, MoveReason.LEG_GONE, true));
  }

  @Test
  void sendsEachHouseholdToTheNearestPointOfItsLegWithRoom() {
    UUID north = id(901);
    UUID south = id(902);
    Leg bus = new Leg(id(101), T, 10, 0, 0, List.of(new Point(north, 34.5, 35.8, "LB", 3),
        new Point(south, 33.5, 35.4, "LB", 0)));
    Household a = new Household(id(1), 1, 1, new Demand(2, 0, 0), 34.4, 35.8, "LB", null, false);
    Household b = new Household(id(2), 2, 1, new Demand(2, 0, 0), 34.45, 35.8, "LB", null, false);
    Household c = new Household(id(3), 3, 1, new Demand(1, 0, 0), 34.5, 35.8, "LB", null, false);
    Plan p = plan(List.of(a, b, c), List.of(bus));
    // North holds 3: household 1 (2 people) there, household 2 does not fit and goes south, household 3 fits north.
    assertThat(p.seats()).containsExactly(new Seat(id(1), id(101), north), new Seat(id(2), id(101), south),
        new Seat(id(3), id(101), north));
  }

  @Test
  void givesTheSamePlanForTheSameInputInAnyOrder() {
    Random random = new Random(7);
    List<Household> hs = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      hs.add(new Household(id(i), i, 1, new Demand(1 + random.nextInt(6), random.nextInt(10) == 0 ? 1 : 0, 0),
          33 + random.nextDouble(), 35 + random.nextDouble(), "LB", null, false));
    }
    List<Leg> legs = List.of(leg(1, 0, 60, 2, 2), leg(2, 0, 60, 0, 4), leg(3, 5, 150, 3, 3));
    Plan p = plan(hs, legs);
    List<Household> shuffled = new ArrayList<>(hs);
    Collections.shuffle(shuffled, new Random(1));
    List<Leg> reversed = new ArrayList<>(legs);
    Collections.reverse(reversed);
    assertThat(planner.plan(shuffled, reversed)).isEqualTo(p);
  }

  static Household placed(Household h, UUID leg) {
    return new Household(h.id(), h.rank(), h.tier(), h.demand(), h.latitude(), h.longitude(), h.country(), leg, true);
  }
}
