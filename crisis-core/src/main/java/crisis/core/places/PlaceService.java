package crisis.core.places;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.country.CountryCodes;
import crisis.core.geo.CircleZone;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.Coverage;
import crisis.core.geo.GeoIndex;
import crisis.core.geo.Points;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Places (assembly points and the like) and "the nearest K of a kind within R km" on the same H3 index as the
 * registry: circles of growing radius until K are found or R is reached. Thread-safe.
 */
public final class PlaceService {
  public static final int MAX_K = 100;
  private static final double FIRST_RADIUS_KM = 5;

  private final Jdbi jdbi;
  private final Clock clock;

  public PlaceService(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** A place and its great-circle distance from the point asked about, in km. */
  public record Nearby(Place place, double distanceKm) {}

  /** What a place is, checked: the same for a new place and a correction. */
  public record PlaceInput(PlaceKind kind, String name, Double latitude, Double longitude, String country,
      String notes) {}

  public Place create(Actor actor, PlaceInput in) {
    actor.require("record places", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
    PlaceInput ok = check(actor, in);
    Place p = new Place(Ids.newId(), ok.kind(), ok.name(), ok.latitude(), ok.longitude(), ok.country(), ok.notes(),
        Instant.now(clock), actor.username(), null, null);
    jdbi.useExtension(PlaceDao.class, dao -> dao.insert(p, p.kind().name(), GeoIndex.cellOf(p.latitude(),
        p.longitude())));
    return p;
  }

  /** A place the caller may see (an officer: in its consulate's countries), or 404. */
  public Place get(Actor actor, UUID id) {
    return jdbi.withExtension(PlaceDao.class, dao -> dao.find(id)).filter(p -> actor.sees(p.country()))
        .orElseThrow(() -> new NotFoundException("place " + id));
  }

  /** Replaces what a place is; an officer changes only places of its jurisdiction, and keeps them there. */
  public Place update(Actor actor, UUID id, PlaceInput in) {
    actor.require("change places", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
    return jdbi.inTransaction(h -> {
      PlaceDao dao = h.attach(PlaceDao.class);
      Place old = dao.find(id).filter(p -> actor.sees(p.country()))
          .orElseThrow(() -> new NotFoundException("place " + id));
      PlaceInput ok = check(actor, in);
      Place p = new Place(old.id(), ok.kind(), ok.name(), ok.latitude(), ok.longitude(), ok.country(), ok.notes(),
          old.createdAt(), old.createdBy(), Instant.now(clock), actor.username());
      dao.update(p, p.kind().name(), GeoIndex.cellOf(p.latitude(), p.longitude()));
      return p;
    });
  }

  public void delete(Actor actor, UUID id) {
    actor.require("remove places", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
    jdbi.useTransaction(h -> {
      PlaceDao dao = h.attach(PlaceDao.class);
      dao.find(id).filter(p -> actor.sees(p.country())).orElseThrow(() -> new NotFoundException("place " + id));
      dao.delete(id);
    });
  }

  private static PlaceInput check(Actor actor, PlaceInput in) {
    List<FieldError> errors = new ArrayList<>();
    if (in.kind() == null) {
      errors.add(new FieldError("kind", "is required"));
    }
    String name = in.name();
    if (name == null || name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError("name", "is required, at most 200 printable characters"));
    }
    boolean located = Points.check(in.latitude(), in.longitude(), "", errors);
    boolean given = in.country() != null && !in.country().isBlank();
    // Not given: the country whose land holds the point (a place picked on a map).
    String code = given ? CountryCodes.normalise(in.country())
        : located ? CountryBoundaries.shared().countryAt(in.latitude(), in.longitude()).orElse(null) : null;
    if (code == null && given) {
      errors.add(new FieldError("country", "must be an ISO 3166-1 alpha-2 country code"));
    } else if (code == null) {
      errors.add(new FieldError("country", located ? "is required here: the point is in no single country's land"
          : "is required: an ISO 3166-1 alpha-2 country code"));
    } else if (!actor.sees(code)) {
      errors.add(new FieldError("country", "is outside your consulate's jurisdiction"));
    } else if (located && !CountryBoundaries.shared().plausiblyIn(code, in.latitude(), in.longitude())) {
      errors.add(new FieldError("latitude", "the point is not in " + code + " (more than "
          + CountryBoundaries.COASTAL_BAND_TEXT + " from its land)"));
    }
    if (in.notes() != null && in.notes().length() > 2000) {
      errors.add(new FieldError("notes", "is longer than 2000 characters"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new PlaceInput(in.kind(), name.strip(), in.latitude(), in.longitude(), code, in.notes());
  }

  /**
   * The {@code k} places of {@code kind} nearest to a point, at most {@code radiusKm} away, nearest first.
   *
   * @param k 1..{@value #MAX_K}
   * @param radiusKm more than 0, at most {@link CircleZone#MAX_RADIUS_KM}
   */
  public List<Nearby> nearest(double latitude, double longitude, PlaceKind kind, int k, double radiusKm) {
    List<FieldError> errors = new ArrayList<>();
    Points.check(latitude, longitude, "", errors);
    if (kind == null) {
      errors.add(new FieldError("kind", "is required"));
    }
    if (k < 1 || k > MAX_K) {
      errors.add(new FieldError("k", "must be between 1 and " + MAX_K));
    }
    if (!(radiusKm > 0 && radiusKm <= CircleZone.MAX_RADIUS_KM)) {
      errors.add(new FieldError("radiusKm", "must be more than 0 and at most " + CircleZone.MAX_RADIUS_KM));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    double r = Math.min(FIRST_RADIUS_KM, radiusKm);
    while (true) {
      CircleZone circle = new CircleZone(latitude, longitude, r);
      List<Nearby> found = within(circle, kind);
      if (found.size() >= k || r >= radiusKm) {
        found.sort(Comparator.comparingDouble(Nearby::distanceKm));
        return found.subList(0, Math.min(k, found.size()));
      }
      r = Math.min(radiusKm, r * 4);
    }
  }

  private List<Nearby> within(CircleZone circle, PlaceKind kind) {
    Coverage c = circle.cover();
    return jdbi.withExtension(PlaceDao.class, dao -> dao.inRanges(c.lo(), c.hi(), kind.name())).stream()
        .filter(p -> circle.contains(p.latitude(), p.longitude()))
        .map(p -> new Nearby(p, circle.distanceFromCentreKm(p.latitude(), p.longitude())))
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
  }
}
