package crisis.api;

import crisis.alerts.support.Loop;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;

/**
 * A background step the server repeats while it runs (folding cell counts, closing gates on time): again at once
 * when the step says there may be more work, after {@code every} otherwise. Each step is safe with several servers
 * (it takes its own locks).
 */
final class LoopManager implements Managed {
  private final String name;
  private final Duration every;
  private final Loop.Step step;
  private Loop loop;

  LoopManager(String name, Duration every, Loop.Step step) {
    this.name = name;
    this.every = every;
    this.step = step;
  }

  @Override
  public void start() {
    loop = Loop.start(name, every, step);
  }

  @Override
  public void stop() {
    if (loop != null) {
      loop.close();
    }
  }
}
