package crisis.core.repatriation;

import crisis.core.geo.CircleZone;
import crisis.core.repatriation.SeatPlanner.Demand;
import crisis.core.repatriation.SeatPlanner.Household;
import crisis.core.repatriation.SeatPlanner.Leg;
import crisis.core.repatriation.SeatPlanner.Point;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What is left on one leg while a plan fills it: seats, special places, room at each point. Not thread-safe. */
final class LegRoom {
  final Leg leg;
  private final SeatPlanner planner;
  int seats;
  int stretchers;
  int wheelchairs;
  /** Room left at each point, in the leg's point order; {@link Integer#MAX_VALUE} for a point without a limit. */
  final int[] pointRoom;
  /** Demands of households placed on this leg before whose turn has not come yet. */
  final Held held = new Held();

  LegRoom(Leg leg, SeatPlanner planner) {
    this.leg = leg;
    this.planner = planner;
    this.seats = leg.seats();
    this.stretchers = leg.stretchers();
    this.wheelchairs = leg.wheelchairs();
    this.pointRoom = leg.points().stream().mapToInt(p -> p.capacity() == 0 ? Integer.MAX_VALUE : p.capacity())
        .toArray();
  }

  /** Whether the household fits what is left: on the leg, and at a point it reaches. */
  boolean fits(Household h) {
    Demand d = h.demand();
    return d.seats() <= seats && d.stretchers() <= stretchers && d.wheelchairs() <= wheelchairs && point(h) >= 0;
  }

  /** Whether the empty leg could carry the household (what decides, before a plan, if it holds room here). */
  boolean fitsAlone(Household h) {
    Demand d = h.demand();
    return d.seats() <= leg.seats() && d.stretchers() <= leg.stretchers() && d.wheelchairs() <= leg.wheelchairs()
        && leg.points().stream().anyMatch(p -> (p.capacity() == 0 || p.capacity() >= d.seats())
            && planner.reaches(h, p));
  }

  /**
   * The index of the nearest point the household reaches that has room for it (the first by id when it has no
   * location), or -1.
   */
  int point(Household h) {
    int best = -1;
    double bestKm = Double.MAX_VALUE;
    for (int i = 0; i < pointRoom.length; i++) {
      if (pointRoom[i] < h.demand().seats()) {
        continue;
      }
      Point p = leg.points().get(i);
      if (!planner.reaches(h, p)) {
        continue;
      }
      if (h.latitude() == null || h.longitude() == null) {
        return i;
      }
      double km = CircleZone.distanceKm(h.latitude(), h.longitude(), p.latitude(), p.longitude());
      if (km < bestKm) {
        best = i;
        bestKm = km;
      }
    }
    return best;
  }

  /** Whether the household may go to point {@code i}: it reaches it and it has room. */
  boolean mayUse(Household h, int i) {
    return pointRoom[i] >= h.demand().seats() && planner.reaches(h, leg.points().get(i));
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

  /** The demands of households, and their running sum. */
  static final class Held {
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
}
