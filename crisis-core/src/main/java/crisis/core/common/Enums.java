package crisis.core.common;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads a constant as people write it, one way everywhere: case, surrounding spaces, and spaces or hyphens for
 * underscores do not matter ("long term", "Long-Term" and "LONG_TERM" are the same).
 */
public final class Enums {
  private Enums() {}

  /** Each enum's constants by name, built once per type. */
  private static final ClassValue<Map<String, Enum<?>>> BY_NAME = new ClassValue<>() {
    @Override
    protected Map<String, Enum<?>> computeValue(Class<?> type) {
      Map<String, Enum<?>> m = new HashMap<>();
      for (Object e : type.getEnumConstants()) {
        m.put(((Enum<?>) e).name(), (Enum<?>) e);
      }
      return m;
    }
  };

  /** The constant, or null when {@code value} names none (null or blank included). */
  public static <E extends Enum<E>> E find(Class<E> type, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Map<String, Enum<?>> byName = BY_NAME.get(type);
    Enum<?> e = byName.get(value);
    if (e == null) {
      e = byName.get(value.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
    }
    return e == null ? null : type.cast(e);
  }

  /**
   * A required constant; a missing or unknown value adds an error naming {@code field} and the accepted values.
   *
   * @return the constant, or null after adding the error
   */
  public static <E extends Enum<E>> E required(Class<E> type, String value, String field, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required; one of " + names(type)));
      return null;
    }
    return optional(type, value, field, errors);
  }

  /** An optional constant: null when absent or blank; an unknown value adds an error naming {@code field}. */
  public static <E extends Enum<E>> E optional(Class<E> type, String value, String field, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    E e = find(type, value);
    if (e == null) {
      errors.add(new FieldError(field, "unknown value '" + value + "'; one of " + names(type)));
    }
    return e;
  }

  /** An optional constant, or a {@link ValidationException} naming {@code field}. */
  public static <E extends Enum<E>> E optional(Class<E> type, String value, String field) {
    List<FieldError> errors = new java.util.ArrayList<>();
    E e = optional(type, value, field, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return e;
  }

  public static String names(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
