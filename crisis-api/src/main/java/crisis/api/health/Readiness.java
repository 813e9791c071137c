package crisis.api.health;

import crisis.alerts.AlertPipeline;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.jdbi.v3.core.Jdbi;

/**
 * Whether this instance should receive traffic, distinct from whether it is alive ({@code /healthcheck}): not ready
 * while the server starts (its migrations, when it runs them, come before), before the alert stream is RUNNING,
 * while the database does not answer within {@link #DATABASE_TIMEOUT}, until the database's schema is this release's
 * (every change set of its change log applied and no migration running, whoever runs it: another instance, or
 * {@code db migrate} during a rolling release), and from the moment it begins to stop (the drain). Each check is
 * named; the first failed one is what a 503 names. No person's data.
 *
 * <p>The schema is checked until it is found right once, never after: a later release's migration (expand, release,
 * contract) does not take the running instances out of rotation.
 */
public final class Readiness {
  public static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);

  /** The checks in order, each "ok" or why not. */
  public record State(boolean ready, Map<String, String> checks) {
    /** The first failed check's name, or null when ready. */
    public String failed() {
      return checks.entrySet().stream().filter(e -> !"ok".equals(e.getValue())).map(Map.Entry::getKey)
          .findFirst().orElse(null);
    }
  }

  private final Supplier<AlertPipeline> pipeline;
  private final Jdbi jdbi;
  private final ExecutorService probe = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "readiness-database");
    t.setDaemon(true);
    return t;
  });
  private final java.util.Set<String> expected = crisis.core.db.Migrations.expected();
  private Future<Probe> inFlight;
  private volatile String schema = "not checked yet";
  private volatile boolean started;
  private volatile boolean stopping;

  public Readiness(Supplier<AlertPipeline> pipeline, Jdbi jdbi) {
    this.pipeline = pipeline;
    this.jdbi = jdbi;
  }

  /** The server accepts requests: called once Jetty has started. */
  public void started() {
    started = true;
  }

  /** The instance begins to stop: not ready from now on, whatever else holds. */
  public void stopping() {
    stopping = true;
  }

  public State check() {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("server", stopping ? "stopping" : started ? "ok" : "starting");
    AlertPipeline p = pipeline.get();
    KafkaStreams.State s = p == null ? null : p.state();
    checks.put("alert-stream", s == KafkaStreams.State.RUNNING ? "ok"
        : "not running: " + (s == null ? "not started" : s.name()));
    checks.put("database", database());
    checks.put("schema", schema);
    boolean ready = checks.values().stream().allMatch("ok"::equals);
    return new State(ready, checks);
  }

  /** What one probe of the database found: a valid connection, and the schema's state (null: not asked). */
  private record Probe(boolean valid, String schema) {}

  /**
   * A valid connection within the timeout (the pool's wait included), on a thread of its own; while the schema has
   * not been found right, its state too.
   */
  private synchronized String database() {
    if (inFlight != null && !inFlight.isDone()) {
      // The last probe still hangs (a socket read is not interrupted): no second one behind it.
      return "no answer within " + DATABASE_TIMEOUT.toSeconds() + " s";
    }
    boolean askSchema = !"ok".equals(schema);
    Future<Probe> answer = probe.submit(() -> {
      boolean valid = jdbi.withHandle(h -> h.getConnection().isValid((int) DATABASE_TIMEOUT.toSeconds()));
      return new Probe(valid, valid && askSchema ? crisis.core.db.Migrations.state(jdbi, expected) : null);
    });
    inFlight = answer;
    try {
      Probe p = answer.get(DATABASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (p.schema() != null) {
        schema = p.schema();
      }
      return p.valid() ? "ok" : "not answering";
    } catch (TimeoutException e) {
      answer.cancel(true);
      return "no answer within " + DATABASE_TIMEOUT.toSeconds() + " s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      return "unreachable: " + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName();
    }
  }
}
