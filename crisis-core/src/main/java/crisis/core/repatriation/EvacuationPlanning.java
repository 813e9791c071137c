package crisis.core.repatriation;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.Ids;
import crisis.core.common.Json;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.CrisisStatus;
import crisis.core.crisis.CrisisZone;
import crisis.core.geo.CircleZone;
import crisis.core.geo.PolygonZone;
import crisis.core.geo.Zone;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.db.EvacuationDao;
import crisis.core.repatriation.db.LegDao;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.locationtech.jts.geom.Point;

/**
 * Plans a crisis's evacuation: ranks the households waiting or assigned ({@link Priority}), puts them on the legs
 * that still take travellers ({@link SeatPlanner}; households checked in or boarded keep the room they hold), stores
 * where each goes with its boarding code, and tells by SMS every household whose seat is new or changed, or who is
 * back on the waitlist. One plan at a time per crisis, and never at the same time as a gate change of that crisis:
 * a seat is never given twice.
 */
public final class EvacuationPlanning {
  /** Boarding codes: 8 characters, none that reads like another (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
  static final String CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
  static final int CODE_LENGTH = 8;

  private final Jdbi jdbi;
  private final CrisisService crises;
  private final Priority priority;
  private final SeatPlanner planner;
  private final Notices notices;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  EvacuationPlanning(Jdbi jdbi, CrisisService crises, Priority priority, SeatPlanner planner, Notices notices,
      AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.planner = planner;
    this.crises = crises;
    this.priority = priority;
    this.notices = notices;
    this.audit = audit;
    this.clock = clock;
  }

  /** A household's place in the plan: its rank and why (in English, and in parts), and its seat (null: waiting). */
  public record Placement(UUID requestId, int rank, List<String> reasons, Priority.Why why, int people, UUID legId,
      UUID placeId, String boardingCode) {}

  /** A household placed before that this plan moved, and why. */
  public record Moved(UUID requestId, UUID from, UUID to, SeatPlanner.MoveReason reason, boolean wasNotified) {}

  /** What a plan did. */
  public record Result(UUID planId, UUID crisisId, Instant plannedAt, int householdsSeated, int peopleSeated,
      int householdsWaiting, int peopleWaiting, int notified, List<Moved> moved, boolean optimal,
      List<Placement> placements) {}

  public Result plan(Actor actor, UUID crisisId) {
    CrisisService.requireCell(actor);
    Crisis crisis = crises.get(actor, crisisId);
    if (crisis.status() != CrisisStatus.ACTIVE) {
      throw new ConflictException("crisis", "crisis " + crisisId + " is " + crisis.status() + ", not ACTIVE");
    }
    return jdbi.inTransaction(h -> {
      Result r = plan(h, actor, crisis);
      audit.record(h, actor, "EVACUATION_PLAN", List.of(), "crisis " + crisisId + ": " + r.householdsSeated()
          + " households seated, " + r.householdsWaiting() + " waiting, " + r.moved().size() + " moved");
      return r;
    });
  }

  /** Plans in the caller's transaction (the gate re-plans after a no-show); takes the crisis's planning lock. */
  Result plan(Handle h, Actor actor, Crisis crisis) {
    EvacuationDao dao = h.attach(EvacuationDao.class);
    dao.lockCrisis(crisis.id());
    Instant now = clock.instant();
    List<TransportLeg> legs = TransportLegs.withPoints(h, h.attach(LegDao.class).ofCrisis(crisis.id()));
    List<EvacuationRequest> requests = EvacuationRequests.withTravellers(h, dao.ofCrisis(crisis.id(), null,
        new String[] {State.OPEN.name(), State.ASSIGNED.name(), State.CHECKED_IN.name(), State.BOARDED.name()}));
    List<EvacuationRequest> plannable = requests.stream()
        .filter(r -> r.state().plannable() && !r.travellers().isEmpty()).toList();
    List<Priority.Ranked> ranked = priority.rank(plannable.stream().map(r -> new Priority.Candidate(r.id(),
        r.travellers().stream().map(t -> new Priority.Member(t.fullName(), t.needs(), t.dateOfBirth())).toList(),
        r.latitude(), r.longitude(), r.requestedAt())).toList(), centres(crisis), LocalDate.now(clock));
    Map<UUID, EvacuationRequest> byId = new LinkedHashMap<>();
    plannable.forEach(r -> byId.put(r.id(), r));
    SeatPlanner.Plan plan = planner.plan(households(ranked, byId), roomLeft(legs, requests, now));
    return store(h, actor, crisis, plan, ranked, byId, legs, now);
  }

