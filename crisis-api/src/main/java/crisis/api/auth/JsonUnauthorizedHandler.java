package crisis.api.auth;

import crisis.api.errors.ErrorBody;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** 401 in the same JSON shape as every other error, with the Basic challenge. */
public final class JsonUnauthorizedHandler implements UnauthorizedHandler {
  @Override
  public Response buildResponse(String prefix, String realm) {
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\", charset=\"UTF-8\"")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of("unauthorized", "credentials are required (HTTP Basic)"))
        .build();
  }
}
