package crisis.core.common;

import java.time.Duration;

/** A limit on how often something may be asked was reached; nothing was done. Answered 429 with Retry-After. */
public class TooManyRequestsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final Duration retryAfter;

  public TooManyRequestsException(String field, String reason, Duration retryAfter) {
    super(reason);
    this.field = field;
    this.retryAfter = retryAfter;
  }

  public String field() {
    return field;
  }

  /** How long until asking again may succeed. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
