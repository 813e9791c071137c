package crisis.core.repatriation;

import crisis.core.geo.CircleZone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Puts households on transport legs. Pure and deterministic: the same input gives the same plan.
 *
 * <p>The algorithm, and why it keeps the rules (docs/repatriation.md has the long form). Households are taken in
 * rank order (1 first; ranks are distinct). Each is placed whole on one leg where its demand fits what is left — seats,
 * stretcher places, wheelchair places, and room at one of the leg's assembly points — or waits. Capacity is only
 * ever consumed, so what is left on a leg never grows during a plan. Hence:
 * <ul>
 *   <li>a household is never split, and no capacity is exceeded (each placement is checked);</li>
 *   <li>no seat stays empty while a waiting household fits: a household that waits did not fit any leg when its
 *       turn came, and fits even less afterwards;</li>
 *   <li>a lower-ranked household never takes a seat that a waiting higher-ranked one could have used on that leg:
 *       when the higher one's turn came, the lower one was not yet placed, so what was left on the leg then was at
 *       least what is left now plus the lower one's demand, and the higher one did not fit in it.</li>
 * </ul>
 * These hold whichever leg a fitting household is given, which leaves the choice of leg free for the other aims:
 * a household placed before keeps its leg when it still fits there; a new one prefers a leg
 * where it takes no room that households placed before, ranked after it, still hold (so that they need not move);
 * then the earliest departure (the most urgent leave first); then the leg it fills best; then the leg's id. Within
 * its leg a household goes to the nearest assembly point with room (great-circle distance from where it is; the
 * first point by id when it has no location). That is the first plan; {@link Search} then looks for one that moves
 * fewer notified households.
 *
 * <p>Thread-safe (no state).
 */
public final class SeatPlanner {
  /** What a household needs on a leg. */
  public record Demand(int seats, int stretchers, int wheelchairs) {
    public Demand {
      if (seats < 1 || stretchers < 0 || wheelchairs < 0 || stretchers > seats || wheelchairs > seats) {
        throw new IllegalArgumentException("a household takes 1 or more seats, and no more special places than seats");
      }
    }
  }

  /**
   * A household to place.
   *
   * @param rank its priority rank, 1 first, distinct across the households of one plan
   * @param latitude where it is, or null
   * @param previousLeg the leg the last plan gave it, or null
   * @param notified whether it was told of that leg (moving it means telling it again)
   */
  public record Household(UUID id, int rank, Demand demand, Double latitude, Double longitude, UUID previousLeg,
      boolean notified) {}

  /** An assembly point a leg leaves from, and how many of the leg's travellers it can hold (0: no limit). */
  public record Point(UUID placeId, double latitude, double longitude, int capacity) {}

  /** A leg that can take travellers: what it can carry and where it leaves from (at least one point). */
  public record Leg(UUID id, Instant departsAt, int seats, int stretchers, int wheelchairs, List<Point> points) {
    public Leg {
      if (points.isEmpty()) {
        throw new IllegalArgumentException("leg " + id + " leaves from no assembly point");
      }
      points = points.stream().sorted(Comparator.comparing(Point::placeId)).toList();
    }
  }

  /** A household on a leg, sent to one of its points. */
  public record Seat(UUID household, UUID leg, UUID point) {}

  /** Why a household placed before is not where it was. */
  public enum MoveReason {
    /** Its leg is no longer in the plan (cancelled, departed, or full of people checked in). */
    LEG_GONE,
    /** Households ranked before it (new requests, changed needs) took the room it had. */
    DISPLACED
  }

  /** A household placed before that the plan moves: to another leg, or to the waitlist ({@code to} null). */
  public record Move(UUID household, UUID from, UUID to, MoveReason reason, boolean notified) {}

  /**
   * The plan: seats in rank order, the waitlist in rank order, and the moves of households placed before.
   *
   * @param fewestMoves whether no plan keeping the rules moves fewer notified households (the search walked them
   *     all within its budget); false only on a large re-plan where the budget ran out first
   */
  public record Plan(List<Seat> seats, List<UUID> waitlist, List<Move> moves, boolean fewestMoves) {}

