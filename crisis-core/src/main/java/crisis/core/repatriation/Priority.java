package crisis.core.repatriation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The order in which households get seats, with its reasons. A household's tier is the best tier of its members,
 * from the criteria each tier lists (a special need, or {@link Criterion#YOUNG_CHILD}: a member under
 * {@value #YOUNG_CHILD_YEARS}); then its exposure: the great-circle distance from the danger zone's centre, nearest
 * first, a household without a location after those with one; then the time of its request; then its id. Ranks are
 * distinct, 1 first. Thread-safe.
 */
public final class Priority {
  public static final int YOUNG_CHILD_YEARS = 5;
  public static final int ELDERLY_YEARS = 70;

  /** What puts a household in a tier. */
  public enum Criterion {
    UNACCOMPANIED_MINOR, STRETCHER, OXYGEN, MEDICAL_ESCORT, WHEELCHAIR, PREGNANCY, ELDERLY, YOUNG_CHILD;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * The default order: unaccompanied minors and medical emergencies, then reduced mobility, pregnancy, the elderly,
   * families with young children; everyone else after.
   */
  public static final List<Set<Criterion>> DEFAULT_TIERS = List.of(
      EnumSet.of(Criterion.UNACCOMPANIED_MINOR, Criterion.STRETCHER, Criterion.OXYGEN, Criterion.MEDICAL_ESCORT),
      EnumSet.of(Criterion.WHEELCHAIR), EnumSet.of(Criterion.PREGNANCY), EnumSet.of(Criterion.ELDERLY),
      EnumSet.of(Criterion.YOUNG_CHILD));

  /** A traveller as the priority reads them. */
  public record Member(String name, Set<SpecialNeed> needs, LocalDate dateOfBirth) {}

  /** A household to rank: its members, where it is (null: unknown), when it asked. */
  public record Candidate(UUID id, List<Member> members, Double latitude, Double longitude, Instant requestedAt) {}

  /** A household's place in the order, and why. */
  public record Ranked(UUID id, int rank, int tier, Double exposureKm, Instant requestedAt, List<String> reasons,
      Why why) {}

  /**
   * The reasons of a rank in parts that a reader's language can say (the console writes them in French, Arabic or
   * English; {@code reasons} says them in English): the household's tier of {@code tiers} (the last: no criterion), the
   * criteria that put it there with the member each is for, its distance in km from the nearest danger zone's centre
   * ({@code exposureCounts}: the crisis has centres; null: the household's location is unknown), when it asked.
   */
  public record Why(int tier, int tiers, List<Because> criteria, Double exposureKm, boolean exposureCounts,
      Instant requestedAt) {}

  /** A criterion met, and by whom. */
  public record Because(Criterion criterion, String member) {}

  private final List<Set<Criterion>> tiers;

  /** @param tiers the criteria of each tier, best first; a household meeting none is in the tier after the last */
  public Priority(List<Set<Criterion>> tiers) {
    this.tiers = tiers.stream().map(t -> (Set<Criterion>) EnumSet.copyOf(t)).toList();
  }

  /** The centre of a danger zone, in degrees. */
  public record Centre(double latitude, double longitude) {}

  /**
   * @param centres the centres of the crisis's danger zones (exposure is the distance to the nearest); empty: exposure
   *     plays no part
   * @param today the date ages are computed at
   */
  public List<Ranked> rank(List<Candidate> households, List<Centre> centres, LocalDate today) {
    record Keyed(Candidate c, int tier, Set<String> why, List<Because> because, Double km) {}
    List<Keyed> keyed = new ArrayList<>();
    for (Candidate c : households) {
      int tier = tiers.size() + 1;
      Set<String> why = new LinkedHashSet<>();
      List<Because> because = new ArrayList<>();
      for (Member m : c.members()) {
        for (Criterion k : criteria(m, today)) {
          int t = tierOf(k);
          if (t < tier) {
            tier = t;
            why.clear();
            because.clear();
          }
          if (t == tier && why.add(k.label() + " (" + m.name() + ")")) {
            because.add(new Because(k, m.name()));
          }
        }
      }
      Double km = null;
      if (c.latitude() != null) {
        for (Centre z : centres) {
          double d = Math.round(crisis.core.geo.CircleZone.distanceKm(z.latitude(), z.longitude(), c.latitude(),
              c.longitude()) * 10) / 10.0;
          km = km == null ? d : Math.min(km, d);
        }
      }
      keyed.add(new Keyed(c, tier, why, because, km));
    }
    keyed.sort(Comparator.comparingInt(Keyed::tier)
        .thenComparing(Keyed::km, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(k -> k.c().requestedAt())
        .thenComparing(k -> k.c().id()));
    List<Ranked> out = new ArrayList<>(keyed.size());
    for (int i = 0; i < keyed.size(); i++) {
      Keyed k = keyed.get(i);
      List<String> reasons = new ArrayList<>();
      reasons.add("tier " + k.tier() + " of " + (tiers.size() + 1)
          + (k.why().isEmpty() ? ": no priority criterion" : ": " + String.join(", ", k.why())));
      if (!centres.isEmpty()) {
        reasons.add(k.km() == null ? "location unknown: after the located households of its tier"
            : k.km() + " km from the danger zone's centre");
      }
      reasons.add("requested at " + k.c().requestedAt());
      out.add(new Ranked(k.c().id(), i + 1, k.tier(), k.km(), k.c().requestedAt(), List.copyOf(reasons),
          new Why(k.tier(), tiers.size() + 1, List.copyOf(k.because()), k.km(), !centres.isEmpty(),
              k.c().requestedAt())));
    }
    return out;
  }

  private int tierOf(Criterion k) {
    for (int i = 0; i < tiers.size(); i++) {
      if (tiers.get(i).contains(k)) {
        return i + 1;
      }
    }
    return tiers.size() + 1;
  }

  private static Set<Criterion> criteria(Member m, LocalDate today) {
    Set<Criterion> out = EnumSet.noneOf(Criterion.class);
    for (SpecialNeed n : m.needs()) {
      switch (n) {
        case UNACCOMPANIED_MINOR -> out.add(Criterion.UNACCOMPANIED_MINOR);
        case STRETCHER -> out.add(Criterion.STRETCHER);
        case OXYGEN -> out.add(Criterion.OXYGEN);
        case MEDICAL_ESCORT -> out.add(Criterion.MEDICAL_ESCORT);
        case WHEELCHAIR -> out.add(Criterion.WHEELCHAIR);
        case PREGNANCY -> out.add(Criterion.PREGNANCY);
        case ELDERLY -> out.add(Criterion.ELDERLY);
        case NO_TRAVEL_DOCUMENT -> { }
      }
    }
    if (m.dateOfBirth() != null) {
      int age = Period.between(m.dateOfBirth(), today).getYears();
      if (age < YOUNG_CHILD_YEARS) {
        out.add(Criterion.YOUNG_CHILD);
      }
      if (age >= ELDERLY_YEARS) {
        out.add(Criterion.ELDERLY);
      }
    }
    return out;
  }
}
