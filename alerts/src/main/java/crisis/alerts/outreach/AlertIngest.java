package crisis.alerts.outreach;

import crisis.alerts.kafka.Topics;
import crisis.alerts.pipeline.Alert;
import crisis.alerts.pipeline.JsonSerde;
import crisis.alerts.support.ConsumerLoop;
import crisis.core.outreach.SenderPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the {@code alerts} topic into rows to send: per alert, one {@code sms_recipient} row keyed by (crisis message,
 * registration), and one {@code sms_send} row per (crisis message, phone), so people sharing a phone share one SMS.
 * Both inserts ignore rows already there, so an alert read twice (after a crash between the database commit and the
 * offset commit, or a replay of the topic) never makes a second SMS. Offsets are committed after the database.
 */
public final class AlertIngest implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertIngest.class);
  private static final JsonSerde<Alert> ALERT = JsonSerde.of(Alert.class);

  private final Jdbi jdbi;
  private final Consumer<String, byte[]> consumer;
  private final SenderPlan senders;
  private final Duration householdWindow;
  private final Clock clock;
  private final AtomicLong ingested = new AtomicLong();
  private ConsumerLoop loop;

  /** @param consumer read_committed, auto-commit off, its own group */
  public AlertIngest(Jdbi jdbi, Consumer<String, byte[]> consumer, SenderPlan senders, Duration householdWindow,
      Clock clock) {
    this.jdbi = jdbi;
    this.consumer = consumer;
    this.senders = senders;
    this.householdWindow = householdWindow;
    this.clock = clock;
  }

  public synchronized void start() {
    loop = ConsumerLoop.start("sms-alert-ingest", consumer, Topics.ALERTS, this::ingest);
  }

  /** Alerts read and stored since start. */
  public long ingested() {
    return ingested.get();
  }

  private void ingest(ConsumerRecords<String, byte[]> records) {
    List<Alert> alerts = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> r : records) {
      try {
        Alert a = ALERT.read(r.value());
        if (a != null) {
          alerts.add(a);
        }
      } catch (IllegalArgumentException e) {
        LOG.warn("skipping an unreadable alert at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
            e.getMessage());
      }
    }
    store(alerts);
    ingested.addAndGet(alerts.size());
  }

  /** Stores a batch of alerts in one transaction. */
  public void store(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Instant due = now.plus(householdWindow);
    jdbi.useTransaction(h -> {
      SmsDao dao = h.attach(SmsDao.class);
      Map<UUID, String> phones = new HashMap<>();
      dao.activePhones(alerts.stream().map(Alert::registrationId).distinct().toArray(UUID[]::new))
          .forEach(p -> phones.put(p.id(), p.phone()));
      List<SmsDao.AlertSend> sends = new ArrayList<>();
      List<SmsDao.Recipient> recipients = new ArrayList<>();
      for (Alert a : alerts) {
        String phone = phones.get(a.registrationId());
        if (phone == null) {
          continue; // archived or merged since the alert was decided
        }
        UUID send = Outreach.alertSendId(a.messageId(), phone);
        sends.add(new SmsDao.AlertSend(send, Outreach.alertKey(a.messageId(), phone), a.crisisId(), a.messageId(),
            phone, a.language(), senders.route(phone).name()));
        recipients.add(new SmsDao.Recipient(a.messageId(), a.registrationId(), a.crisisId(), send, a.id()));
      }
      if (!sends.isEmpty()) {
        dao.queueAlerts(sends, due, now);
        dao.addRecipients(recipients, now);
      }
    });
  }

  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.close();
      loop = null;
    }
  }
}
