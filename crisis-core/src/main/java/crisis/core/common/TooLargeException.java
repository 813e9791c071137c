package crisis.core.common;

/** Input over a size limit; nothing of it was kept. */
public class TooLargeException extends ValidationException {
  public TooLargeException(String field, String reason) {
    super(field, reason);
  }
}
