package crisis.core.common;

/**
 * One reason a piece of input was refused: the field (a JSON path such as {@code household[1].dateOfBirth}
 * or a CSV column name) and a sentence a consular officer can act on.
 */
public record FieldError(String field, String reason) {
  @Override
  public String toString() {
    return field + ": " + reason;
  }
}
