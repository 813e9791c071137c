package crisis.core.common;

/**
 * Which page of a list to read: skip {@code offset} items, return at most {@code limit}. Built only through
 * {@link #of}, which checks both and names the field at fault.
 */
public record PageRequest(int offset, int limit) {
  /** The largest page any list of the system returns. */
  public static final int MAX_LIMIT = 200;

  /** @throws ValidationException naming {@code offset} or {@code limit} when out of range (0.., 1..max) */
  public static PageRequest of(int offset, int limit, int max) {
    java.util.List<FieldError> errors = new java.util.ArrayList<>();
    if (offset < 0) {
      errors.add(new FieldError("offset", "must not be negative"));
    }
    if (limit < 1 || limit > max) {
      errors.add(new FieldError("limit", "must be between 1 and " + max));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new PageRequest(offset, limit);
  }

  public static PageRequest of(int offset, int limit) {
    return of(offset, limit, MAX_LIMIT);
  }

  public <T> Page<T> page(java.util.List<T> items, long total) {
    return new Page<>(items, total, offset, limit);
  }
}
