package crisis.api.health;

import com.codahale.metrics.health.HealthCheck;
import crisis.alerts.AlertPipeline;
import crisis.alerts.outbox.OutboxRelay;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Healthy when the alert stream runs (or rebalances) and the outbox relay keeps up: the oldest row waiting is
 * younger than {@code maxOutboxAge}.
 */
public final class AlertsHealthCheck extends HealthCheck {
  private final Supplier<AlertPipeline> pipeline;
  private final Duration maxOutboxAge;

  /** @param pipeline the alert pipeline while it runs, null before it starts or after it stops */
  public AlertsHealthCheck(Supplier<AlertPipeline> pipeline, Duration maxOutboxAge) {
    this.pipeline = pipeline;
    this.maxOutboxAge = maxOutboxAge;
  }

  @Override
  protected Result check() {
    AlertPipeline p = pipeline.get();
    if (p == null) {
      return Result.unhealthy("the alert pipeline is not running");
    }
    KafkaStreams.State state = p.state();
    if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
      return Result.unhealthy("the alert stream is " + state);
    }
    OutboxRelay relay = p.relay();
    OutboxRelay.Backlog backlog = relay.backlog();
    if (backlog.oldest() != null && backlog.oldest().isBefore(Instant.now().minus(maxOutboxAge))) {
      return Result.unhealthy("the outbox relay is behind: " + backlog.rows() + " changes waiting since "
          + backlog.oldest() + (relay.lastError() == null ? "" : "; last error: " + relay.lastError()));
    }
    return Result.healthy("stream " + state + ", " + backlog.rows() + " changes waiting for Kafka, "
        + relay.relayed() + " published since start");
  }
}
