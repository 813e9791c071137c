package crisis.api.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Framework errors (401, 403, 404, 405, 406, 413, 415…) with the same JSON shape as every other error. */
public final class WebErrorMapper implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException e) {
    Response r = e.getResponse();
    int status = r.getStatus();
    if (status == 503) {
      // Deliberate (too many live streams, the server stopping): said as such, with its Retry-After.
      return Response.fromResponse(r).entity(ErrorBody.of("unavailable", e.getMessage() == null
          ? "try again later" : e.getMessage())).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE).build();
    }
    if (status >= 500) {
      return new UnexpectedErrorMapper().toResponse(e);
    }
    String code = code(status);
    String message = switch (status) {
      case 401 -> "credentials are required (HTTP Basic)";
      case 403 -> "your role may not do this";
      case 404 -> "not found";
      default -> e.getMessage() == null ? r.getStatusInfo().getReasonPhrase() : e.getMessage();
    };
    Response.ResponseBuilder b = Response.fromResponse(r).entity(ErrorBody.of(code, message))
        .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE);
    if (status == 413) {
      b.header("Connection", "close");
    }
    return b.build();
  }

  /** The {@code error} of an HTTP status, the same here and in {@link JsonErrorHandler}. */
  static String code(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 413 -> "too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 428 -> "precondition_required";
      case 431 -> "headers_too_large";
      default -> status >= 500 ? "internal" : "client_error";
    };
  }
}
