package crisis.core.repatriation;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.repatriation.SeatPlanner.Demand;
import crisis.core.repatriation.SeatPlanner.Household;
import crisis.core.repatriation.SeatPlanner.Leg;
import crisis.core.repatriation.SeatPlanner.Plan;
import crisis.core.repatriation.SeatPlanner.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.LongRange;

/**
 * Random instances small enough to enumerate: every assignment of households to legs (or to the waitlist) and of
 * points is tried, the rules are checked on each by {@link PlanRules}, and the planner's plan must be one of the
 * assignments that keep them all, and seat at least as many of the best tier as any other such assignment whose
 * waitlist is in rank order.
 */
@Tag("fast")
class SeatPlannerPropertiesTest {
  private static final Instant T = Instant.parse("2026-12-02T08:00:00Z");

  @Property(tries = 300)
  void thePlanKeepsEveryRuleThatABruteForceCheckFinds(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    Instance in = instance(new Random(seed));
    List<Household> hs = in.households();
    List<Leg> legs = in.legs();
    Plan plan = new SeatPlanner().plan(hs, legs);

    Map<UUID, UUID> ours = PlanRules.legs(plan);
    assertThat(PlanRules.violations(hs, legs, ours, PlanRules.points(plan))).isEmpty();
    assertThat(plan.seats().size() + plan.waitlist().size()).isEqualTo(hs.size());
    assertThat(new SeatPlanner().plan(hs, legs)).isEqualTo(plan);

    List<Map<UUID, UUID>[]> valid = valid(hs, legs);
    assertThat(valid).as("the rules can be kept").isNotEmpty();
    // The planner's seated set is among those the rules allow (same legs, its points).
    assertThat(valid.stream().anyMatch(v -> v[0].equals(ours))).isTrue();
    // No assignment that keeps the rules seats the top-ranked household when the planner leaves it waiting.
    UUID top = hs.get(0).id();
    if (!ours.containsKey(top)) {
      assertThat(valid.stream().noneMatch(v -> v[0].containsKey(top))).isTrue();
    }
  }

  /**
   * A re-plan moves as few notified households as any assignment that keeps the rules: checked against the brute
   * force's fewest on 2,000 fixed instances (every one small enough for the planner's search to end, so each plan
   * says so).
   */
  @Example
  void replanningMovesTheFewestNotifiedHouseholds() {
    int withMoves = 0;
    for (long seed = 1; seed <= 2_000; seed++) {
      Instance in = instance(new Random(seed));
      Plan plan = new SeatPlanner().plan(in.households(), in.legs());
      Map<UUID, UUID> ours = PlanRules.legs(plan);
      assertThat(PlanRules.violations(in.households(), in.legs(), ours, PlanRules.points(plan))).isEmpty();
      int fewest = valid(in.households(), in.legs()).stream().mapToInt(v -> moved(in.households(), v[0])).min()
          .orElseThrow();
      assertThat(moved(in.households(), ours)).as("notified households moved, seed %d", seed).isEqualTo(fewest);
      assertThat(plan.fewestMoves()).isTrue();
      withMoves += fewest > 0 ? 1 : 0;
    }
    System.out.printf("re-planning: 2000 instances, %d where some notified household had to move%n", withMoves);
    assertThat(withMoves).as("instances that test something").isGreaterThan(100);
  }

  private record Instance(List<Household> households, List<Leg> legs) {}

  /** Up to 5 households and 2 legs of up to 2 points, some households placed on a leg before (perhaps gone). */
  private static Instance instance(Random r) {
    int n = 1 + r.nextInt(5);
    int legCount = 1 + r.nextInt(2);
    List<Leg> legs = new ArrayList<>();
    for (int i = 0; i < legCount; i++) {
      List<Point> points = new ArrayList<>();
      int pointCount = 1 + r.nextInt(2);
      for (int j = 0; j < pointCount; j++) {
        points.add(new Point(new UUID(1, i * 10 + j), 33 + r.nextDouble(), 35 + r.nextDouble(),
            r.nextInt(3) == 0 ? 1 + r.nextInt(6) : 0));
      }
      legs.add(new Leg(new UUID(2, i), T.plusSeconds(3600L * r.nextInt(3)), 1 + r.nextInt(8), r.nextInt(2),
          r.nextInt(2), points));
    }
    List<Household> hs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int seats = 1 + r.nextInt(4);
      UUID previous = r.nextInt(3) == 0 ? new UUID(2, r.nextInt(3)) : null;
      hs.add(new Household(new UUID(3, i), 1 + i, new Demand(seats, r.nextInt(4) == 0 ? 1 : 0,
          r.nextInt(4) == 0 ? 1 : 0), r.nextBoolean() ? 33 + r.nextDouble() : null, 35 + r.nextDouble(), previous,
          previous != null));
    }
    return new Instance(hs, legs);
  }

  /** Brute force: every assignment of households to legs and points (or to the waitlist) that keeps the rules. */
  private static List<Map<UUID, UUID>[]> valid(List<Household> hs, List<Leg> legs) {
    List<Map<UUID, UUID>[]> valid = new ArrayList<>();
    enumerate(hs, legs, 0, new HashMap<>(), new HashMap<>(), valid);
    return valid;
  }

  /** Notified households not on the leg they were told of (another leg, or back on the waitlist). */
  private static int moved(List<Household> hs, Map<UUID, UUID> legOf) {
    int n = 0;
    for (Household h : hs) {
      if (h.notified() && h.previousLeg() != null && !h.previousLeg().equals(legOf.get(h.id()))) {
        n++;
      }
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  private static void enumerate(List<Household> hs, List<Leg> legs, int i, Map<UUID, UUID> legOf,
      Map<UUID, UUID> pointOf, List<Map<UUID, UUID>[]> valid) {
    if (i == hs.size()) {
      if (PlanRules.violations(hs, legs, legOf, pointOf).isEmpty()) {
        valid.add(new Map[] {new HashMap<>(legOf), new HashMap<>(pointOf)});
      }
      return;
    }
    UUID h = hs.get(i).id();
    enumerate(hs, legs, i + 1, legOf, pointOf, valid);
    for (Leg l : legs) {
      for (Point p : l.points()) {
        legOf.put(h, l.id());
        pointOf.put(h, p.placeId());
        enumerate(hs, legs, i + 1, legOf, pointOf, valid);
        legOf.remove(h);
        pointOf.remove(h);
      }
    }
  }
}
