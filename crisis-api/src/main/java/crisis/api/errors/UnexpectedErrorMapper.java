package crisis.api.errors;

import crisis.core.common.ErrorFacts;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything unexpected: logged with an id, answered with that id only (no stack trace, no SQL). */
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    String id = String.format("%016x", ThreadLocalRandom.current().nextLong());
    // The stack trace with each message replaced by its safe facts: a database error names the values that clashed.
    LOG.error("error {} while handling a request", id, ErrorFacts.redacted(e));
    return DomainExceptionMappers.json(500, new ErrorBody("internal", "an unexpected error happened; quote id " + id
        + " to the operators", null, null, null, id));
  }
}