  /**
   * How many placements the search for fewer moves may try after the first plan: it bounds a re-plan's time on a
   * large evacuation (a few hundred ms here); the first plan found is the one described above.
   */
  static final int SEARCH_BUDGET = 50_000;

  public Plan plan(List<Household> households, List<Leg> legs) {
    requireDistinct(households);
    List<Household> order = households.stream().sorted(Comparator.comparingInt(Household::rank)
        .thenComparing(Household::id)).toList();
    return new Search(order, legs, SEARCH_BUDGET).run();
  }

  /** A household's placement in a plan being built: a leg and one of its points, or the waitlist (room null). */
  private record Choice(Room room, int point) {
    static final Choice WAIT = new Choice(null, -1);
  }

  /**
   * The plans the rules allow are exactly those that take the households in rank order and put each on one of the
   * legs where it fits at its turn, at the nearest point with room (any point with room when it has no location),
   * or on the waitlist when none fits: a household that waits did not fit when its turn came, and a lower-ranked one
   * placed on a leg afterwards took room that it could not use then. So a depth-first search over those choices, in
   * rank order, walks every plan that keeps the rules. It tries the preferred choice first (the first plan is the
   * greedy plan of the class comment) and keeps a later plan only if it moves fewer notified households; a branch is
   * cut as soon as the moves made so far, plus the households that will have to move whatever happens (their leg is
   * gone or could never carry them), reach the best plan's. The search ends when it has walked every plan that could
   * do better (the plan then moves the fewest possible: {@link Plan#fewestMoves}), or after {@code budget}
   * placements, keeping the best plan found. Same input, same walk, same plan.
   */
  private static final class Search {
    final List<Household> order;
    final Map<UUID, Room> rooms = new HashMap<>();
    final List<Room> byPreference;
    final int budget;
    final int n;
    /** The choices at each depth: null until the first choice's subtree has been walked. */
    final List<List<Choice>> options;
    final int[] next;
    final Choice[] current;
    final int[] costAt;
    /** Notified households from each depth on that will move in every plan. */
    final int[] forcedFrom;
    Choice[] best;
    int bestCost = Integer.MAX_VALUE;

    Search(List<Household> order, List<Leg> legs, int budget) {
      this.order = order;
      this.budget = budget;
      this.n = order.size();
      for (Leg l : legs) {
        rooms.put(l.id(), new Room(l));
      }
      // What households placed before still hold, until their turn: the room a newcomer should leave to them.
      // (A household that the leg could not carry even alone holds nothing: it will move whatever the others do.)
      for (Household h : order) {
        Room r = previousRoom(h);
        if (r != null && r.fits(h)) {
          r.held.add(h);
        }
      }
      byPreference = legs.stream().map(l -> rooms.get(l.id()))
          .sorted(Comparator.comparing((Room r) -> r.leg.departsAt()).thenComparing(r -> r.leg.id())).toList();
      options = new ArrayList<>(java.util.Collections.nCopies(n + 1, (List<Choice>) null));
      next = new int[n + 1];
      current = new Choice[n];
      costAt = new int[n];
      forcedFrom = new int[n + 1];
      for (int i = n - 1; i >= 0; i--) {
        Household h = order.get(i);
        Room r = previousRoom(h);
        boolean forced = h.notified() && h.previousLeg() != null && (r == null || !r.fits(h));
        forcedFrom[i] = forcedFrom[i + 1] + (forced ? 1 : 0);
      }
    }

    Plan run() {
      int i = 0;
      int cost = 0;
      int tried = 0;
      boolean complete = true;
      if (n > 0) {
        startTurn(0);
      }
      while (true) {
        if (i == n) {
          if (cost < bestCost) {
            bestCost = cost;
            best = current.clone();
          }
          if (bestCost == forcedFrom[0] || i == 0) {
            break;
          }
          i--;
          undo(i);
          cost -= costAt[i];
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
          cost -= costAt[i];
          continue;
        }
        int add = cost(order.get(i), c);
        if (best != null && cost + add + forcedFrom[i + 1] >= bestCost) {
          continue;
        }
        if (best != null && ++tried > budget) {
          complete = false;
          break;
        }
        apply(i, c);
        costAt[i] = add;
        cost += add;
        i++;
        if (i < n) {
          startTurn(i);
        }
      }
      return planOf(complete);
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
      // The preferred choice is the list's first: tried already.
      List<Choice> all = options.get(i);
      return next[i] < all.size() ? all.get(next[i]++) : null;
    }

