package crisis.api.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import crisis.core.common.FieldError;
import java.util.List;

/**
 * Every error answer: a machine-readable {@code error} code, a sentence, and where it applies the fields at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, List<FieldError> errors, String existingId, String matchedOn,
    String id) {

  public static ErrorBody of(String error, String message) {
    return new ErrorBody(error, message, null, null, null, null);
  }

  public static ErrorBody fields(String error, String message, List<FieldError> errors) {
    return new ErrorBody(error, message, errors, null, null, null);
  }
}
