package crisis.api.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import crisis.core.common.FieldError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/** Unreadable JSON: 400 with the field path and what was expected there, never the parser's internals. */
public final class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {

  @Override
  public Response toResponse(JsonProcessingException e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof jakarta.ws.rs.WebApplicationException w) {
        return new WebErrorMapper().toResponse(w);
      }
    }
    if (e instanceof JsonParseException p) {
      String where = p.getLocation() == null ? "" : " at line " + p.getLocation().getLineNr() + ", column "
          + p.getLocation().getColumnNr();
      return DomainExceptionMappers.json(400, ErrorBody.fields("malformed_json", "the body is not valid JSON" + where,
          List.of(new FieldError("body", "is not valid JSON" + where))));
    }
    if (e instanceof JsonMappingException m && m.getCause() instanceof NulText.Refused refused) {
      String field = path(m).isEmpty() ? "body" : path(m);
      return DomainExceptionMappers.json(422, ErrorBody.fields("invalid", "field '" + field + "' "
          + refused.getMessage(), List.of(new FieldError(field, refused.getMessage()))));
    }
    if (e instanceof JsonMappingException m) {
      String field = path(m);
      String reason;
      if (e instanceof UnrecognizedPropertyException u) {
        reason = "is not a known field";
        field = path(m).isEmpty() ? u.getPropertyName() : field;
      } else if (e instanceof InvalidFormatException f) {
        reason = "'" + clip(String.valueOf(f.getValue())) + "' is not a valid " + typeName(f.getTargetType())
            + enumValues(f.getTargetType()) + reasonOf(f);
      } else if (e instanceof MismatchedInputException mi) {
        reason = mi.getTargetType() == null ? "has the wrong type"
            : "must be " + article(typeName(mi.getTargetType())) + enumValues(mi.getTargetType());
      } else {
        reason = "cannot be read" + reasonOf(m);
      }
      return DomainExceptionMappers.json(400, ErrorBody.fields("invalid_json", field.isEmpty()
          ? "the body cannot be read" : "field '" + field + "' " + reason,
          List.of(new FieldError(field.isEmpty() ? "body" : field, reason))));
    }
    return DomainExceptionMappers.json(400, ErrorBody.of("invalid_json", "the body cannot be read"));
  }

  private static String path(JsonMappingException m) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      } else if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      }
    }
    return b.toString();
  }

  private static String reasonOf(JsonMappingException m) {
    Throwable c = m.getCause();
    return c instanceof IllegalArgumentException ? " (" + clip(c.getMessage()) + ")" : "";
  }

  private static String typeName(Class<?> t) {
    if (t == null) {
      return "value";
    }
    if (t == java.time.LocalDate.class) {
      return "date (YYYY-MM-DD)";
    }
    if (t == java.time.Instant.class) {
      return "instant (YYYY-MM-DDThh:mm:ssZ)";
    }
    if (t == Double.class || t == double.class) {
      return "number";
    }
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return "whole number";
    }
    if (t == String.class) {
      return "string";
    }
    if (java.util.Collection.class.isAssignableFrom(t)) {
      return "list";
    }
    if (t.isEnum()) {
      return "value";
    }
    return "object";
  }

  private static String article(String type) {
    return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
  }

  private static String enumValues(Class<?> t) {
    if (t != null && t.isEnum() && t != crisis.core.registry.Language.class) {
      return " (one of " + java.util.Arrays.toString(t.getEnumConstants()) + ")";
    }
    return "";
  }

  private static String clip(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
