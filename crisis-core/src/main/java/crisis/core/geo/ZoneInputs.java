package crisis.core.geo;

import crisis.core.common.FieldError;
import crisis.core.common.MalformedInputException;
import crisis.core.country.CountryCodes;
import java.util.ArrayList;
import java.util.List;

/**
 * Zones as users give them besides GeoJSON (which {@link ZoneParser} reads): a circle or a country code, checked
 * field by field. Every problem is a {@link MalformedInputException} (a 400) naming the field under {@code field}.
 */
public final class ZoneInputs {
  private ZoneInputs() {}

  /**
   * Checks that a zone is given exactly one way: as GeoJSON (under {@code geometryName}), a circle or a country.
   *
   * @param input the object holding the three (null: the zone itself is missing)
   */
  public static void requireOne(Object input, String field, String geometryName, Object geometry, Object circle,
      Object country) {
    if (input == null) {
      throw new MalformedInputException(field, "must be an object");
    }
    int given = (geometry == null ? 0 : 1) + (circle == null ? 0 : 1) + (country == null ? 0 : 1);
    if (given != 1) {
      throw new MalformedInputException(field, "give exactly one of '" + geometryName
          + "' (GeoJSON), 'circle' or 'country'");
    }
  }

  /** A circle from its three numbers, any of which may be missing or out of range. */
  public static CircleZone circle(Double latitude, Double longitude, Double radiusKm, String field) {
    List<FieldError> errors = new ArrayList<>();
    Points.check(latitude, longitude, field + ".", errors);
    if (radiusKm == null || !(radiusKm > 0 && radiusKm <= CircleZone.MAX_RADIUS_KM)) {
      errors.add(new FieldError(field + ".radiusKm", "must be more than 0 and at most " + CircleZone.MAX_RADIUS_KM));
    }
    if (!errors.isEmpty()) {
      throw new MalformedInputException(errors);
    }
    return new CircleZone(latitude, longitude, radiusKm);
  }

  /**
   * The zone's coverage by the geo index, or a 400 naming {@code field} when it cannot be covered: a zone the search
   * accepts is one it can answer, never a 500.
   */
  public static Coverage covered(Zone zone, String field) {
    try {
      return zone.cover();
    } catch (RuntimeException e) {
      throw new MalformedInputException(field, "cannot be covered by the geo index (" + e.getMessage()
          + "): give it as smaller parts");
    }
  }

  /**
   * Checks that the alert pipeline can take the zone: covered, and within {@link Coverage#MAX_JOIN_CELLS} join cells;
   * otherwise a 400 naming {@code field}. A crisis is refused when declared rather than accepted and never alerted.
   */
  public static void alertable(Zone zone, String field) {
    alertable(zone, field, Coverage.MAX_JOIN_CELLS);
  }

  /** As {@link #alertable(Zone, String)}, with the most join cells given. */
  static void alertable(Zone zone, String field, int maxJoinCells) {
    int joins = covered(zone, field).joinCells().size();
    if (joins > maxJoinCells) {
      throw new MalformedInputException(field, "is too detailed for the alert pipeline: " + joins + " join cells, "
          + "at most " + maxJoinCells + " (simplify its boundary or split it into fewer, plainer zones)");
    }
  }

  /** A whole country by ISO 3166-1 alpha-2 code: its Natural Earth boundary and its residents. */
  public static CountryZone country(CountryBoundaries boundaries, String code, String field) {
    String iso2 = CountryCodes.normalise(code);
    if (iso2 == null) {
      throw new MalformedInputException(field, "is not an ISO 3166-1 alpha-2 country code");
    }
    return new CountryZone(iso2, boundaries.zone(iso2).orElseThrow(() -> new MalformedInputException(field,
        "has no boundary in Natural Earth; draw the zone as GeoJSON instead")));
  }
}
