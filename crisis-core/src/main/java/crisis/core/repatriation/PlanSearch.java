package crisis.core.repatriation;

import crisis.core.repatriation.SeatPlanner.Household;
import crisis.core.repatriation.SeatPlanner.Leg;
import crisis.core.repatriation.SeatPlanner.Move;
import crisis.core.repatriation.SeatPlanner.MoveReason;
import crisis.core.repatriation.SeatPlanner.Plan;
import crisis.core.repatriation.SeatPlanner.Seat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The search for the best plan among those the rules allow: depth first over each household's choices in rank
 * order, branch and bound on (people seated, people of each tier seated, fewer notified households moved).
 *
 * <p><b>Why walking these choices walks exactly the plans that keep the rules.</b> Take the households in rank order,
 * and at each one's turn let it take any leg where it fits what is left (at the nearest point it reaches with room; any
 * such point when it has no location), or wait when none fits. Capacity is only consumed, so what is left on a leg
 * never grows. (1) Such a plan keeps the rules: a waiting household did not fit anywhere at its turn and fits even
 * less at the end, so no seat stays empty while it fits; and every household placed on a leg after its turn is ranked
 * after it, so what those hold, added back to what is left, is what was left at its turn, where it did not fit.
 * (2) Every plan keeping the rules is made this way: replay it in rank order; a placed household fits at its turn
 * (households ranked after it have taken nothing yet, and the plan keeps capacity); a waiting household fits at its
 * turn on no leg, for what is left then is what is left at the end plus what lower-ranked households hold there,
 * which the rule forbids it to fit in; and the point each one uses is the nearest it reaches with room at its turn,
 * which is the rule on points. So the search misses no plan and makes no other.
 *
 * <p><b>Bounds.</b> At any node, the people still to be seated are at most the seats left on all legs, and at most the
 * people of the households still to come that some leg could carry alone (a household that fits no empty leg never
 * gets a seat); the same for each tier; the moves are at least those made so far plus the notified households still
 * to come whose leg is gone or could never carry them. A branch whose bound is not better than the best plan found is
 * cut. The walk ends when nothing is left to walk, or when the best plan reaches the bound at the root (it is then
 * proven best), or after {@code budget} placements past the first plan (the best found is kept, not proven).
 *
 * <p>The first choice tried at each turn is the preferred one: the previous leg when it still fits, else a leg where
 * the household takes no room still held by households placed before and ranked after it, then the earliest
 * departure, the leg it fills best, the leg's id. Not thread-safe; one per plan.
 */
final class PlanSearch {
  private final List<Household> order;
  private final SeatPlanner planner;
  private final int n;
  private final int tiers;
  private final Map<UUID, LegRoom> rooms = new HashMap<>();
  private final List<LegRoom> byDeparture;
  private final int budget;

  /** The choices at each depth, preferred first: null until the preferred choice's subtree has been walked. */
  private final List<List<Choice>> options;
  private final int[] next;
  private final Choice[] current;
  private final int[] movedAt;
  private int seated;
  private final int[] tierSeated;
  private int moved;
  private int seatsLeft;

  /** From each depth on: the people of the households some empty leg could carry, in all and by tier. */
  private final int[] peopleFrom;
  private final int[][] tierFrom;
  /** From each depth on: the notified households that move in every plan. */
  private final int[] forcedFrom;

  private Choice[] best;
  private int bestSeated = -1;
  private int[] bestTier;
  private int bestMoved;

  /** A household's placement in the plan being built: a leg and one of its points, or the waitlist (room null). */
  private record Choice(LegRoom room, int point) {
    static final Choice WAIT = new Choice(null, -1);
  }

