package crisis.core.repatriation;

import crisis.core.access.Actor;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.NotFoundException;
import crisis.core.common.SafeText;
import crisis.core.common.ValidationException;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.CrisisStatus;
import crisis.core.places.Place;
import crisis.core.places.PlaceDao;
import crisis.core.places.PlaceKind;
import crisis.core.repatriation.TransportLeg.LegPoint;
import crisis.core.repatriation.db.EvacuationDao;
import crisis.core.repatriation.db.LegDao;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Transport legs of a crisis: the crisis cell plans and cancels them; consular officers and the cell read them. A
 * cancelled leg's households are moved (or put back on the waitlist) by the next plan.
 */
public final class TransportLegs {
  public static final int MAX_POINTS = 20;
  public static final int MAX_SEATS = 10_000;

  private final Jdbi jdbi;
  private final CrisisService crises;
  private final EvacuationPlanning planning;
  private final Clock clock;

  TransportLegs(Jdbi jdbi, CrisisService crises, EvacuationPlanning planning, Clock clock) {
    this.jdbi = jdbi;
    this.crises = crises;
    this.planning = planning;
    this.clock = clock;
  }

  /** Where a leg leaves from: an assembly point (a place), what it holds, when it is open (local "HH:mm"). */
  public record PointInput(UUID placeId, Integer capacity, String opens, String closes) {}

  /** @param gateOfficer the consular officer who runs the leg's gate with the crisis cell (null: the cell alone) */
  public record LegInput(TransportLeg.Kind kind, String carrier, String reference, Integer seats,
      Integer stretcherPlaces, Integer wheelchairPlaces, Instant departsAt, Integer reportMinutes, String timeZone,
      String destinationCity, List<PointInput> points, String gateOfficer) {
    public LegInput(TransportLeg.Kind kind, String carrier, String reference, Integer seats, Integer stretcherPlaces,
        Integer wheelchairPlaces, Instant departsAt, Integer reportMinutes, String timeZone, String destinationCity,
        List<PointInput> points) {
      this(kind, carrier, reference, seats, stretcherPlaces, wheelchairPlaces, departsAt, reportMinutes, timeZone,
          destinationCity, points, null);
    }
  }

  public TransportLeg create(Actor actor, UUID crisisId, LegInput in) {
    CrisisService.requireCell(actor);
    if (crises.get(actor, crisisId).status() == crisis.core.crisis.CrisisStatus.CLOSED) {
      throw new ConflictException("crisis", "crisis " + crisisId + " is CLOSED: no leg can be added to it");
    }
    return jdbi.inTransaction(h -> {
      List<FieldError> errors = new ArrayList<>();
      if (in.kind() == null) {
        errors.add(new FieldError("kind", "is required: FLIGHT, BUS, SHIP or CONVOY"));
      }
      String carrier = text(in.carrier(), "carrier", 200, errors);
      String reference = text(in.reference(), "reference", 40, errors);
      String destination = text(in.destinationCity(), "destinationCity", 200, errors);
      int seats = count(in.seats(), "seats", 1, MAX_SEATS, errors);
      int stretchers = count(in.stretcherPlaces() == null ? 0 : in.stretcherPlaces(), "stretcherPlaces", 0, seats,
          errors);
      int wheelchairs = count(in.wheelchairPlaces() == null ? 0 : in.wheelchairPlaces(), "wheelchairPlaces", 0,
          seats, errors);
      int report = count(in.reportMinutes() == null ? 120 : in.reportMinutes(), "reportMinutes", 0, 1440, errors);
      if (in.departsAt() == null) {
        errors.add(new FieldError("departsAt", "is required (ISO 8601 instant, e.g. 2026-12-02T08:00:00Z)"));
      } else if (!in.departsAt().isAfter(clock.instant())) {
        errors.add(new FieldError("departsAt", "is in the past"));
      }
      ZoneId zone = ZoneId.of("UTC");
      try {
        zone = in.timeZone() == null ? zone : ZoneId.of(in.timeZone());
      } catch (DateTimeException e) {
        errors.add(new FieldError("timeZone", "must be an IANA time zone such as Asia/Beirut"));
      }
      List<LegPoint> points = points(h, actor, in.points(), errors);
      if (errors.isEmpty()) {
        // Travellers are told to be at their point by departure minus reportMinutes: the point must be open then.
        LocalTime due = in.departsAt().minusSeconds(60L * report).atZone(zone).toLocalTime();
        for (int i = 0; i < points.size(); i++) {
          LegPoint p = points.get(i);
          if (p.opens() != null && !openAt(p, due)) {
            errors.add(new FieldError("points[" + i + "].opens", p.name() + " is open " + p.opens() + " to "
                + p.closes() + " (" + zone.getId() + "), but travellers must be there by " + due));
          }
        }
      }
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      String officer = in.gateOfficer() == null ? null : gateOfficer(h, in.gateOfficer(), points, errors);
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      TransportLeg leg = new TransportLeg(Ids.newId(), crisisId, in.kind(), carrier, reference, seats, stretchers,
          wheelchairs, in.departsAt(), report, zone, destination, TransportLeg.State.PLANNED, points, officer, 1);
      LegDao dao = h.attach(LegDao.class);
      dao.insert(leg, leg.kind().name(), zone.getId(), clock.instant(), actor.username());
      points.forEach(p -> dao.insertPoint(leg.id(), p));
      return leg;
    });
  }

