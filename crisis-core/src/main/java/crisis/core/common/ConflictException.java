package crisis.core.common;

/** The request is well formed but clashes with the current state (stale version, archived record). */
public class ConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public ConflictException(String field, String reason) {
    super(reason);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