  PlanSearch(List<Household> order, List<Leg> legs, SeatPlanner planner, int budget) {
    this.order = order;
    this.planner = planner;
    this.budget = budget;
    this.n = order.size();
    this.tiers = order.stream().mapToInt(Household::tier).max().orElse(1);
    for (Leg l : legs) {
      rooms.put(l.id(), new LegRoom(l, planner));
      seatsLeft += l.seats();
    }
    byDeparture = rooms.values().stream()
        .sorted(Comparator.comparing((LegRoom r) -> r.leg.departsAt()).thenComparing(r -> r.leg.id())).toList();
    // What households placed before still hold, until their turn: the room a newcomer should leave to them.
    // (A household that the leg could not carry even alone holds nothing: it will move whatever the others do.)
    for (Household h : order) {
      LegRoom r = previousRoom(h);
      if (r != null && r.fitsAlone(h)) {
        r.held.add(h);
      }
    }
    options = new ArrayList<>(Collections.nCopies(n + 1, (List<Choice>) null));
    next = new int[n + 1];
    current = new Choice[n];
    movedAt = new int[n];
    tierSeated = new int[tiers + 1];
    peopleFrom = new int[n + 1];
    tierFrom = new int[n + 1][tiers + 1];
    forcedFrom = new int[n + 1];
    for (int i = n - 1; i >= 0; i--) {
      Household h = order.get(i);
      boolean carried = byDeparture.stream().anyMatch(r -> r.fitsAlone(h));
      int people = carried ? h.demand().seats() : 0;
      peopleFrom[i] = peopleFrom[i + 1] + people;
      System.arraycopy(tierFrom[i + 1], 0, tierFrom[i], 0, tiers + 1);
      tierFrom[i][h.tier()] += people;
      LegRoom r = previousRoom(h);
      boolean forced = h.notified() && h.previousLeg() != null && (r == null || !r.fitsAlone(h));
      forcedFrom[i] = forcedFrom[i + 1] + (forced ? 1 : 0);
    }
  }

  Plan run() {
    int i = 0;
    int tried = 0;
    boolean complete = true;
    if (n > 0) {
      startTurn(0);
    }
    while (true) {
      if (i == n) {
        keepIfBetter();
        if (atRootBound() || i == 0) {
          break;
        }
        i--;
        undo(i);
        continue;
      }
      Choice c = nextChoice(i);
      if (c == null) {
        endTurn(i);
        if (i == 0) {
          break;
        }
        i--;
        undo(i);
        continue;
      }
      if (best != null && !canBeat(i, c)) {
        continue;
      }
      if (best != null && ++tried > budget) {
        complete = false;
        break;
      }
      apply(i, c);
      i++;
      if (i < n) {
        startTurn(i);
      }
    }
    return planOf(complete);
  }

  /** Whether choosing {@code c} at depth {@code i} can still lead to a plan better than the best found. */
  private boolean canBeat(int i, Choice c) {
    Household h = order.get(i);
    int people = c.room() == null ? 0 : h.demand().seats();
    int left = seatsLeft - people;
    int seatsBound = seated + people + Math.min(left, peopleFrom[i + 1]);
    if (seatsBound != bestSeated) {
      return seatsBound > bestSeated;
    }
    for (int t = 1; t <= tiers; t++) {
      int bound = tierSeated[t] + (h.tier() == t ? people : 0) + Math.min(left, tierFrom[i + 1][t]);
      if (bound != bestTier[t]) {
        return bound > bestTier[t];
      }
    }
    return moved + cost(h, c) + forcedFrom[i + 1] < bestMoved;
  }

  /** Whether the best plan found reaches the bound at the root: no plan can do better. */
  private boolean atRootBound() {
    int total = rooms.values().stream().mapToInt(r -> r.leg.seats()).sum();
    if (bestSeated != Math.min(total, peopleFrom[0])) {
      return false;
    }
    for (int t = 1; t <= tiers; t++) {
      if (bestTier[t] != Math.min(total, tierFrom[0][t])) {
        return false;
      }
    }
    return bestMoved == forcedFrom[0];
  }

  private void keepIfBetter() {
    boolean better = best == null || seated > bestSeated;
    if (!better && seated == bestSeated) {
      int t = 1;
      while (t <= tiers && tierSeated[t] == bestTier[t]) {
        t++;
      }
      better = t <= tiers ? tierSeated[t] > bestTier[t] : moved < bestMoved;
    }
    if (better) {
      best = current.clone();
      bestSeated = seated;
      bestTier = tierSeated.clone();
      bestMoved = moved;
    }
  }

  /** The next choice to try at a depth, or null when all were tried; the first is the preferred one. */
  private Choice nextChoice(int i) {
    Household h = order.get(i);
    if (next[i] == 0) {
      next[i] = 1;
      return preferred(h);
    }
    if (options.get(i) == null) {
      options.set(i, choices(h));
    }
    List<Choice> all = options.get(i);
    return next[i] < all.size() ? all.get(next[i]++) : null;
  }

  /** The previous leg when it fits, else the preferred leg, at its point; the waitlist when nothing fits. */
  private Choice preferred(Household h) {
    LegRoom previous = previousRoom(h);
    LegRoom chosen = previous != null && previous.fits(h) ? previous : choose(h);
    return chosen == null ? Choice.WAIT : new Choice(chosen, chosen.point(h));
  }

