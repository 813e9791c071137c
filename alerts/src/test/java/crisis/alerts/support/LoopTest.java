package crisis.alerts.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import crisis.core.testing.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A failing step (the SMS pacers, the look-up, the escalation, the outbox relay, the gate and check-in clocks) is
 * logged and kept for the health checks by its safe facts: an exception's message may carry what the step was given
 * (a phone, a name, an SMS body) and never reaches the log or the health page.
 */
@Tag("fast")
class LoopTest {
  static final String PHONE = "+218917650888";

  @Test
  void aFailedStepIsLoggedAndShownByItsClassesNotItsMessage() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger logger = (Logger) LoggerFactory.getLogger(Loop.class);
    logger.addAppender(logs);
    AtomicInteger runs = new AtomicInteger();
    try (Loop loop = Loop.start("test-step", Duration.ofMillis(20), () -> {
      if (runs.incrementAndGet() == 1) {
        throw new IllegalStateException("no answer for " + PHONE + " (Khadija Ouazzani)",
            new IllegalArgumentException("body: رمز الصعود K7M2QX9P"));
      }
      return false;
    })) {
      Poll.until(Duration.ofSeconds(10), () -> !logs.list.isEmpty(), "the failure logged");
      String line = logs.list.get(0).getFormattedMessage();
      assertThat(line).isEqualTo("test-step failed, again in 100 ms: IllegalStateException (caused by "
          + "IllegalArgumentException)");
      for (String said : List.of(line, String.valueOf(loop.lastError()))) {
        assertThat(said).doesNotContain(PHONE, "Khadija", "K7M2QX9P");
      }
    } finally {
      logger.detachAppender(logs);
    }
  }
}
