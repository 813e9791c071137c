package crisis.core.repatriation;

import crisis.core.geo.CircleZone;
import crisis.core.repatriation.SeatPlanner.Demand;
import crisis.core.repatriation.SeatPlanner.Household;
import crisis.core.repatriation.SeatPlanner.Leg;
import crisis.core.repatriation.SeatPlanner.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The allocation rules of the repatriation issue, checked from their wording alone, on any assignment (not only the
 * planner's): written apart from the planner so that a test of one is not a copy of the other.
 */
final class PlanRules {
  private PlanRules() {}

  /** The same with the default reach. */
  static List<String> violations(List<Household> households, List<Leg> legs, Map<UUID, UUID> legOf,
      Map<UUID, UUID> pointOf) {
    return violations(households, legs, legOf, pointOf, SeatPlanner.DEFAULT_REACH_KM);
  }

  /**
   * The violations of an assignment (household id to leg id; absent: waiting), empty when it keeps every rule.
   *
   * @param reachKm how far from a point a located household may be; one without a location reaches the points of its
   *     country
   */
  static List<String> violations(List<Household> households, List<Leg> legs, Map<UUID, UUID> legOf,
      Map<UUID, UUID> pointOf, double reachKm) {
    List<String> out = new ArrayList<>();
    Map<UUID, int[]> left = new HashMap<>();
    Map<UUID, Map<UUID, Integer>> pointLeft = new HashMap<>();
    for (Leg l : legs) {
      left.put(l.id(), new int[] {l.seats(), l.stretchers(), l.wheelchairs()});
      Map<UUID, Integer> p = new HashMap<>();
      l.points().forEach(pt -> p.put(pt.placeId(), pt.capacity() == 0 ? Integer.MAX_VALUE : pt.capacity()));
      pointLeft.put(l.id(), p);
    }
    Map<UUID, Leg> legById = new HashMap<>();
    legs.forEach(l -> legById.put(l.id(), l));
    // Points fill in rank order: "the nearest with room" is what was left when the household's turn came.
    List<Household> byRank = households.stream().sorted(java.util.Comparator.comparingInt(Household::rank)).toList();
    for (Household h : byRank) {
      UUID l = legOf.get(h.id());
      if (l == null) {
        continue;
      }
      int[] r = left.get(l);
      r[0] -= h.demand().seats();
      r[1] -= h.demand().stretchers();
      r[2] -= h.demand().wheelchairs();
      UUID p = pointOf.get(h.id());
      Integer room = pointLeft.get(l).get(p);
      if (room == null) {
        out.add(h.id() + " sent to a point its leg does not leave from");
        continue;
      }
      if (!canReach(h, point(legById.get(l), p), reachKm)) {
        out.add(h.id() + " sent to a point it cannot reach");
      }
      if (room != Integer.MAX_VALUE) {
        pointLeft.get(l).put(p, room - h.demand().seats());
      }
      if (h.latitude() != null) {
        double km = km(h, point(legById.get(l), p));
        for (Point other : legById.get(l).points()) {
          // A nearer point it reaches may only be skipped when it is full.
          if (km(h, other) < km - 1e-9 && canReach(h, other, reachKm)
              && pointLeft.get(l).get(other.placeId()) >= h.demand().seats()) {
            out.add(h.id() + " not sent to the nearest point of its leg with room");
          }
        }
      }
    }
    for (Map.Entry<UUID, int[]> e : left.entrySet()) {
      int[] r = e.getValue();
      if (r[0] < 0 || r[1] < 0 || r[2] < 0) {
        out.add("leg " + e.getKey() + " over capacity");
      }
    }
    pointLeft.forEach((l, points) -> points.forEach((p, room) -> {
      if (room < 0) {
        out.add("point " + p + " of leg " + l + " over capacity");
      }
    }));
    for (Household w : households) {
      if (legOf.containsKey(w.id())) {
        continue;
      }
      for (Leg l : legs) {
        if (fits(w, left.get(l.id()), pointLeft.get(l.id()), l, reachKm)) {
          out.add("a seat stays empty on " + l.id() + " while waiting " + w.id() + " fits");
        }
        // Every seat held on the leg by households ranked after the waiting one is a seat it could have had.
        int[] freed = left.get(l.id()).clone();
        Map<UUID, Integer> points = new HashMap<>(pointLeft.get(l.id()));
        List<UUID> lower = new ArrayList<>();
        for (Household g : households) {
          if (l.id().equals(legOf.get(g.id())) && g.rank() > w.rank()) {
            lower.add(g.id());
            freed[0] += g.demand().seats();
            freed[1] += g.demand().stretchers();
            freed[2] += g.demand().wheelchairs();
            points.computeIfPresent(pointOf.get(g.id()), (k, v) -> v == Integer.MAX_VALUE ? v : v + g.demand().seats());
          }
        }
        if (!lower.isEmpty() && fits(w, freed, points, l, reachKm)) {
          out.add("lower-ranked " + lower + " hold seats on " + l.id() + " that waiting " + w.id() + " could use");
        }
      }
    }
    return out;
  }

  private static boolean fits(Household h, int[] left, Map<UUID, Integer> points, Leg leg, double reachKm) {
    Demand d = h.demand();
    return d.seats() <= left[0] && d.stretchers() <= left[1] && d.wheelchairs() <= left[2]
        && leg.points().stream().anyMatch(p -> points.get(p.placeId()) >= d.seats() && canReach(h, p, reachKm));
  }

  /** Within reach of where it is; without a location, in its country of residence (any, when that is unknown). */
  static boolean canReach(Household h, Point p, double reachKm) {
    if (h.latitude() == null) {
      return h.country() == null || h.country().equals(p.country());
    }
    return km(h, p) <= reachKm;
  }

  private static Point point(Leg l, UUID id) {
    return l.points().stream().filter(p -> p.placeId().equals(id)).findFirst().orElseThrow();
  }

  private static double km(Household h, Point p) {
    return CircleZone.distanceKm(h.latitude(), h.longitude(), p.latitude(), p.longitude());
  }

  /** The planner's plan as the two maps {@link #violations} reads. */
  static Map<UUID, UUID> legs(SeatPlanner.Plan plan) {
    Map<UUID, UUID> m = new HashMap<>();
    plan.seats().forEach(s -> m.put(s.household(), s.leg()));
    return m;
  }

  static Map<UUID, UUID> points(SeatPlanner.Plan plan) {
    Map<UUID, UUID> m = new HashMap<>();
    plan.seats().forEach(s -> m.put(s.household(), s.point()));
    return m;
  }
}
