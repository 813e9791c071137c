package crisis.benchmarks;

import crisis.core.repatriation.Priority;
import crisis.core.repatriation.SeatPlanner;
import crisis.core.repatriation.SeatPlanner.Demand;
import crisis.core.repatriation.SeatPlanner.Household;
import crisis.core.repatriation.SeatPlanner.Leg;
import crisis.core.repatriation.SpecialNeed;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code benchmark-evacuation --households N --legs L --runs R}: the seat planner on a generated evacuation (mixed
 * household sizes and needs, flights, buses and ships with stretcher and wheelchair places) beside what a spreadsheet
 * does: first come, first served, each household on the first leg by departure where it fits. Prints the time to
 * rank and plan, seats filled against an upper bound, priority people seated, and whether each plan keeps the rules
 * (no household split, no capacity exceeded, no seat empty while a waiting household fits, no lower-ranked household
 * holding seats a waiting higher-ranked one could use), checked independently of the planner; and the seats filled by
 * other plans keeping the rules ({@code --random-plans}, each household on a random leg where it fits at its turn).
 */
public final class BenchmarkEvacuationCommand extends Command {
  private static final Instant T = Instant.parse("2026-12-02T06:00:00Z");

  public BenchmarkEvacuationCommand() {
    super("benchmark-evacuation", "plans seats for a generated evacuation, beside first come first served");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("--households").type(Integer.class).setDefault(20_000).help("households asking to leave");
    subparser.addArgument("--legs").type(Integer.class).setDefault(100).help("transport legs");
    subparser.addArgument("--runs").type(Integer.class).setDefault(10).help("timed runs of the planner");
    subparser.addArgument("--seed").type(Long.class).setDefault(20261202L).help("random seed of the instance");
    subparser.addArgument("--random-plans").type(Integer.class).setDefault(100)
        .help("other plans keeping the rules to try, each household on a random leg where it fits at its turn");
  }

