package crisis.api.errors;

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
    LOG.error("error {} while handling a request", id, redacted(e));
    return DomainExceptionMappers.json(500, new ErrorBody("internal", "an unexpected error happened; quote id " + id
        + " to the operators", null, null, null, id));
  }

  /**
   * The same chain of exceptions and stack traces without their messages, which may quote personal data (a database
   * error names the values that clashed).
   */
  public static Throwable redacted(Throwable e) {
    Throwable cause = e.getCause() == null || e.getCause() == e ? null : redacted(e.getCause());
    Throwable copy = new RedactedException(e.getClass().getName(), cause);
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  private static final class RedactedException extends Exception {
    private static final long serialVersionUID = 1L;

    RedactedException(String type, Throwable cause) {
      super(type + " (message withheld)", cause, false, true);
    }
  }
}
