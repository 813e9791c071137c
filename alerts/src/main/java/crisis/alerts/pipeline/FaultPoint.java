package crisis.alerts.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A place in the pipeline where the fault tests stop a stream thread at a known moment: between an output written and
 * the state that records it, before the commit. Inert unless the JVM is started with {@code
 * -Dcrisis.faultPoints=DIR} (the fault tests' instances; never production, docs/operations.md): then a file named
 * after the point in {@code DIR} arms it once for every instance sharing the directory — the first thread to reach the
 * point deletes the file (one taker), writes {@code NAME.taken} with its process id, and does what the file said:
 *
 * <ul>
 *   <li>{@code halt}: waits 3 s, so that what the thread wrote has left its producer for the brokers, then stops the
 *       JVM as SIGKILL would ({@link Runtime#halt}: no shutdown hook, no commit);
 *   <li>{@code hold}: holds the thread (no processing, no commit) until the test deletes {@code NAME.taken}, at most
 *       2 minutes.
 * </ul>
 */
final class FaultPoint {
  /** An alert forwarded, the person not yet recorded as alerted, the input not yet committed. */
  static final FaultPoint ALERT_FORWARDED = new FaultPoint("alert-forwarded");

  private static final String PROPERTY = "crisis.faultPoints";
  private static final Path DIRECTORY = directory();
  private final String name;

  private FaultPoint(String name) {
    this.name = name;
  }

  private static Path directory() {
    String d = System.getProperty(PROPERTY);
    if (d == null || d.isBlank()) {
      return null;
    }
    org.slf4j.LoggerFactory.getLogger(FaultPoint.class).warn("fault points on ({}): a file there can stop this "
        + "process; for the fault tests only, never in production", PROPERTY);
    return Path.of(d);
  }

  /** Does what an armed point says; nothing (one field read) when fault points are off. */
  void reached() {
    if (DIRECTORY != null) {
      take();
    }
  }

  private void take() {
    Path armed = DIRECTORY.resolve(name);
    String action;
    try {
      action = Files.readString(armed, StandardCharsets.UTF_8).strip();
      Files.delete(armed);
    } catch (NoSuchFileException e) {
      return; // not armed, or another thread or instance took it
    } catch (IOException e) {
      throw new IllegalStateException("fault point " + name + ": " + e.getMessage(), e);
    }
    Path taken = DIRECTORY.resolve(name + ".taken");
    try {
      Files.writeString(taken, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
      switch (action) {
        case "halt" -> {
          Thread.sleep(3_000);
          Runtime.getRuntime().halt(137);
        }
        case "hold" -> {
          long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
          while (Files.exists(taken) && System.nanoTime() < end) {
            Thread.sleep(100);
          }
        }
        default -> throw new IllegalStateException("fault point " + name + ": unknown action " + action);
      }
    } catch (IOException e) {
      throw new IllegalStateException("fault point " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
