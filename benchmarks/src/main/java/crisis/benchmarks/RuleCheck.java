package crisis.benchmarks;

import crisis.core.repatriation.SeatPlanner.Demand;
import crisis.core.repatriation.SeatPlanner.Household;
import crisis.core.repatriation.SeatPlanner.Leg;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The allocation rules checked on any assignment of households to legs at the benchmark's size (points without a
 * capacity), independently of the planner: capacities, no seat empty while a waiting household fits, no lower-ranked
 * household holding seats that a waiting higher-ranked one could use. The last is checked per class of special needs
 * (stretchers, wheelchairs) with the smallest waiting household of each class ranked before each seated one.
 */
final class RuleCheck {
  private RuleCheck() {}

  static List<String> violations(List<Household> households, List<Leg> legs, Map<UUID, UUID> legOf) {
    List<String> out = new ArrayList<>();
    Map<UUID, int[]> left = new HashMap<>();
    legs.forEach(l -> left.put(l.id(), new int[] {l.seats(), l.stretchers(), l.wheelchairs()}));
    for (Household h : households) {
      UUID l = legOf.get(h.id());
      if (l != null) {
        int[] x = left.get(l);
        x[0] -= h.demand().seats();
        x[1] -= h.demand().stretchers();
        x[2] -= h.demand().wheelchairs();
      }
    }
    left.forEach((l, x) -> {
      if (x[0] < 0 || x[1] < 0 || x[2] < 0) {
        out.add("leg " + l + " over capacity");
      }
    });
    List<Household> byRank = households.stream().sorted(Comparator.comparingInt(Household::rank)).toList();
    // Smallest waiting household so far (in rank order) of each special-needs class, before each household.
    int classes = 0;
    for (Household h : households) {
      classes = Math.max(classes, key(h.demand()) + 1);
    }
    int[] smallest = new int[classes];
    java.util.Arrays.fill(smallest, Integer.MAX_VALUE);
    for (Household h : byRank) {
      UUID l = legOf.get(h.id());
      Demand d = h.demand();
      if (l == null) {
        for (Leg leg : legs) {
          int[] x = left.get(leg.id());
          if (d.seats() <= x[0] && d.stretchers() <= x[1] && d.wheelchairs() <= x[2]) {
            out.add("a seat stays empty on " + leg.id() + " while waiting " + h.id() + " fits");
            break;
          }
        }
        int k = key(d);
        smallest[k] = Math.min(smallest[k], d.seats());
        continue;
      }
      int[] x = left.get(l);
      for (int k = 0; k < classes; k++) {
        if (smallest[k] == Integer.MAX_VALUE) {
          continue;
        }
        int s = k / 64;
        int w = k % 64;
        if (s <= x[1] + d.stretchers() && w <= x[2] + d.wheelchairs() && smallest[k] <= x[0] + d.seats()) {
          out.add("lower-ranked " + h.id() + " holds seats on " + l + " that a waiting household could use");
          break;
        }
      }
    }
    return out;
  }

  private static int key(Demand d) {
    return d.stretchers() * 64 + d.wheelchairs();
  }
}
