package crisis.core.common;

import java.util.List;

/** Input whose shape is wrong (an unclosed ring, a latitude of 95): answered 400 rather than 422. */
public class MalformedInputException extends ValidationException {
  private static final long serialVersionUID = 1L;

  public MalformedInputException(String field, String reason) {
    super(field, reason);
  }

  public MalformedInputException(List<FieldError> errors) {
    super(errors);
  }
}
