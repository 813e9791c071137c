package crisis.api.errors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The NUL character (U+0000) cannot be stored in PostgreSQL text and means nothing in a name, a note or a query: a
 * JSON string holding one is a 422 naming the field (a control character, as the registration rules say), a query
 * parameter a 400 naming the parameter, before anything is written (it used to reach the database: a 500). JSON
 * strings are held to {@link crisis.core.common.SafeText} as a whole: no unpaired surrogate, no bidirectional
 * override either.
 */
public final class NulText {
  static final String REASON = "must not contain the NUL character (U+0000)";
  /** Said of a JSON field, as the registration rules say it of any control character. */
  static final String BODY_REASON = "must not contain control characters (here NUL, U+0000)";

  /** What the JSON reader throws for a NUL in a string; answered with a 422 naming the field. */
  static final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason);
    }
  }

  private NulText() {}

  /** JSON strings with a NUL are refused while the body is read, with the field's path. */
  public static SimpleModule jsonModule() {
    return new SimpleModule("no-nul-text").addDeserializer(String.class, new StringDeserializer() {
      private static final long serialVersionUID = 1L;

      @Override
      public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String s = super.deserialize(p, ctxt);
        String problem = crisis.core.common.SafeText.problem(s);
        if (problem != null) {
          throw JsonMappingException.from(p, problem, new Refused(problem));
        }
        return s;
      }
    });
  }

  /** Query parameters (names and values) and the path with a NUL are refused before a resource is chosen. */
  @PreMatching
  public static final class QueryFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getUriInfo().getPath(true).indexOf('\0') >= 0) {
        refuse(request, "path");
        return;
      }
      MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters(true);
      for (Map.Entry<String, List<String>> e : query.entrySet()) {
        if (e.getKey().indexOf('\0') >= 0 || e.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0)) {
          refuse(request, e.getKey().replace('\0', '?'));
          return;
        }
      }
    }

    private static void refuse(ContainerRequestContext request, String field) {
      request.abortWith(DomainExceptionMappers.json(400, ErrorBody.fields("invalid", "'" + field + "' " + REASON,
          List.of(new crisis.core.common.FieldError(field, REASON)))));
    }
  }
}
