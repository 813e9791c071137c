package crisis.api.errors;

import crisis.core.access.ForbiddenException;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.MalformedInputException;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.registry.DuplicateRegistrationException;
import crisis.core.common.TooLargeException;
import crisis.core.common.TooManyRequestsException;
import crisis.core.common.UnauthenticatedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/** Maps each domain error to its status and a JSON body naming the field and the reason. */
public final class DomainExceptionMappers {
  private DomainExceptionMappers() {}

  static Response json(int status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  public static final class Validation implements ExceptionMapper<ValidationException> {
    @Override
    public Response toResponse(ValidationException e) {
      if (e instanceof TooLargeException) {
        // The rest of the body was not read: the connection cannot carry another request.
        return Response.fromResponse(json(413, ErrorBody.fields("too_large", e.getMessage(), e.errors())))
            .header("Connection", "close").build();
      }
      if (e instanceof MalformedInputException) {
        return json(400, ErrorBody.fields("malformed", "the request is malformed", e.errors()));
      }
      return json(422, ErrorBody.fields("invalid", "the request breaks " + e.errors().size() + " rule(s)",
          e.errors()));
    }
  }

  public static final class NotFound implements ExceptionMapper<NotFoundException> {
    @Override
    public Response toResponse(NotFoundException e) {
      return json(404, ErrorBody.of("not_found", e.getMessage()));
    }
  }

  public static final class Conflict implements ExceptionMapper<ConflictException> {
    @Override
    public Response toResponse(ConflictException e) {
      return json(409, ErrorBody.fields("conflict", e.getMessage(), List.of(new FieldError(e.field(),
          e.getMessage()))));
    }
  }

  public static final class Duplicate implements ExceptionMapper<DuplicateRegistrationException> {
    @Override
    public Response toResponse(DuplicateRegistrationException e) {
      return json(409, new ErrorBody("duplicate", e.existingId() == null
          ? "this national is already registered, in another consulate's jurisdiction"
          : "this national is already registered", null,
          e.existingId() == null ? null : e.existingId().toString(), e.rule(), null));
    }
  }

  public static final class TooMany implements ExceptionMapper<TooManyRequestsException> {
    @Override
    public Response toResponse(TooManyRequestsException e) {
      return Response.fromResponse(json(429, ErrorBody.fields("too_many_requests", e.getMessage(),
          List.of(new FieldError(e.field(), e.getMessage())))))
          .header("Retry-After", Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)).build();
    }
  }

  /** No challenge header: a browser would answer a Basic one with its own sign-in dialog. */
  public static final class Unauthenticated implements ExceptionMapper<UnauthenticatedException> {
    @Override
    public Response toResponse(UnauthenticatedException e) {
      return json(401, ErrorBody.of("unauthenticated", e.getMessage()));
    }
  }

  public static final class Forbidden implements ExceptionMapper<ForbiddenException> {
    @Override
    public Response toResponse(ForbiddenException e) {
      return json(403, ErrorBody.of("forbidden", e.getMessage()));
    }
  }
}
