package crisis.core.common;

/** Input over a size limit; nothing of it was kept. */
public class TooLargeException extends ValidationException {
  private static final long serialVersionUID = 1L;

  public TooLargeException(String field, String reason) {
    super(field, reason);
  }
}
