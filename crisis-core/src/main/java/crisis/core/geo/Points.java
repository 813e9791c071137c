package crisis.core.geo;

import crisis.core.common.FieldError;
import java.util.List;

/** The one check of a point given as numbers: WGS 84 decimal degrees, latitude -90..90, longitude -180..180. */
public final class Points {
  private Points() {}

  /**
   * Adds an error for each coordinate that is missing, not a finite number or out of range.
   *
   * @param prefix put before "latitude" and "longitude" in the field names ("" or e.g. "circle.")
   * @return true when both coordinates are usable
   */
  public static boolean check(Double latitude, Double longitude, String prefix, List<FieldError> errors) {
    boolean lat = coordinate(latitude, 90, prefix + "latitude", errors);
    boolean lon = coordinate(longitude, 180, prefix + "longitude", errors);
    return lat && lon;
  }

  private static boolean coordinate(Double value, int max, String field, List<FieldError> errors) {
    if (value == null || !Double.isFinite(value)) {
      errors.add(new FieldError(field, "is required, in decimal degrees between -" + max + " and " + max));
      return false;
    }
    if (value < -max || value > max) {
      errors.add(new FieldError(field, "must be between -" + max + " and " + max + " degrees, was " + value));
      return false;
    }
    return true;
  }
}
