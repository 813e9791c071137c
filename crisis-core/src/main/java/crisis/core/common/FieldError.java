package crisis.core.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One reason a piece of input was refused: the field (a JSON path such as {@code household[1].dateOfBirth}
 * or a CSV column name) and a sentence a consular officer can act on; and, read from the sentence by {@link Reasons},
 * its {@code code} and {@code params}, for a client that says it in another language (none when the sentence has no
 * known shape). The field is left out where there is none (the sentences of a gate's answer).
 */
@JsonIgnoreProperties(value = {"code", "params"}, allowGetters = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String reason) {

  /** The reason's code in the catalogue of {@link Reasons}, or null. */
  @JsonProperty("code")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public String code() {
    return Reasons.of(reason).code();
  }

  /** What fills the reason's translation: whole numbers as numbers, names, codes and values as text. */
  @JsonProperty("params")
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public List<Object> params() {
    return Reasons.of(reason).params();
  }

  @Override
  public String toString() {
    return field + ": " + reason;
  }
}