  /**
   * The legs that still take travellers, with the room left on them and at each of their points once the
   * households already checked in or boarded there are counted out.
   */
  private static List<SeatPlanner.Leg> roomLeft(List<TransportLeg> legs, List<EvacuationRequest> requests,
      Instant now) {
    Map<UUID, int[]> held = new HashMap<>();
    Map<UUID, Map<UUID, Integer>> heldAtPoint = new HashMap<>();
    for (EvacuationRequest r : requests) {
      if (!r.state().plannable() && r.assignment() != null) {
        SeatPlanner.Demand d = r.demand();
        int[] n = held.computeIfAbsent(r.assignment().legId(), k -> new int[3]);
        n[0] += d.seats();
        n[1] += d.stretchers();
        n[2] += d.wheelchairs();
        heldAtPoint.computeIfAbsent(r.assignment().legId(), k -> new HashMap<>())
            .merge(r.assignment().placeId(), d.seats(), Integer::sum);
      }
    }
    List<SeatPlanner.Leg> open = new ArrayList<>();
    for (TransportLeg l : legs) {
      if (!l.takesTravellers(now) || l.points().isEmpty()) {
        continue;
      }
      int[] n = held.getOrDefault(l.id(), new int[3]);
      Map<UUID, Integer> atPoint = heldAtPoint.getOrDefault(l.id(), Map.of());
      // A point filled by those checked in there is left out (capacity 0 would mean "no limit").
      List<SeatPlanner.Point> points = l.points().stream()
          .filter(p -> p.capacity() == 0 || p.capacity() > atPoint.getOrDefault(p.placeId(), 0))
          .map(p -> new SeatPlanner.Point(p.placeId(), p.latitude(), p.longitude(), p.country(),
              p.capacity() == 0 ? 0 : p.capacity() - atPoint.getOrDefault(p.placeId(), 0)))
          .toList();
      if (l.seats() - n[0] > 0 && !points.isEmpty()) {
        open.add(new SeatPlanner.Leg(l.id(), l.departsAt(), l.seats() - n[0], Math.max(0, l.stretcherPlaces() - n[1]),
            Math.max(0, l.wheelchairPlaces() - n[2]), points));
      }
    }
    return open;
  }

  /** The households to seat, in priority order, with the seat each holds now. */
  private static List<SeatPlanner.Household> households(List<Priority.Ranked> ranked,
      Map<UUID, EvacuationRequest> byId) {
    List<SeatPlanner.Household> households = new ArrayList<>();
    for (Priority.Ranked k : ranked) {
      EvacuationRequest r = byId.get(k.id());
      households.add(new SeatPlanner.Household(r.id(), k.rank(), k.tier(), r.demand(), r.latitude(), r.longitude(),
          r.country(), r.assignment() == null ? null : r.assignment().legId(),
          r.assignment() != null && r.assignment().notifiedAt() != null));
    }
    return households;
  }

  /**
   * Stores a plan: seats and boarding codes for those seated (a household keeps its code), the waitlist for the
   * others, an SMS to everyone whose seat is new or changed or who lost one, and the plan's record. Written in batches:
   * a plan of 20,000 households is a few statements, not 80,000.
   */
  private Result store(Handle h, Actor actor, Crisis crisis, SeatPlanner.Plan plan, List<Priority.Ranked> ranked,
      Map<UUID, EvacuationRequest> byId, List<TransportLeg> legs, Instant now) {
    EvacuationDao dao = h.attach(EvacuationDao.class);
    Map<UUID, TransportLeg> legById = new HashMap<>();
    legs.forEach(l -> legById.put(l.id(), l));
    UUID planId = Ids.newId();
    Map<UUID, SeatPlanner.Seat> seatOf = new HashMap<>();
    plan.seats().forEach(s -> seatOf.put(s.household(), s));
    PlanWrites w = new PlanWrites(planId, crisis.id(), now, new HashSet<>(dao.codes(crisis.id())),
        this::newCode);
    for (Priority.Ranked k : ranked) {
      EvacuationRequest r = byId.get(k.id());
      SeatPlanner.Seat s = seatOf.get(r.id());
      if (s == null) {
        w.waitlist(dao, k, r);
      } else {
        w.seat(k, r, s, legById.get(s.leg()));
      }
    }
    dao.assign(w.seats);
    dao.setState(w.assigned.toArray(UUID[]::new), State.ASSIGNED.name(), now);
    dao.setState(w.reopened.toArray(UUID[]::new), State.OPEN.name(), now);
    dao.notified(w.told.toArray(UUID[]::new), now);
    int notified = notices.queueAll(h, w.texts, now);
    List<Moved> moved = plan.moves().stream().map(m -> new Moved(m.household(), m.from(), m.to(), m.reason(),
        m.notified())).toList();
    Result result = new Result(planId, crisis.id(), now, plan.seats().size(), w.peopleSeated, plan.waitlist().size(),
        w.peopleWaiting, notified, moved, plan.optimal(), w.placements);
    dao.insertPlan(planId, crisis.id(), now, actor.username(), Json.write(summary(result)));
    return result;
  }

  /** The plan's record: its figures, without the placements. */
  private static Map<String, Object> summary(Result result) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("householdsSeated", result.householdsSeated());
    summary.put("peopleSeated", result.peopleSeated());
    summary.put("householdsWaiting", result.householdsWaiting());
    summary.put("peopleWaiting", result.peopleWaiting());
    summary.put("notified", result.notified());
    summary.put("moved", result.moved());
    summary.put("optimal", result.optimal());
    return summary;
  }

  /**
   * The centres of the danger the crisis cell drew: a circle's centre, a polygon's centroid. A whole country is not a
   * danger with a centre (its centroid may be a desert far from every event): a crisis over countries only ranks
   * without exposure, unless the cell also drew where the danger is.
   */
  static List<Priority.Centre> centres(Crisis crisis) {
    List<Priority.Centre> out = new ArrayList<>();
    for (CrisisZone z : crisis.zones()) {
      Zone zone = z.zone();
      if (zone instanceof CircleZone c) {
        out.add(new Priority.Centre(c.latitude(), c.longitude()));
      } else if (zone instanceof PolygonZone p) {
        Point centroid = p.geometry().getCentroid();
        out.add(new Priority.Centre(centroid.getY(), centroid.getX()));
      }
    }
    return out;
  }

  /** A boarding code not in {@code taken} (the crisis's codes), added to it. */
  private String newCode(Set<String> taken) {
    while (true) {
      StringBuilder b = new StringBuilder(CODE_LENGTH);
      for (int i = 0; i < CODE_LENGTH; i++) {
        b.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
      }
      if (taken.add(b.toString())) {
        return b.toString();
      }
    }
  }
}
