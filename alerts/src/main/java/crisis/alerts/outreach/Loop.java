package crisis.alerts.outreach;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread repeating one step: at once again when the step did some work, after {@code idle} when it did
 * none, with a growing pause (up to 30 s) after a failure, which is logged and never ends the loop.
 */
final class Loop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

  @FunctionalInterface
  interface Step {
    /** @return true when there may be more work at once */
    boolean run() throws Exception;
  }

  private final Thread thread;
  private volatile boolean running = true;

  private Loop(String name, Duration idle, Step step) {
    thread = new Thread(() -> {
      long backoff = 200;
      while (running) {
        try {
          boolean more = step.run();
          backoff = 200;
          if (!more) {
            Thread.sleep(idle.toMillis());
          }
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          if (!running) {
            return;
          }
          LOG.warn("{} failed, again in {} ms: {}", name, backoff, e.toString());
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

  static Loop start(String name, Duration idle, Step step) {
    Loop l = new Loop(name, idle, step);
    l.thread.start();
    return l;
  }

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
