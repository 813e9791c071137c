package crisis.core.access;

/** The actor is known but its role may not do this. */
public class ForbiddenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(String reason) {
    super(reason);
  }
}