  /**
   * The crisis's legs an actor may work: all of them for the crisis cell; for a consular officer, those whose gate it
   * runs, that leave from its jurisdiction, or that carry households of its consulate ({@link Gate#mayWork}).
   */
  public List<TransportLeg> list(Actor actor, UUID crisisId) {
    EvacuationRequests.requireActor(actor);
    crises.get(actor, crisisId);
    return jdbi.withHandle(h -> {
      List<TransportLeg> all = withPoints(h, h.attach(LegDao.class).ofCrisis(crisisId));
      if (actor.seesEveryConsulate()) {
        return all;
      }
      Map<UUID, List<String>> aboard = new HashMap<>();
      h.attach(LegDao.class).consulatesAboardLegs(crisisId)
          .forEach(x -> aboard.computeIfAbsent(x.legId(), k -> new ArrayList<>()).add(x.consulateId()));
      return all.stream().filter(l -> Gate.mayWork(actor, l, aboard.getOrDefault(l.id(), List.of()))).toList();
    });
  }

  public TransportLeg get(Actor actor, UUID legId) {
    EvacuationRequests.requireActor(actor);
    return jdbi.withHandle(h -> withPoints(h, List.of(h.attach(LegDao.class).find(legId)
        .orElseThrow(() -> new NotFoundException("leg " + legId)))).get(0));
  }

  /**
   * Cancels a leg that has not left; in the same transaction the crisis is planned again (when it is active), so its
   * households are moved to other legs or back to the waitlist at once, and told.
   */
  public TransportLeg cancel(Actor actor, UUID legId) {
    CrisisService.requireCell(actor);
    return jdbi.inTransaction(h -> {
      LegDao dao = h.attach(LegDao.class);
      TransportLeg found = dao.find(legId).orElseThrow(() -> new NotFoundException("leg " + legId));
      h.attach(EvacuationDao.class).lockCrisis(found.crisisId());
      TransportLeg leg = dao.lock(legId).orElseThrow();
      if (leg.state() == TransportLeg.State.DEPARTED || leg.state() == TransportLeg.State.ARRIVED) {
        throw new ConflictException("state", "leg " + legId + " has " + leg.state());
      }
      dao.setState(legId, TransportLeg.State.CANCELLED.name(), clock.instant());
      Crisis c = crises.get(actor, leg.crisisId());
      if (c.status() == CrisisStatus.ACTIVE) {
        planning.plan(h, actor, c);
      }
      return withPoints(h, List.of(dao.find(legId).orElseThrow())).get(0);
    });
  }

  /**
   * Names the consular officer who runs the leg's gate (null: the crisis cell alone): an enabled officer of a
   * consulate whose jurisdiction holds one of the leg's points.
   */
  public TransportLeg setGateOfficer(Actor actor, UUID legId, String username) {
    CrisisService.requireCell(actor);
    return jdbi.inTransaction(h -> {
      TransportLeg leg = withPoints(h, List.of(h.attach(LegDao.class).lock(legId)
          .orElseThrow(() -> new NotFoundException("leg " + legId)))).get(0);
      List<FieldError> errors = new ArrayList<>();
      String officer = username == null ? null : gateOfficer(h, username, leg.points(), errors);
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      h.attach(LegDao.class).setGateOfficer(legId, officer, clock.instant());
      return withPoints(h, List.of(h.attach(LegDao.class).find(legId).orElseThrow())).get(0);
    });
  }

  private static String gateOfficer(Handle h, String username, List<LegPoint> points, List<FieldError> errors) {
    var user = h.attach(crisis.core.users.UserDao.class).find(username)
        .filter(u -> u.role() == crisis.core.access.Role.CONSULAR_OFFICER && !u.disabled());
    List<String> jurisdiction = user.flatMap(u -> h.attach(crisis.core.consulate.ConsulateDao.class)
        .find(u.consulateId())).map(crisis.core.consulate.Consulate::jurisdiction).orElse(List.of());
    if (user.isEmpty() || points.stream().noneMatch(p -> jurisdiction.contains(p.country()))) {
      errors.add(new FieldError("gateOfficer", "must be an enabled consular officer of a consulate whose "
          + "jurisdiction holds one of the leg's points"));
      return null;
    }
    return user.get().username();
  }

