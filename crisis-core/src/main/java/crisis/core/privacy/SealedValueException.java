package crisis.core.privacy;

/** A sealed value that cannot be opened: changed, copied to another row or field, or its key is gone. */
public class SealedValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SealedValueException(String message) {
    super(message);
  }
}
