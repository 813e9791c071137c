package crisis.alerts.outreach;

import crisis.alerts.sms.SmsGateway;
import crisis.alerts.support.Leases;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.jdbi.v3.core.Jdbi;

/**
 * What sends, started and stopped with the alert pipeline: the ingest of the {@code alerts} topic, the paced
 * dispatcher and the escalation of the silent. What comes back from the gateway (delivery reports, replies) needs no
 * Kafka and is served by the API on its own ({@link DeliveryReports}, {@link Inbox}).
 */
public final class Outreach implements AutoCloseable {
  private final AlertIngest ingest;
  private final Dispatcher dispatcher;
  private final Escalation escalation;
  private final Producer<String, byte[]> deadLetters;

  /**
   * @param deadLetters where refused alerts go (closed with this); null to only count and log them
   * @param reports where a status report that overtook its send waits, applied when the send is recorded
   */
  public Outreach(Jdbi jdbi, SmsGateway gateway, Consumer<String, byte[]> alertConsumer,
      Producer<String, byte[]> deadLetters, OutreachSettings settings, DeliveryReports reports, Clock clock) {
    this(jdbi, gateway, alertConsumer, deadLetters, settings, reports, clock, null);
  }

  /**
   * @param leases the deployment's leases, started before and closed after this (each sender's pacer, the look-up
   *     and the escalation run where their lease is held), or null for one instance alone
   */
  public Outreach(Jdbi jdbi, SmsGateway gateway, Consumer<String, byte[]> alertConsumer,
      Producer<String, byte[]> deadLetters, OutreachSettings settings, DeliveryReports reports, Clock clock,
      Leases leases) {
    this.deadLetters = deadLetters;
    this.ingest = new AlertIngest(jdbi, alertConsumer, deadLetters, settings.senders(), settings.householdWindow(),
        clock);
    this.dispatcher = new Dispatcher(jdbi, gateway, settings, reports, clock, leases);
    this.escalation = new Escalation(jdbi, settings, clock, leases);
  }

  public synchronized void start() {
    dispatcher.start();
    ingest.start();
    escalation.start();
  }

  public AlertIngest ingest() {
    return ingest;
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  @Override
  public synchronized void close() {
    escalation.close();
    ingest.close();
    dispatcher.close();
    if (deadLetters != null) {
      deadLetters.close(java.time.Duration.ofSeconds(5));
    }
  }

  /** The key of the alert SMS of a crisis message to a phone. */
  public static String alertKey(UUID messageId, String phone) {
    return "alert:" + messageId + ":" + phone;
  }

  static UUID alertSendId(UUID messageId, String phone) {
    return UUID.nameUUIDFromBytes(alertKey(messageId, phone).getBytes(StandardCharsets.US_ASCII));
  }
}
