package crisis.alerts.outreach;

import crisis.alerts.sms.SimulatorGateway;
import crisis.alerts.sms.SmsGateway;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * SMS outreach as one piece, started and stopped with the alert pipeline: the ingest of the {@code alerts} topic,
 * the paced dispatcher, the escalation of the silent, and the two entries from the gateway (status reports and
 * inbound replies).
 */
public final class Outreach implements AutoCloseable {
  private final SmsGateway gateway;
  private final AlertIngest ingest;
  private final Dispatcher dispatcher;
  private final Escalation escalation;
  private final DeliveryReports reports;
  private final Inbox inbox;

  public Outreach(Jdbi jdbi, SmsGateway gateway, Consumer<String, byte[]> alertConsumer, OutreachSettings settings,
      Clock clock) {
    this.gateway = gateway;
    this.reports = new DeliveryReports(jdbi, clock);
    this.inbox = new Inbox(jdbi, settings.senders(), clock);
    this.ingest = new AlertIngest(jdbi, alertConsumer, settings.senders(), settings.householdWindow(), clock);
    this.dispatcher = new Dispatcher(jdbi, gateway, settings, reports, clock);
    this.escalation = new Escalation(jdbi, settings, clock);
    if (gateway instanceof SimulatorGateway simulator) {
      simulator.onStatus((sid, status) -> reports.report(sid, status, null));
    }
  }

  public synchronized void start() {
    dispatcher.start();
    ingest.start();
    escalation.start();
  }

  public SmsGateway gateway() {
    return gateway;
  }

  public DeliveryReports reports() {
    return reports;
  }

  public Inbox inbox() {
    return inbox;
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  public AlertIngest ingest() {
    return ingest;
  }

  public Escalation escalation() {
    return escalation;
  }

  @Override
  public synchronized void close() {
    escalation.close();
    ingest.close();
    dispatcher.close();
  }

  /** Stops as a crash would (tests of the recovery): nothing in flight is recorded. */
  public synchronized void kill() {
    escalation.close();
    ingest.close();
    dispatcher.kill();
  }

  /** The key of the alert SMS of a crisis message to a phone. */
  public static String alertKey(UUID messageId, String phone) {
    return "alert:" + messageId + ":" + phone;
  }

  static UUID alertSendId(UUID messageId, String phone) {
    return UUID.nameUUIDFromBytes(alertKey(messageId, phone).getBytes(StandardCharsets.US_ASCII));
  }
}
