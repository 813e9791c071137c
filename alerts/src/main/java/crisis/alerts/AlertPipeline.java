package crisis.alerts;

import crisis.alerts.kafka.Topics;
import crisis.alerts.outbox.OutboxRelay;
import crisis.alerts.pipeline.AlertTopology;
import crisis.alerts.pipeline.DatabaseVersions;
import crisis.alerts.pipeline.TallyProjector;
import crisis.core.common.ErrorFacts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that moves alerts, started and stopped as one: the topics, the outbox relay, the Kafka Streams alert
 * topology and the tally projector. Several instances with the same application id share the partitions.
 */
public final class AlertPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertPipeline.class);

  /**
   * @param bootstrapServers the Kafka cluster
   * @param applicationId the Streams application id, shared by every instance of one deployment
   * @param partitions partitions of each topic the application creates
   * @param replication replication factor of those topics and of Streams' internal topics
   * @param exactlyOnce exactly_once_v2 when true (the product's guarantee), at_least_once when false (benchmarks)
   * @param threads Streams threads in this instance
   * @param stateDirectory where Streams keeps its RocksDB stores
   * @param tallyInterval how often counts leave for the crisis tallies
   * @param relayBatch outbox rows per relay round
   * @param relayIdle pause of the relay when the outbox is empty
   * @param commitInterval how often Streams commits (each hop sees the previous one's output at its commits)
   * @param extra more Kafka client properties (security, for instance), applied to every client
   */
  public record Settings(String bootstrapServers, String applicationId, int partitions, short replication,
      boolean exactlyOnce, int threads, Path stateDirectory, Duration tallyInterval, int relayBatch,
      Duration relayIdle, Duration commitInterval, Map<String, String> extra) {}

  private final Settings settings;
  private final Jdbi jdbi;
  private KafkaStreams streams;
  private OutboxRelay relay;
  private TallyProjector projector;
  private crisis.alerts.sms.SmsGateway gateway;
  private crisis.alerts.outreach.OutreachSettings outreachSettings;
  private crisis.alerts.outreach.DeliveryReports reports;
  private crisis.alerts.outreach.Outreach outreach;
  private crisis.alerts.support.Leases leases;
  private crisis.core.reintegration.CaseOpening cases;
  private crisis.alerts.reintegration.ArrivalIngest arrivals;

  public AlertPipeline(Settings settings, Jdbi jdbi) {
    this.settings = settings;
    this.jdbi = jdbi;
  }

  /** Sends the alerts as SMS through {@code gateway} too (call before start). */
  public synchronized AlertPipeline sendingWith(crisis.alerts.sms.SmsGateway gateway,
      crisis.alerts.outreach.OutreachSettings settings, crisis.alerts.outreach.DeliveryReports reports) {
    this.gateway = gateway;
    this.outreachSettings = settings;
    this.reports = reports;
    return this;
  }

  /**
   * Shares the jobs that must run once per deployment with the other instances through {@code leases} (started before
   * this pipeline and closed after it; call before start). Without it this instance runs every job as if alone.
   */
  public synchronized AlertPipeline sharingWith(crisis.alerts.support.Leases leases) {
    this.leases = leases;
    return this;
  }

  /** Opens a reintegration case for each household that arrives home (call before start). */
  public synchronized AlertPipeline openingCasesWith(crisis.core.reintegration.CaseOpening cases) {
    this.cases = cases;
    return this;
  }

  public synchronized void start() {
    try (Admin admin = Admin.create(common())) {
      Topics.ensure(admin, settings.partitions(), settings.replication());
    }
    streams = new KafkaStreams(AlertTopology.build(settings.tallyInterval(), new DatabaseVersions(jdbi),
        crisis.core.privacy.FieldCipher.of(jdbi).positions()), streamsProperties(settings));
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("alert stream thread failed, replacing it", ErrorFacts.redacted(e));
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
          .REPLACE_THREAD;
    });
    streams.start();
    relay = new OutboxRelay(jdbi, producer("outbox-relay"), settings.relayBatch(), settings.relayIdle());
    relay.start();
    projector = new TallyProjector(jdbi, consumer("tally-projector"));
    projector.start();
    if (cases != null) {
      arrivals = new crisis.alerts.reintegration.ArrivalIngest(jdbi, consumer("reintegration"), cases);
      arrivals.start();
    }
    if (gateway != null) {
      outreach = new crisis.alerts.outreach.Outreach(jdbi, gateway, consumer("sms"), producer("sms-dead-letters"),
          outreachSettings, reports, java.time.Clock.systemUTC(), leases);
      outreach.start();
    }
    LOG.info("alert pipeline started on {} ({}, {} threads)", settings.bootstrapServers(),
        settings.exactlyOnce() ? "exactly once" : "at least once", settings.threads());
  }

  /** The Streams state: RUNNING or REBALANCING when healthy. */
  public KafkaStreams.State state() {
    return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
  }

  public OutboxRelay relay() {
    return relay;
  }

  /** SMS outreach, or null when the pipeline does not send. */
  public crisis.alerts.outreach.Outreach outreach() {
    return outreach;
  }

  @Override
  public synchronized void close() {
    if (outreach != null) {
      outreach.close();
      outreach = null;
    }
    if (arrivals != null) {
      arrivals.close();
      arrivals = null;
    }
    if (relay != null) {
      relay.close();
    }
    if (projector != null) {
      projector.close();
    }
    if (streams != null) {
      streams.close(Duration.ofSeconds(30));
    }
    relay = null;
    projector = null;
    streams = null;
  }

  /** The Streams configuration of the alert topology. */
  public static Properties streamsProperties(Settings s) {
    Properties p = new Properties();
    p.putAll(s.extra());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        s.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.threads());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, s.commitInterval().toMillis());
    p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDirectory().toAbsolutePath().toString());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) s.replication());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.MAX_GEOMETRY_RECORD_BYTES);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    // One request at a time per broker: a first write to a new partition answered NOT_LEADER_OR_FOLLOWER cannot
    // leave later batches ahead of it (which stalled transactions on out-of-order sequence numbers).
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 131072);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
        Topics.MAX_GEOMETRY_RECORD_BYTES);
    // Each hop reads the previous one's committed transactions: a fetch that finds nothing committed yet would
    // otherwise wait the default 500 ms before asking again, at every hop.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 20);
    return p;
  }

  private Map<String, Object> common() {
    Map<String, Object> m = new HashMap<>(settings.extra());
    m.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    return m;
  }

  /** Acknowledged by every replica, idempotent, one request at a time. */
  private KafkaProducer<String, byte[]> producer(String name) {
    Map<String, Object> m = common();
    m.put(ProducerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-" + name);
    m.put(ProducerConfig.ACKS_CONFIG, "all");
    m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // One request at a time: a key's states can never overtake each other, whatever the broker answers.
    m.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    // A round that cannot complete fails sooner and is tried again whole; its rows stay in the outbox.
    m.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 35_000);
    m.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    m.put(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
    m.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_GEOMETRY_RECORD_BYTES);
    return new KafkaProducer<>(m, new StringSerializer(), new ByteArraySerializer());
  }

  /** A read_committed consumer of this deployment, committing by hand, in group {@code applicationId-suffix}. */
  private KafkaConsumer<String, byte[]> consumer(String groupSuffix) {
    Map<String, Object> m = common();
    m.put(ConsumerConfig.GROUP_ID_CONFIG, settings.applicationId() + "-" + groupSuffix);
    m.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    m.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    m.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(m, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
