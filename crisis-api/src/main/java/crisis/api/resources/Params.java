package crisis.api.resources;

import crisis.core.common.Enums;
import crisis.core.common.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Values that arrive as text (query parameters, some body fields); each kind is read here once, and a value that is not what it should be is a 400
 * naming the parameter. Absent or blank optional values are null.
 */
final class Params {
  private Params() {}

  static int integer(String field, String value) {
    try {
      return Integer.parseInt(value == null ? "" : value.strip());
    } catch (NumberFormatException e) {
      throw new ValidationException(field, "must be a whole number");
    }
  }

  static double number(String field, String value) {
    try {
      return crisis.core.common.Decimal.parse(value);
    } catch (NumberFormatException e) {
      throw new ValidationException(field, "must be a decimal number");
    }
  }

  /** An optional constant, read as {@link Enums} reads them everywhere. */
  static <E extends Enum<E>> E constant(String field, String value, Class<E> type) {
    return Enums.optional(type, value, field);
  }

  static <E extends Enum<E>> E requiredConstant(String field, String value, Class<E> type) {
    E e = constant(field, value, type);
    if (e == null) {
      throw new ValidationException(field, "is required; one of " + Enums.names(type));
    }
    return e;
  }

  static UUID uuid(String field, String value, String what) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      throw new ValidationException(field, "must be " + what + " (UUID)");
    }
  }

  static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new ValidationException(field, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  /** The version in an If-Match header (the ETag a GET returned): 428 without one. */
  static int version(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new WebApplicationException("If-Match with the version read (the ETag of GET) is required",
          Response.Status.PRECONDITION_REQUIRED);
    }
    String v = ifMatch.strip().replace("W/", "").replace("\"", "");
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ValidationException("If-Match", "must be the version number read, e.g. \"3\"");
    }
  }
}
