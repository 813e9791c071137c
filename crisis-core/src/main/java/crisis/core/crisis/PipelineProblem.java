package crisis.core.crisis;

import java.time.Instant;

/**
 * Why the alert pipeline could not process a crisis: people in its zones are not being alerted until a later version
 * of the crisis (new zones, say) goes through. {@code reason} names the step and the error, never a person's data;
 * {@code crisisVersion} is the version that failed (0 when the record could not be read at all).
 */
public record PipelineProblem(String reason, int crisisVersion, Instant at) {
  /** The longest reason kept: enough for the step and the error's message. */
  public static final int MAX_REASON = 500;

  public PipelineProblem {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a problem needs a reason");
    }
    reason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
  }
}