  /** Legs with their assembly points. */
  static List<TransportLeg> withPoints(Handle h, List<TransportLeg> legs) {
    if (legs.isEmpty()) {
      return legs;
    }
    List<LegDao.PointRow> rows = h.attach(LegDao.class).points(legs.stream().map(TransportLeg::id)
        .toArray(UUID[]::new));
    Map<UUID, Place> places = new HashMap<>();
    h.attach(PlaceDao.class).findAll(rows.stream().map(LegDao.PointRow::placeId).distinct().toArray(UUID[]::new))
        .forEach(p -> places.put(p.id(), p));
    Map<UUID, List<LegPoint>> by = new HashMap<>();
    for (LegDao.PointRow r : rows) {
      Place p = places.get(r.placeId());
      if (p != null) {
        by.computeIfAbsent(r.legId(), k -> new ArrayList<>()).add(new LegPoint(p.id(), p.name(), p.latitude(),
            p.longitude(), p.country(), r.capacity(), r.opens(), r.closes()));
      }
    }
    return legs.stream().map(l -> new TransportLeg(l.id(), l.crisisId(), l.kind(), l.carrier(), l.reference(),
        l.seats(), l.stretcherPlaces(), l.wheelchairPlaces(), l.departsAt(), l.reportMinutes(), l.timeZone(),
        l.destinationCity(), l.state(), List.copyOf(by.getOrDefault(l.id(), List.of())), l.gateOfficer(),
        l.version())).toList();
  }

  private static List<LegPoint> points(Handle h, Actor actor, List<PointInput> in, List<FieldError> errors) {
    List<LegPoint> out = new ArrayList<>();
    if (in == null || in.isEmpty() || in.size() > MAX_POINTS) {
      errors.add(new FieldError("points", "1 to " + MAX_POINTS + " assembly points are required"));
      return out;
    }
    Set<UUID> seen = new HashSet<>();
    PlaceDao places = h.attach(PlaceDao.class);
    for (int i = 0; i < in.size(); i++) {
      PointInput p = in.get(i);
      String f = "points[" + i + "]";
      if (p == null || p.placeId() == null) {
        errors.add(new FieldError(f + ".placeId", "is required"));
        continue;
      }
      Place place = places.find(p.placeId()).filter(x -> actor.sees(x.country())).orElse(null);
      if (place == null || place.kind() != PlaceKind.ASSEMBLY_POINT) {
        errors.add(new FieldError(f + ".placeId", "is not an assembly point (places API, kind ASSEMBLY_POINT)"));
        continue;
      }
      if (!seen.add(place.id())) {
        errors.add(new FieldError(f + ".placeId", "is listed twice"));
      }
      int capacity = count(p.capacity() == null ? 0 : p.capacity(), f + ".capacity", 0, 100_000, errors);
      LocalTime opens = time(p.opens(), f + ".opens", errors);
      LocalTime closes = time(p.closes(), f + ".closes", errors);
      if ((opens == null) != (closes == null)) {
        errors.add(new FieldError(f + ".closes", "opens and closes are given together, or neither"));
      }
      out.add(new LegPoint(place.id(), place.name(), place.latitude(), place.longitude(), place.country(), capacity,
          opens, closes));
    }
    return out;
  }

  /** Whether a point is open at a local time; hours may run past midnight (22:00 to 06:00). */
  static boolean openAt(LegPoint p, LocalTime t) {
    return p.opens().isBefore(p.closes()) ? !t.isBefore(p.opens()) && !t.isAfter(p.closes())
        : !t.isBefore(p.opens()) || !t.isAfter(p.closes());
  }

  private static LocalTime time(String s, String field, List<FieldError> errors) {
    if (s == null) {
      return null;
    }
    try {
      return LocalTime.parse(s);
    } catch (DateTimeException e) {
      errors.add(new FieldError(field, "must be a local time HH:mm"));
      return null;
    }
  }

  private static String text(String s, String field, int max, List<FieldError> errors) {
    if (s == null || s.isBlank() || s.length() > max || !SafeText.isPrintable(s)) {
      errors.add(new FieldError(field, "is required, at most " + max + " printable characters"));
      return null;
    }
    return s.strip();
  }

  private static int count(Integer n, String field, int min, int max, List<FieldError> errors) {
    if (n == null || n < min || n > max) {
      errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
      return min;
    }
    return n;
  }
}
