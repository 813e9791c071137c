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
 * a household placed before keeps its leg when it still fits there (re-planning moves few); a new one prefers a leg
 * where it takes no room that households placed before, ranked after it, still hold (so that they need not move);
 * then the earliest departure (the most urgent leave first); then the leg it fills best; then the leg's id. Within
 * its leg a household goes to the nearest assembly point with room (great-circle distance from where it is; the
 * first point by id when it has no location).
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
   */
  public record Plan(List<Seat> seats, List<UUID> waitlist, List<Move> moves) {}

  public Plan plan(List<Household> households, List<Leg> legs) {
    requireDistinct(households);
    List<Household> order = households.stream().sorted(Comparator.comparingInt(Household::rank)
        .thenComparing(Household::id)).toList();
    Map<UUID, Room> rooms = new HashMap<>();
    for (Leg l : legs) {
      rooms.put(l.id(), new Room(l));
    }
    // What households placed before still hold, until their turn: the room a newcomer should leave to them.
    // (A household that the leg could not carry even alone holds nothing: it will move whatever the others do.)
    for (Household h : order) {
      Room r = h.previousLeg() == null ? null : rooms.get(h.previousLeg());
      if (r != null && r.fits(h)) {
        r.held.add(h);
      }
    }
    List<Room> byPreference = legs.stream().map(l -> rooms.get(l.id()))
        .sorted(Comparator.comparing((Room r) -> r.leg.departsAt()).thenComparing(r -> r.leg.id())).toList();
    List<Seat> seats = new ArrayList<>();
    List<UUID> waitlist = new ArrayList<>();
    List<Move> moves = new ArrayList<>();
    for (Household h : order) {
      Room previous = h.previousLeg() == null ? null : rooms.get(h.previousLeg());
      if (previous != null) {
        previous.held.remove(h);
      }
      Room chosen = previous != null && previous.fits(h) ? previous : choose(h, byPreference);
      if (chosen == null) {
        waitlist.add(h.id());
      } else {
        seats.add(new Seat(h.id(), chosen.leg.id(), chosen.take(h)));
      }
      if (h.previousLeg() != null && (chosen == null || chosen != previous)) {
        moves.add(new Move(h.id(), h.previousLeg(), chosen == null ? null : chosen.leg.id(),
            previous == null ? MoveReason.LEG_GONE : MoveReason.DISPLACED, h.notified()));
      }
    }
    return new Plan(List.copyOf(seats), List.copyOf(waitlist), List.copyOf(moves));
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

    UUID take(Household h) {
      int i = point(h);
      Demand d = h.demand();
      seats -= d.seats();
      stretchers -= d.stretchers();
      wheelchairs -= d.wheelchairs();
      if (pointRoom[i] != Integer.MAX_VALUE) {
        pointRoom[i] -= d.seats();
      }
      return leg.points().get(i).placeId();
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
