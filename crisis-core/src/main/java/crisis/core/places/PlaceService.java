package crisis.core.places;

import crisis.core.access.Actor;
import crisis.core.access.ForbiddenException;
import crisis.core.access.Role;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.ValidationException;
import crisis.core.country.CountryCodes;
import crisis.core.geo.CircleZone;
import crisis.core.geo.Coverage;
import crisis.core.geo.GeoIndex;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  public Place create(Actor actor, PlaceKind kind, String name, Double latitude, Double longitude, String country,
      String notes) {
    if (actor.role() != Role.CRISIS_CELL && actor.role() != Role.CONSULAR_OFFICER) {
      throw new ForbiddenException("only the crisis cell and consular officers record places");
    }
    List<FieldError> errors = new ArrayList<>();
    if (kind == null) {
      errors.add(new FieldError("kind", "is required"));
    }
    if (name == null || name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError("name", "is required, at most 200 printable characters"));
    }
    checkPoint(latitude, longitude, errors);
    String code = CountryCodes.normalise(country);
    if (code == null) {
      errors.add(new FieldError("country", "must be an ISO 3166-1 alpha-2 country code"));
    } else if (!actor.sees(code)) {
      errors.add(new FieldError("country", "is outside your consulate's jurisdiction"));
    }
    if (notes != null && notes.length() > 2000) {
      errors.add(new FieldError("notes", "is longer than 2000 characters"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Place p = new Place(Ids.newId(), kind, name.strip(), latitude, longitude, code, notes, Instant.now(clock),
        actor.username());
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO place (id, kind, name, latitude, longitude, h3_cell, country_iso2, notes, created_at,
              created_by)
            VALUES (:id, :kind, :name, :lat, :lon, :cell, :country, :notes, :at, :by)
            """).bind("id", p.id()).bind("kind", p.kind().name()).bind("name", p.name()).bind("lat", latitude)
        .bind("lon", longitude).bind("cell", GeoIndex.cellOf(latitude, longitude)).bind("country", code)
        .bind("notes", notes).bind("at", p.createdAt()).bind("by", p.createdBy()).execute());
    return p;
  }

  /**
   * The {@code k} places of {@code kind} nearest to a point, at most {@code radiusKm} away, nearest first.
   *
   * @param k 1..{@value #MAX_K}
   * @param radiusKm more than 0, at most {@link CircleZone#MAX_RADIUS_KM}
   */
  public List<Nearby> nearest(double latitude, double longitude, PlaceKind kind, int k, double radiusKm) {
    List<FieldError> errors = new ArrayList<>();
    checkPoint(latitude, longitude, errors);
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
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT p.* FROM unnest(CAST(:lo AS bigint[]), CAST(:hi AS bigint[])) AS x(lo, hi)
            JOIN place p ON p.h3_cell BETWEEN x.lo AND x.hi
            WHERE p.kind = :kind
            """).bind("lo", c.lo()).bind("hi", c.hi()).bind("kind", kind.name())
        .map((rs, ctx) -> place(rs)).list()).stream()
        .filter(p -> circle.contains(p.latitude(), p.longitude()))
        .map(p -> new Nearby(p, circle.distanceFromCentreKm(p.latitude(), p.longitude())))
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
  }

  private static Place place(ResultSet rs) throws SQLException {
    return new Place(rs.getObject("id", UUID.class), PlaceKind.valueOf(rs.getString("kind")), rs.getString("name"),
        rs.getDouble("latitude"), rs.getDouble("longitude"), rs.getString("country_iso2"), rs.getString("notes"),
        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
  }

  private static void checkPoint(Double latitude, Double longitude, List<FieldError> errors) {
    if (latitude == null || !(latitude >= -90 && latitude <= 90)) {
      errors.add(new FieldError("latitude", "must be between -90 and 90 degrees"));
    }
    if (longitude == null || !(longitude >= -180 && longitude <= 180)) {
      errors.add(new FieldError("longitude", "must be between -180 and 180 degrees"));
    }
  }
}
