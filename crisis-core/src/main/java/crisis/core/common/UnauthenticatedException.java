package crisis.core.common;

/** The caller has not shown who they are, or what they showed no longer holds (401). */
public class UnauthenticatedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(String message) {
    super(message);
  }
}