  /** A generated household: its travellers' needs, where it is, when it asked. */
  record Generated(Priority.Candidate candidate, Demand demand, boolean priority) {}

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace ns) {
    int n = ns.getInt("households");
    int legCount = ns.getInt("legs");
    int runs = ns.getInt("runs");
    Random r = new Random(ns.getLong("seed"));
    List<Generated> households = generate(n, r);
    List<Leg> scarce = legs(legCount, r, 1.0);
    int people = households.stream().mapToInt(g -> g.demand().seats()).sum();
    int scarceSeats = scarce.stream().mapToInt(Leg::seats).sum();
    int priorityPeople = households.stream().filter(Generated::priority).mapToInt(g -> g.demand().seats()).sum();
    System.out.printf("%d households, %d people (%d in households with a priority criterion), %d legs%n", n, people,
        priorityPeople, legCount);
    // Two instances: seats far scarcer than people (a real evacuation's first days), and seats for about 95% of
    // them (where packing whole households onto legs decides how many seats stay empty).
    int tries = ns.getInt("random_plans");
    scenario("scarce", households, scarce, runs, tries);
    scenario("nearly enough", households, legs(legCount, new Random(ns.getLong("seed") + 1),
        0.95 * people / scarceSeats), runs, tries);
    // A third where packing decides more: the first 600 households, and minibuses of 8 to 30 seats for 95% of them.
    List<Generated> few = households.subList(0, Math.min(600, n));
    int fewPeople = few.stream().mapToInt(g -> g.demand().seats()).sum();
    scenario("minibuses, seats for 95%", few, minibuses(legCount, new Random(ns.getLong("seed") + 2),
        0.95 * fewPeople), runs, tries);
  }

  /** Small vehicles, 8 to 30 seats, about {@code seats} in all, a stretcher place on one in ten. */
  static List<Leg> minibuses(int count, Random r, double seats) {
    int[] raw = new int[count];
    int sum = 0;
    for (int i = 0; i < count; i++) {
      raw[i] = 8 + r.nextInt(23);
      sum += raw[i];
    }
    List<Leg> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int s = Math.max(1, (int) Math.round(raw[i] * seats / sum));
      out.add(new Leg(new UUID(8, i), T.plusSeconds(900L * i), s, i % 10 == 0 ? 1 : 0, i % 4 == 0 ? 1 : 0,
          List.of(new SeatPlanner.Point(new UUID(9, i), 33.6 + r.nextDouble() * 0.6, 35.3 + r.nextDouble() * 0.5,
              "LB", 0))));
    }
    return out;
  }

  private static void scenario(String name, List<Generated> households, List<Leg> legs, int runs, int tries) {
    Priority priority = new Priority(Priority.DEFAULT_TIERS);
    List<Priority.Centre> centre = List.of(new Priority.Centre(33.89, 35.50));
    LocalDate today = LocalDate.of(2026, 12, 1);
    SeatPlanner planner = new SeatPlanner();
    SeatPlanner.Plan plan = null;
    List<Household> ranked = null;
    double[] ms = new double[runs];
    for (int i = -3; i < runs; i++) {
      long t0 = System.nanoTime();
      List<Priority.Ranked> order = priority.rank(households.stream().map(Generated::candidate).toList(), centre,
          today);
      Map<UUID, Generated> byId = new HashMap<>();
      households.forEach(g -> byId.put(g.candidate().id(), g));
      ranked = order.stream().map(k -> {
        Generated g = byId.get(k.id());
        return new Household(k.id(), k.rank(), k.tier(), g.demand(), g.candidate().latitude(),
            g.candidate().longitude(), "LB", null, false);
      }).toList();
      plan = planner.plan(ranked, legs);
      if (i >= 0) {
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    Arrays.sort(ms);
    Map<UUID, UUID> ours = new HashMap<>();
    plan.seats().forEach(x -> ours.put(x.household(), x.leg()));
    int seats = legs.stream().mapToInt(Leg::seats).sum();
    System.out.printf("%n%s: %d seats on %d legs; upper bound on seats filled %d (no plan, keeping the rules or not, "
        + "fills more: every seat, every person, and what the special places can carry)%n", name, seats, legs.size(),
        upperBound(households, legs));
    System.out.printf("  ours: ranked and planned in p50 %.1f ms, max %.1f ms over %d runs; %s%n", ms[runs / 2],
        ms[runs - 1], runs, plan.optimal() ? "proven the best plan keeping the rules"
            : "search stopped at its budget (best found, not proven)");
    report("ours", households, ranked, legs, ours);
    Map<UUID, UUID> preferred = new HashMap<>();
    planner.plan(ranked, legs, 0).seats().forEach(x -> preferred.put(x.household(), x.leg()));
    report("preferred choices alone", households, ranked, legs, preferred);
    report("first come first served", households, ranked, legs, firstComeFirstServed(households, legs));
    randomPlans(households, ranked, legs, tries);
  }

  /**
   * An upper bound on the people any plan can seat, rules kept or not: at most every seat and every person; and every
   * household without a special need, plus at most what the stretcher places and wheelchair places can carry of the
   * others. For those, the households needing a stretcher share the legs' stretcher places, the rest the wheelchair
   * places; each group is a knapsack whose fractional relaxation (people per place, best first) bounds it.
   */
  static int upperBound(List<Generated> households, List<Leg> legs) {
    int seats = legs.stream().mapToInt(Leg::seats).sum();
    int stretcherPlaces = legs.stream().mapToInt(Leg::stretchers).sum();
    int wheelchairPlaces = legs.stream().mapToInt(Leg::wheelchairs).sum();
    int plain = 0;
    int people = 0;
    List<Demand> stretcher = new ArrayList<>();
    List<Demand> wheelchair = new ArrayList<>();
    for (Generated g : households) {
      Demand d = g.demand();
      people += d.seats();
      if (d.stretchers() > 0) {
        stretcher.add(d);
      } else if (d.wheelchairs() > 0) {
        wheelchair.add(d);
      } else {
        plain += d.seats();
      }
    }
    double special = fractionalKnapsack(stretcher, stretcherPlaces, Demand::stretchers)
        + fractionalKnapsack(wheelchair, wheelchairPlaces, Demand::wheelchairs);
    return Math.min(Math.min(seats, people), plain + (int) Math.floor(special + 1e-9));
  }

  private static double fractionalKnapsack(List<Demand> items, int capacity,
      java.util.function.ToIntFunction<Demand> weight) {
    List<Demand> byRatio = items.stream().sorted(Comparator.comparingDouble((Demand d) ->
        -(double) d.seats() / weight.applyAsInt(d))).toList();
    double value = 0;
    int left = capacity;
    for (Demand d : byRatio) {
      int w = weight.applyAsInt(d);
      if (w <= left) {
        value += d.seats();
        left -= w;
      } else {
        value += (double) d.seats() * left / w;
        break;
      }
    }
    return value;
  }

  /**
   * How many seats other plans keeping the rules fill: the rules allow exactly the plans that take the households in
   * rank order and put each on any leg where it fits at its turn (SeatPlanner's comment), so each try gives every
   * household a random such leg (seeds 1..tries). Each plan is checked by {@link RuleCheck}. What the best of them
   * fills is a lower bound on what any plan keeping the rules can fill; not a proof of the best.
   */
  private static void randomPlans(List<Generated> households, List<Household> ranked, List<Leg> legs, int tries) {
    if (tries <= 0) {
      return;
    }
    Map<UUID, Integer> seatsOf = new HashMap<>();
    households.forEach(g -> seatsOf.put(g.candidate().id(), g.demand().seats()));
    int best = 0;
    int worst = Integer.MAX_VALUE;
    int broken = 0;
    for (int t = 1; t <= tries; t++) {
      Random r = new Random(t);
      Map<UUID, PlacesLeft> left = PlacesLeft.of(legs);
      Map<UUID, UUID> legOf = new HashMap<>();
      for (Household h : ranked) {
        Demand d = h.demand();
        List<Leg> fitting = legs.stream().filter(l -> left.get(l.id()).fits(d)).toList();
        if (!fitting.isEmpty()) {
          Leg l = fitting.get(r.nextInt(fitting.size()));
          left.get(l.id()).take(d);
          legOf.put(h.id(), l.id());
        }
      }
      broken += RuleCheck.violations(ranked, legs, legOf).isEmpty() ? 0 : 1;
      int filled = legOf.keySet().stream().mapToInt(seatsOf::get).sum();
      best = Math.max(best, filled);
      worst = Math.min(worst, filled);
    }
    System.out.printf("  %-24s %d plans, each household on a random leg where it fits at its turn: seats filled "
        + "%d to %d (best %d), rules broken in %d of them%n", "other plans keeping the rules", tries, worst, best,
        best, broken);
  }

  private static void report(String name, List<Generated> households, List<Household> ranked, List<Leg> legs,
      Map<UUID, UUID> legOf) {
    int filled = 0;
    int priorityFilled = 0;
    int tierOne = 0;
    Map<UUID, Generated> byId = new HashMap<>();
    households.forEach(g -> byId.put(g.candidate().id(), g));
    for (Map.Entry<UUID, UUID> e : legOf.entrySet()) {
      Generated g = byId.get(e.getKey());
      filled += g.demand().seats();
      priorityFilled += g.priority() ? g.demand().seats() : 0;
    }
    Map<UUID, Integer> rankOf = new HashMap<>();
    ranked.forEach(h -> rankOf.put(h.id(), h.rank()));
    List<String> broken = RuleCheck.violations(ranked, legs, legOf);
    System.out.printf("  %-24s seats filled %d, priority people seated %d, rules: %s%n", name, filled,
        priorityFilled, broken.isEmpty() ? "all kept" : broken.size() + " broken, e.g. " + broken.get(0));
    waiting(households, legs, legOf);
  }

  /**
   * Why seats stay empty: the waiting households that need a stretcher or wheelchair place against the places left,
   * and the smallest waiting household without such a need against the most seats left on a leg.
   */
  private static void waiting(List<Generated> households, List<Leg> legs, Map<UUID, UUID> legOf) {
    Map<UUID, PlacesLeft> left = PlacesLeft.of(legs);
    Map<UUID, Generated> byId = new HashMap<>();
    households.forEach(g -> byId.put(g.candidate().id(), g));
    legOf.forEach((h, l) -> {
      left.get(l).take(byId.get(h).demand());
    });
    int special = 0;
    int specialPeople = 0;
    int plain = 0;
    int smallestPlain = Integer.MAX_VALUE;
    for (Generated g : households) {
      if (legOf.containsKey(g.candidate().id())) {
        continue;
      }
      Demand d = g.demand();
      if (d.stretchers() + d.wheelchairs() > 0) {
        special++;
        specialPeople += d.seats();
      } else {
        plain++;
        smallestPlain = Math.min(smallestPlain, d.seats());
      }
    }
    int seatsLeft = left.values().stream().mapToInt(PlacesLeft::seats).sum();
    int mostSeats = left.values().stream().mapToInt(PlacesLeft::seats).max().orElse(0);
    int stretchers = left.values().stream().mapToInt(PlacesLeft::stretchers).sum();
    int wheelchairs = left.values().stream().mapToInt(PlacesLeft::wheelchairs).sum();
    System.out.printf("  %-24s empty seats %d (at most %d on one leg), stretcher places left %d, wheelchair places "
        + "left %d; waiting: %d households (%d people) needing such a place, %d without (smallest: %s)%n", "",
        seatsLeft, mostSeats, stretchers, wheelchairs, special, specialPeople, plain,
        plain == 0 ? "none" : smallestPlain + " people");
  }

  /** What a spreadsheet does: in request order, each household on the first leg by departure where it fits. */
  static Map<UUID, UUID> firstComeFirstServed(List<Generated> households, List<Leg> legs) {
    List<Leg> byDeparture = legs.stream().sorted(Comparator.comparing(Leg::departsAt).thenComparing(Leg::id)).toList();
    Map<UUID, PlacesLeft> left = PlacesLeft.of(legs);
    Map<UUID, UUID> out = new HashMap<>();
    List<Generated> order = households.stream()
        .sorted(Comparator.comparing((Generated g) -> g.candidate().requestedAt())).toList();
    for (Generated g : order) {
      Demand d = g.demand();
      for (Leg l : byDeparture) {
        PlacesLeft x = left.get(l.id());
        if (x.fits(d)) {
          x.take(d);
          out.put(g.candidate().id(), l.id());
          break;
        }
      }
    }
    return out;
  }

  /** The places a leg has left while households are put on it. */
  private static final class PlacesLeft {
    private int seats;
    private int stretchers;
    private int wheelchairs;

    private PlacesLeft(Leg leg) {
      seats = leg.seats();
      stretchers = leg.stretchers();
      wheelchairs = leg.wheelchairs();
    }

    /** Each leg's places, all free. */
    static Map<UUID, PlacesLeft> of(List<Leg> legs) {
      Map<UUID, PlacesLeft> out = new HashMap<>();
      legs.forEach(l -> out.put(l.id(), new PlacesLeft(l)));
      return out;
    }

    boolean fits(Demand d) {
      return d.seats() <= seats && d.stretchers() <= stretchers && d.wheelchairs() <= wheelchairs;
    }

    void take(Demand d) {
      seats -= d.seats();
      stretchers -= d.stretchers();
      wheelchairs -= d.wheelchairs();
    }

    int seats() {
      return seats;
    }

    int stretchers() {
      return stretchers;
    }

    int wheelchairs() {
      return wheelchairs;
    }
  }

  static List<Generated> generate(int n, Random r) {
    int[] sizes = {1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6, 8};
    List<Generated> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int size = sizes[r.nextInt(sizes.length)];
      List<Priority.Member> members = new ArrayList<>();
      int stretchers = 0;
      int wheelchairs = 0;
      boolean priority = false;
      for (int m = 0; m < size; m++) {
        Set<SpecialNeed> needs = EnumSet.noneOf(SpecialNeed.class);
        double p = r.nextDouble();
        if (p < 0.01) {
          needs.add(SpecialNeed.STRETCHER);
          stretchers++;
        } else if (p < 0.04) {
          needs.add(SpecialNeed.WHEELCHAIR);
          wheelchairs++;
        } else if (p < 0.05) {
          needs.add(SpecialNeed.OXYGEN);
        } else if (p < 0.07) {
          needs.add(SpecialNeed.PREGNANCY);
        } else if (p < 0.075 && size == 1) {
          needs.add(SpecialNeed.UNACCOMPANIED_MINOR);
        }
        LocalDate born = LocalDate.of(2026 - (m >= 2 ? 1 + r.nextInt(17) : 18 + r.nextInt(65)), 1 + r.nextInt(12), 1);
        priority |= !needs.isEmpty() || born.isAfter(LocalDate.of(2021, 12, 1))
            || !born.isAfter(LocalDate.of(1956, 12, 1));
        members.add(new Priority.Member("p" + m, needs, born));
      }
      Instant asked = T.minusSeconds(86_400).plusSeconds(r.nextInt(86_400));
      out.add(new Generated(new Priority.Candidate(new UUID(7, i), members, 33.6 + r.nextDouble() * 0.6,
          35.3 + r.nextDouble() * 0.5, asked), new Demand(size, stretchers, wheelchairs), priority));
    }
    return out;
  }

  /** @param scale how many times the usual number of seats each leg carries */
  static List<Leg> legs(int count, Random r, double scale) {
    List<Leg> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int kind = i % 10;
      int seats = (int) Math.round((kind < 6 ? 150 + r.nextInt(150) : kind < 9 ? 50 : 600) * scale);
      int stretchers = (int) Math.round((kind < 6 ? r.nextInt(3) : kind == 9 ? 10 : 0) * scale);
      int wheelchairs = (int) Math.round((kind < 6 ? 2 + r.nextInt(4) : kind < 9 ? 1 : 20) * scale);
      List<SeatPlanner.Point> points = new ArrayList<>();
      for (int p = 0; p < 1 + r.nextInt(3); p++) {
        points.add(new SeatPlanner.Point(new UUID(9, i * 10 + p), 33.6 + r.nextDouble() * 0.6,
            35.3 + r.nextDouble() * 0.5, "LB", 0));
      }
      out.add(new Leg(new UUID(8, i), T.plusSeconds(1800L * i), seats, stretchers, wheelchairs, points));
    }
    return out;
  }
}
