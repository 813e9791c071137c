package crisis.core.repatriation;

import crisis.core.geo.CircleZone;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Puts households on transport legs. Pure and deterministic: the same input gives the same plan.
 *
 * <p><b>The rules</b> (docs/repatriation.md has the long form and the proofs). A household goes whole on one leg or
 * waits; no capacity is exceeded (seats, stretcher places, wheelchair places, room at each assembly point); a household
 * goes only to a point it can reach (within {@link #reachKm} of where it is; without a location, a point in its
 * country of residence), the nearest such point of its leg that has room; no seat stays empty while a waiting
 * household fits; and a lower-ranked household never holds room on a leg that a waiting higher-ranked one could
 * have used there.
 *
 * <p><b>Which plan.</b> The plans keeping the rules are exactly those made by taking the households in rank order (1
 * first; ranks are distinct) and putting each on any leg where it fits what is left at its turn, or on the waitlist
 * when none fits ({@link PlanSearch} proves it). Among them the planner wants, in this order: the most people seated;
 * then the most people of the first tier seated, then of the second, and so on; then, on a re-plan, the fewest
 * notified households moved. {@link PlanSearch} searches them exactly, branch and bound, and says whether it proved its
 * plan the best ({@link Plan#optimal}) or stopped at its budget. Between plans equally good, the first found wins:
 * each household tries first its previous leg when it still fits there, then a leg where it takes no room that
 * households placed before, ranked after it, still hold, then the earliest departure, the leg it fills best, the
 * leg's id.
 *
 * <p>Thread-safe (no state besides the reach).
 */
public final class SeatPlanner {
  /**
   * How far a household is expected to travel to an assembly point by default, in km of great circle: a few hours by
   * road when roads are unsafe. Beyond it a leg is not a fit (a Tripoli family is not put on a Benghazi bus, 650 km
   * away); {@code repatriation.reachKm} sets it.
   */
  public static final double DEFAULT_REACH_KM = 150;

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
   * @param tier its priority tier, 1 first (the rank orders the households within and across tiers)
   * @param latitude where it is, or null
   * @param country its country of residence (ISO alpha-2): the points it reaches when it has no location
   * @param previousLeg the leg the last plan gave it, or null
   * @param notified whether it was told of that leg (moving it means telling it again)
   */
  public record Household(UUID id, int rank, int tier, Demand demand, Double latitude, Double longitude,
      String country, UUID previousLeg, boolean notified) {
    public Household {
      if (tier < 1) {
        throw new IllegalArgumentException("a household's tier is 1 or more, not " + tier);
      }
    }
  }

  /**
   * An assembly point a leg leaves from: where it is, in which country, and how many of the leg's travellers it can
   * hold (0: no limit).
   */
  public record Point(UUID placeId, double latitude, double longitude, String country, int capacity) {}

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
    /** Its leg is no longer in the plan (cancelled, departed, or full of people checked in), or out of its reach. */
    LEG_GONE,
    /** Households ranked before it took the room it had, or the plan seats more people with it elsewhere. */
    DISPLACED
  }

  /** A household placed before that the plan moves: to another leg, or to the waitlist ({@code to} null). */
  public record Move(UUID household, UUID from, UUID to, MoveReason reason, boolean notified) {}

  /**
   * The plan: seats in rank order, the waitlist in rank order, and the moves of households placed before.
   *
   * @param optimal whether the search proved that no plan keeping the rules does better (more people seated, then
   *     more of each tier, then fewer notified households moved); false when it stopped at its budget, keeping the
   *     best plan it had found
   */
  public record Plan(List<Seat> seats, List<UUID> waitlist, List<Move> moves, boolean optimal) {}

  /**
   * How many placements the search may make after its first plan: it bounds a plan's time on a large evacuation
   * (about a second at 20,000 households and 100 legs here). A count, not a time: same input, same plan.
   */
  static final int SEARCH_BUDGET = 50_000;

  private final double reachKm;

  /** A planner with {@link #DEFAULT_REACH_KM}. */
  public SeatPlanner() {
    this(DEFAULT_REACH_KM);
  }

  /** @param reachKm how far from its point a household may be, in km, above 0 */
  public SeatPlanner(double reachKm) {
    if (!(reachKm > 0) || Double.isInfinite(reachKm)) {
      throw new IllegalArgumentException("reachKm must be a number of km above 0, not " + reachKm);
    }
    this.reachKm = reachKm;
  }

  public double reachKm() {
    return reachKm;
  }

  public Plan plan(List<Household> households, List<Leg> legs) {
    return plan(households, legs, SEARCH_BUDGET);
  }

  /**
   * The same with another budget of placements past the first plan (0: the plan of the preferred choices alone,
   * unsearched); for tests and benchmarks.
   */
  public Plan plan(List<Household> households, List<Leg> legs, int budget) {
    requireDistinct(households);
    List<Household> order = households.stream().sorted(Comparator.comparingInt(Household::rank)
        .thenComparing(Household::id)).toList();
    return new PlanSearch(order, legs, this, budget).run();
  }

  /** Whether the household can reach the point: within reach of where it is, or, without a location, in its country. */
  public boolean reaches(Household h, Point p) {
    if (h.latitude() == null || h.longitude() == null) {
      return h.country() == null || h.country().equals(p.country());
    }
    return CircleZone.distanceKm(h.latitude(), h.longitude(), p.latitude(), p.longitude()) <= reachKm;
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