  /** Every choice the rules allow the household at its turn, the preferred one first. */
  private List<Choice> choices(Household h) {
    LegRoom previous = previousRoom(h);
    List<LegRoom> fitting = new ArrayList<>();
    if (previous != null && previous.fits(h)) {
      fitting.add(previous);
    }
    List<Option> others = new ArrayList<>();
    for (LegRoom r : byDeparture) {
      if (r != previous && r.fits(h)) {
        others.add(new Option(r, h));
      }
    }
    others.sort(PREFERENCE);
    others.forEach(o -> fitting.add(o.room()));
    List<Choice> out = new ArrayList<>();
    for (LegRoom r : fitting) {
      int nearest = r.point(h);
      out.add(new Choice(r, nearest));
      if (h.latitude() == null || h.longitude() == null) {
        for (int p = 0; p < r.pointRoom.length; p++) {
          if (p != nearest && r.mayUse(h, p)) {
            out.add(new Choice(r, p));
          }
        }
      }
    }
    if (out.isEmpty()) {
      out.add(Choice.WAIT);
    }
    return out;
  }

  private LegRoom choose(Household h) {
    Option best = null;
    for (LegRoom r : byDeparture) {
      if (r.fits(h)) {
        Option o = new Option(r, h);
        if (best == null || PREFERENCE.compare(o, best) < 0) {
          best = o;
        }
      }
    }
    return best == null ? null : best.room();
  }

  private static int cost(Household h, Choice c) {
    boolean moves = h.previousLeg() != null && (c.room() == null || !c.room().leg.id().equals(h.previousLeg()));
    return h.notified() && moves ? 1 : 0;
  }

  private LegRoom previousRoom(Household h) {
    return h.previousLeg() == null ? null : rooms.get(h.previousLeg());
  }

  /** The household's turn: what it held on its previous leg is its own to take or leave now. */
  private void startTurn(int i) {
    LegRoom previous = previousRoom(order.get(i));
    if (previous != null) {
      previous.held.remove(order.get(i));
    }
    options.set(i, null);
    next[i] = 0;
  }

  /** Undoes {@link #startTurn}: the household holds its room again. */
  private void endTurn(int i) {
    Household h = order.get(i);
    LegRoom previous = previousRoom(h);
    if (previous != null && previous.fitsAlone(h)) {
      previous.held.add(h);
    }
  }

  private void apply(int i, Choice c) {
    Household h = order.get(i);
    current[i] = c;
    movedAt[i] = cost(h, c);
    moved += movedAt[i];
    if (c.room() != null) {
      c.room().take(h, c.point());
      seated += h.demand().seats();
      tierSeated[h.tier()] += h.demand().seats();
      seatsLeft -= h.demand().seats();
    }
  }

  private void undo(int i) {
    Household h = order.get(i);
    Choice c = current[i];
    moved -= movedAt[i];
    if (c.room() != null) {
      c.room().give(h, c.point());
      seated -= h.demand().seats();
      tierSeated[h.tier()] -= h.demand().seats();
      seatsLeft += h.demand().seats();
    }
    current[i] = null;
  }

  private Plan planOf(boolean complete) {
    List<Seat> seats = new ArrayList<>();
    List<UUID> waitlist = new ArrayList<>();
    List<Move> moves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Household h = order.get(i);
      Choice c = best[i];
      if (c.room() == null) {
        waitlist.add(h.id());
      } else {
        seats.add(new Seat(h.id(), c.room().leg.id(), c.room().leg.points().get(c.point()).placeId()));
      }
      UUID to = c.room() == null ? null : c.room().leg.id();
      if (h.previousLeg() != null && !h.previousLeg().equals(to)) {
        LegRoom was = previousRoom(h);
        boolean gone = was == null || was.leg.points().stream().noneMatch(p -> planner.reaches(h, p));
        moves.add(new Move(h.id(), h.previousLeg(), to, gone ? MoveReason.LEG_GONE : MoveReason.DISPLACED,
            h.notified()));
      }
    }
    return new Plan(List.copyOf(seats), List.copyOf(waitlist), List.copyOf(moves), complete);
  }

  /** A leg that fits a household, and what the choice between such legs weighs. */
  private record Option(LegRoom room, Household household) {
    boolean displacesNobody() {
      return room.fitsBeside(household);
    }
  }

  private static final Comparator<Option> PREFERENCE = Comparator.comparing((Option o) -> !o.displacesNobody())
      .thenComparing(o -> o.room().leg.departsAt())
      .thenComparingInt(o -> o.room().seats)
      .thenComparing(o -> o.room().leg.id());
}
