package crisis.api.health;

import crisis.alerts.AlertPipeline;
import crisis.alerts.outbox.OutboxRelay;
import crisis.core.outreach.db.SmsDao;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /prometheus} on the admin port, in Prometheus' text format (0.0.4), every name {@code crisis_*}. Counts
 * and durations only: no phone, name, id or path that was asked reaches a label (senders are configured names; routes
 * are templates; consumer groups are application ids). What reads the database or the broker is cached for
 * {@link #CACHE}: a scrape every few seconds from several scrapers costs one scan.
 */
public final class PrometheusServlet extends HttpServlet implements AutoCloseable {
  private static final long serialVersionUID = 1L;
  static final Duration CACHE = Duration.ofSeconds(5);
  private static final Duration RATE_WINDOW = Duration.ofSeconds(60);
  private static final List<String> STATES = List.of("PENDING", "SENDING", "SENT", "FAILED", "OPTED_OUT");

  private final transient Readiness readiness;
  private final transient Jdbi jdbi;
  private final transient Supplier<AlertPipeline> pipeline;
  private final transient Supplier<AlertPipeline.Settings> kafka;
  private final transient RouteTimings timings;
  private final transient Supplier<? extends Map<String, Boolean>> leases;
  private final Duration reminderAfter;
  private final transient Clock clock;
  private transient Instant cachedAt;
  private transient String cached;
  private transient Admin admin;

  public PrometheusServlet(Readiness readiness, Jdbi jdbi, Supplier<AlertPipeline> pipeline,
      Supplier<AlertPipeline.Settings> kafka, RouteTimings timings, Duration reminderAfter, Clock clock,
      Supplier<? extends Map<String, Boolean>> leases) {
    this.leases = leases;
    this.readiness = readiness;
    this.jdbi = jdbi;
    this.pipeline = pipeline;
    this.kafka = kafka;
    this.timings = timings;
    this.reminderAfter = reminderAfter;
    this.clock = clock;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    StringBuilder out = new StringBuilder();
    gauge(out, "crisis_ready", "1 when this instance is ready for traffic (GET /ready answers 200), else 0");
    line(out, "crisis_ready", Map.of(), readiness.check().ready() ? 1 : 0);
    gauge(out, "crisis_lease_held", "1 while this instance holds the lease of a once-per-deployment job (a sender's "
        + "pacer, the SMS look-up, the escalation, a clock), else 0: summed over the instances, 1 per lease");
    leases.get().forEach((name, held) -> line(out, "crisis_lease_held", Map.of("lease", name), held ? 1 : 0));
    out.append(slow());
    http(out);
    resp.setStatus(200);
    resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
    resp.setHeader("Cache-Control", "no-store");
    try (OutputStream o = resp.getOutputStream()) {
      o.write(out.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The database's and the broker's figures, read at most once per {@link #CACHE}. */
  private synchronized String slow() {
    Instant now = clock.instant();
    if (cached != null && cachedAt.plus(CACHE).isAfter(now)) {
      return cached;
    }
    StringBuilder out = new StringBuilder();
    Map<String, Integer> up = new TreeMap<>();
    up.put("database", sms(out, now) ? 1 : 0);
    up.put("outbox", outbox(out) ? 1 : 0);
    up.put("kafka", lag(out) ? 1 : 0);
    gauge(out, "crisis_metrics_source_up", "1 when the source of a group of these figures answered at the last read");
    up.forEach((k, v) -> line(out, "crisis_metrics_source_up", Map.of("source", k), v));
    cached = out.toString();
    cachedAt = now;
    return cached;
  }

  private boolean sms(StringBuilder out, Instant now) {
    List<SmsDao.SenderStateCount> counts;
    List<SmsDao.SenderStateCount> recent;
    long due;
    try {
      counts = jdbi.withExtension(SmsDao.class, SmsDao::countsBySenderAndState);
      recent = jdbi.withExtension(SmsDao.class, d -> d.sentSince(now.minus(RATE_WINDOW)));
      due = jdbi.withExtension(SmsDao.class, d -> d.escalationsDue(now.minus(reminderAfter)));
    } catch (RuntimeException e) {
      return false;
    }
    Map<String, Map<String, Long>> bySender = new TreeMap<>();
    for (SmsDao.SenderStateCount c : counts) {
      bySender.computeIfAbsent(c.sender(), k -> new TreeMap<>()).merge(c.state(), c.n(), Long::sum);
    }
    gauge(out, "crisis_sms_messages", "SMS of a sender by state (pending: queued; sending: handed to the gateway, "
        + "not yet answered; sent; failed; opted_out)");
    bySender.forEach((sender, states) -> STATES.forEach(s -> line(out, "crisis_sms_messages",
        Map.of("sender", sender, "state", s.toLowerCase(Locale.ROOT)), states.getOrDefault(s, 0L))));
    gauge(out, "crisis_sms_queue_depth", "SMS of a sender not yet sent nor given up: pending plus sending");
    bySender.forEach((sender, states) -> line(out, "crisis_sms_queue_depth", Map.of("sender", sender),
        states.getOrDefault("PENDING", 0L) + states.getOrDefault("SENDING", 0L)));
    Map<String, Long> sent = new TreeMap<>();
    bySender.keySet().forEach(k -> sent.put(k, 0L));
    recent.forEach(r -> sent.put(r.sender(), r.n()));
    gauge(out, "crisis_sms_sent_rate_per_second", "SMS a sender sent per second over the last minute (achieved rate)");
    sent.forEach((sender, n) -> line(out, "crisis_sms_sent_rate_per_second", Map.of("sender", sender),
        n / (double) RATE_WINDOW.toSeconds()));
    gauge(out, "crisis_escalations_due", "Alert SMS whose reminder has fallen due and is not yet taken (upper bound)");
    line(out, "crisis_escalations_due", Map.of(), due);
    return true;
  }

  private boolean outbox(StringBuilder out) {
    AlertPipeline p = pipeline.get();
    if (p == null) {
      return false;
    }
    OutboxRelay.Backlog b;
    try {
      b = p.relay().backlog();
    } catch (RuntimeException e) {
      return false;
    }
    gauge(out, "crisis_outbox_backlog_rows", "Outbox rows waiting to be published to Kafka");
    line(out, "crisis_outbox_backlog_rows", Map.of(), b.rows());
    gauge(out, "crisis_outbox_oldest_age_seconds", "Age of the oldest outbox row waiting (0 when none)");
    line(out, "crisis_outbox_oldest_age_seconds", Map.of(),
        b.oldest() == null ? 0 : Math.max(0, Duration.between(b.oldest(), clock.instant()).toMillis() / 1000.0));
    return true;
  }

  /** Committed offsets against the end of each partition (committed transactions only), summed per group. */
  private boolean lag(StringBuilder out) {
    Admin a = admin();
    if (a == null) {
      return false;
    }
    Map<String, Long> lag = new TreeMap<>();
    try {
      for (GroupListing g : a.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(2, TimeUnit.SECONDS)) {
        Map<TopicPartition, OffsetAndMetadata> committed = a.listConsumerGroupOffsets(g.groupId())
            .partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> ask = new java.util.HashMap<>();
        committed.forEach((tp, o) -> {
          if (o != null) {
            ask.put(tp, OffsetSpec.latest());
          }
        });
        long sum = 0;
        if (!ask.isEmpty()) {
          var ends = a.listOffsets(ask, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
              .get(2, TimeUnit.SECONDS);
          for (var e : ends.entrySet()) {
            sum += Math.max(0, e.getValue().offset() - committed.get(e.getKey()).offset());
          }
        }
        lag.put(g.groupId(), sum);
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
    gauge(out, "crisis_kafka_consumer_lag", "Records a consumer group has still to read, summed over its partitions");
    lag.forEach((g, n) -> line(out, "crisis_kafka_consumer_lag", Map.of("group", g), n));
    return true;
  }

  private Admin admin() {
    if (admin == null) {
      AlertPipeline.Settings s = kafka.get();
      if (s == null) {
        return null;
      }
      Properties p = new Properties();
      p.putAll(s.extra());
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
      p.put(AdminClientConfig.CLIENT_ID_CONFIG, s.applicationId() + "-metrics");
      p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
      p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
      admin = Admin.create(p);
    }
    return admin;
  }

  private void http(StringBuilder out) {
    String name = "crisis_http_request_duration_seconds";
    out.append("# HELP ").append(name).append(" API request durations by method, route template and status class\n");
    out.append("# TYPE ").append(name).append(" histogram\n");
    new TreeMap<String, Map.Entry<RouteTimings.Key, RouteTimings.Series>>(toSorted()).values().forEach(e -> {
      RouteTimings.Key k = e.getKey();
      RouteTimings.Series s = e.getValue();
      long cumulative = 0;
      for (int i = 0; i < RouteTimings.BUCKETS.length; i++) {
        cumulative += s.buckets[i].sum();
        line(out, name + "_bucket", labels(k, String.valueOf(RouteTimings.BUCKETS[i])), cumulative);
      }
      long count = s.count.sum();
      line(out, name + "_bucket", labels(k, "+Inf"), count);
      line(out, name + "_sum", labels(k, null), s.nanos.get() / 1e9);
      line(out, name + "_count", labels(k, null), count);
    });
  }

  private Map<String, Map.Entry<RouteTimings.Key, RouteTimings.Series>> toSorted() {
    Map<String, Map.Entry<RouteTimings.Key, RouteTimings.Series>> m = new TreeMap<>();
    timings.series().entrySet().forEach(e -> m.put(e.getKey().route() + " " + e.getKey().method() + " "
        + e.getKey().status(), Map.entry(e.getKey(), e.getValue())));
    return m;
  }

  private static Map<String, String> labels(RouteTimings.Key k, String le) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("method", k.method());
    m.put("route", k.route());
    m.put("status", k.status());
    if (le != null) {
      m.put("le", le);
    }
    return m;
  }

  private static void gauge(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
  }

  private static void line(StringBuilder out, String name, Map<String, String> labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      List<String> parts = new ArrayList<>();
      (labels instanceof java.util.LinkedHashMap ? labels : new TreeMap<>(labels)).forEach((k, v) ->
          parts.add(k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\""));
      out.append('{').append(String.join(",", parts)).append('}');
    }
    out.append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(value);
    }
    out.append('\n');
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
      admin = null;
    }
  }
}
