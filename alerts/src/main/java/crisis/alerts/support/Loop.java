package crisis.alerts.support;

import crisis.core.common.ErrorFacts;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread repeating one step: at once again when the step did some work, after {@code idle} when it did
 * none, with a growing pause (up to 30 s) after a failure, which is logged and kept for health checks (its safe
 * facts only, {@link ErrorFacts}: a database error's message quotes the statement's values) and never ends the loop.
 * The outbox relay, the SMS pacers, the SMS look-up and the escalation all run on one.
 */
public final class Loop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

  @FunctionalInterface
  public interface Step {
    /** @return true when there may be more work at once */
    boolean run() throws Exception;
  }

  private final Thread thread;
  private volatile boolean running = true;
  private volatile String lastError;

  private Loop(String name, Duration idle, Step step) {
    thread = new Thread(() -> {
      long backoff = 100;
      while (running) {
        try {
          boolean more = step.run();
          lastError = null;
          backoff = 100;
          if (!more) {
            Thread.sleep(idle.toMillis());
          }
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          if (!running) {
            return;
          }
          lastError = ErrorFacts.describe(e);
          LOG.warn("{} failed, again in {} ms: {}", name, backoff, lastError);
          try {
            Thread.sleep(backoff);
          } catch (InterruptedException ie) {
            return;
          }
          backoff = Math.min(backoff * 2, 30_000);
        }
      }
    }, name);
    thread.setDaemon(true);
  }

  public static Loop start(String name, Duration idle, Step step) {
    Loop l = new Loop(name, idle, step);
    l.thread.start();
    return l;
  }

  /** The last failure, or null once a step succeeded after it. */
  public String lastError() {
    return lastError;
  }

  /** Stops after the current step (interrupting any wait) and waits up to 10 s for it. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