    /** The choice of the class comment: the previous leg when it fits, else the preferred leg, at its point. */
    private Choice preferred(Household h) {
      Room previous = previousRoom(h);
      Room chosen = previous != null && previous.fits(h) ? previous : choose(h, byPreference);
      return chosen == null ? Choice.WAIT : new Choice(chosen, chosen.point(h));
    }

    /** Every choice the rules allow the household at its turn, the preferred one first. */
    private List<Choice> choices(Household h) {
      Room previous = previousRoom(h);
      List<Room> fitting = new ArrayList<>();
      if (previous != null && previous.fits(h)) {
        fitting.add(previous);
      }
      List<Option> others = new ArrayList<>();
      for (Room r : byPreference) {
        if (r != previous && r.fits(h)) {
          others.add(new Option(r, h));
        }
      }
      others.sort(PREFERENCE);
      others.forEach(o -> fitting.add(o.room()));
      List<Choice> out = new ArrayList<>();
      for (Room r : fitting) {
        int nearest = r.point(h);
        out.add(new Choice(r, nearest));
        if (h.latitude() == null) {
          for (int p = 0; p < r.pointRoom.length; p++) {
            if (p != nearest && r.pointRoom[p] >= h.demand().seats()) {
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

    private static int cost(Household h, Choice c) {
      boolean moves = h.previousLeg() != null && (c.room() == null || !c.room().leg.id().equals(h.previousLeg()));
      return h.notified() && moves ? 1 : 0;
    }

    private Room previousRoom(Household h) {
      return h.previousLeg() == null ? null : rooms.get(h.previousLeg());
    }

    /** The household's turn: what it held on its previous leg is its own to take or leave now. */
    private void startTurn(int i) {
      Room previous = previousRoom(order.get(i));
      if (previous != null) {
        previous.held.remove(order.get(i));
      }
      options.set(i, null);
      next[i] = 0;
    }

    /** Undoes {@link #startTurn}: the household holds its room again. */
    private void endTurn(int i) {
      Household h = order.get(i);
      Room previous = previousRoom(h);
      if (previous != null && previous.fitsAlone(h)) {
        previous.held.add(h);
      }
    }

    private void apply(int i, Choice c) {
      current[i] = c;
      if (c.room() != null) {
        c.room().take(order.get(i), c.point());
      }
    }

    private void undo(int i) {
      Choice c = current[i];
      if (c.room() != null) {
        c.room().give(order.get(i), c.point());
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
          moves.add(new Move(h.id(), h.previousLeg(), to,
              previousRoom(h) == null ? MoveReason.LEG_GONE : MoveReason.DISPLACED, h.notified()));
        }
      }
      return new Plan(List.copyOf(seats), List.copyOf(waitlist), List.copyOf(moves), complete);
    }
  }

  private static Room choose(Household h, List<Room> byPreference) {
    Room best = null;
    for (Room r : byPreference) {
      if (r.fits(h) && (best == null || PREFERENCE.compare(new Option(r, h), new Option(best, h)) < 0)) {
        best = r;
      }
    }
    return best;
  }

  /** A leg that fits a household, and what the choice between such legs weighs. */
  private record Option(Room room, Household household) {
    boolean displacesNobody() {
      return room.fitsBeside(household);
    }
  }

  private static final Comparator<Option> PREFERENCE = Comparator.comparing((Option o) -> !o.displacesNobody())
      .thenComparing(o -> o.room().leg.departsAt())
      .thenComparingInt(o -> o.room().seats)
      .thenComparing(o -> o.room().leg.id());

  /** What is left on one leg as the plan fills it. */
  private static final class Room {
    final Leg leg;
    int seats;
    int stretchers;
    int wheelchairs;
    final int[] pointRoom;
    /** Demands of households placed on this leg before whose turn has not come yet. */
    final Held held = new Held();

    Room(Leg leg) {
      this.leg = leg;
      this.seats = leg.seats();
      this.stretchers = leg.stretchers();
      this.wheelchairs = leg.wheelchairs();
      this.pointRoom = leg.points().stream().mapToInt(p -> p.capacity() == 0 ? Integer.MAX_VALUE : p.capacity())
          .toArray();
    }

    boolean fits(Household h) {
      Demand d = h.demand();
      return d.seats() <= seats && d.stretchers() <= stretchers && d.wheelchairs() <= wheelchairs
          && point(h) >= 0;
    }

    /**
     * Whether it fits beside what households placed here before, ranked after it, still hold: on the leg, and at
     * its points when they have a capacity (the held households, largest first, each at the point with most room).
     */
    boolean fitsBeside(Household h) {
      Demand d = h.demand();
      if (d.seats() > seats - held.seats || d.stretchers() > stretchers - held.stretchers
          || d.wheelchairs() > wheelchairs - held.wheelchairs) {
        return false;
      }
      if (held.demands.isEmpty() || Arrays.stream(pointRoom).allMatch(r -> r == Integer.MAX_VALUE)) {
        return true;
      }
      int[] room = pointRoom.clone();
      int at = point(h);
      if (room[at] != Integer.MAX_VALUE) {
        room[at] -= d.seats();
      }
      List<Integer> sizes = held.demands.values().stream().map(Demand::seats).sorted(Comparator.reverseOrder()).toList();
      for (int size : sizes) {
        int most = 0;
        for (int i = 1; i < room.length; i++) {
          if (room[i] > room[most]) {
            most = i;
          }
        }
        if (room[most] < size) {
          return false;
        }
        if (room[most] != Integer.MAX_VALUE) {
          room[most] -= size;
        }
      }
      return true;
    }

    /** The index of the nearest point with room for the household, or -1. */
    int point(Household h) {
      int best = -1;
      double bestKm = Double.MAX_VALUE;
      for (int i = 0; i < pointRoom.length; i++) {
        if (pointRoom[i] < h.demand().seats()) {
          continue;
        }
        if (h.latitude() == null) {
          return i;
        }
        Point p = leg.points().get(i);
        double km = CircleZone.distanceKm(h.latitude(), h.longitude(), p.latitude(), p.longitude());
        if (km < bestKm) {
          best = i;
          bestKm = km;
        }
      }
      return best;
    }

    void take(Household h, int point) {
      Demand d = h.demand();
      seats -= d.seats();
      stretchers -= d.stretchers();
      wheelchairs -= d.wheelchairs();
      if (pointRoom[point] != Integer.MAX_VALUE) {
        pointRoom[point] -= d.seats();
      }
    }

    /** Undoes {@link #take}. */
    void give(Household h, int point) {
      Demand d = h.demand();
      seats += d.seats();
      stretchers += d.stretchers();
      wheelchairs += d.wheelchairs();
      if (pointRoom[point] != Integer.MAX_VALUE) {
        pointRoom[point] += d.seats();
      }
    }

    /** Whether the empty leg could carry the household (what decides, before a plan, if it holds room here). */
    boolean fitsAlone(Household h) {
      Demand d = h.demand();
      return d.seats() <= leg.seats() && d.stretchers() <= leg.stretchers() && d.wheelchairs() <= leg.wheelchairs()
          && leg.points().stream().anyMatch(p -> p.capacity() == 0 || p.capacity() >= d.seats());
    }
  }

  /** The demands of households, and their running sum. */
  private static final class Held {
    final Map<UUID, Demand> demands = new HashMap<>();
    int seats;
    int stretchers;
    int wheelchairs;

    void add(Household h) {
      Demand d = h.demand();
      demands.put(h.id(), d);
      seats += d.seats();
      stretchers += d.stretchers();
      wheelchairs += d.wheelchairs();
    }

    /** Takes the household's demand out, if it held one. */
    void remove(Household h) {
      Demand d = demands.remove(h.id());
      if (d != null) {
        seats -= d.seats();
        stretchers -= d.stretchers();
        wheelchairs -= d.wheelchairs();
      }
    }
  }

  private static void requireDistinct(List<Household> households) {
    Set<UUID> ids = new HashSet<>();
    Set<Integer> ranks = new HashSet<>();
    for (Household h : households) {
      if (!ids.add(h.id()) || !ranks.add(h.rank())) {
        throw new IllegalArgumentException("households and their ranks must be distinct: " + h.id());
      }
    }
  }
}
