package crisis.alerts.outreach;

import crisis.alerts.kafka.Topics;
import crisis.alerts.pipeline.Alert;
import crisis.alerts.pipeline.DeadLetters;
import crisis.alerts.pipeline.JsonSerde;
import crisis.alerts.support.ConsumerLoop;
import crisis.core.common.ErrorFacts;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisStatus;
import crisis.core.crisis.db.CrisisDao;
import crisis.core.outreach.SenderPlan;
import crisis.core.outreach.db.SmsDao;
import crisis.core.registry.db.RegistrationDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
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
  private final Producer<String, byte[]> deadLetters;
  private final AtomicLong ingested = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final CrisisZones zones = new CrisisZones();
  private ConsumerLoop loop;

  /**
   * @param consumer read_committed, auto-commit off, its own group
   * @param deadLetters where refused alerts go; null to only count and log them
   */
  public AlertIngest(Jdbi jdbi, Consumer<String, byte[]> consumer, Producer<String, byte[]> deadLetters,
      SenderPlan senders, Duration householdWindow, Clock clock) {
    this.jdbi = jdbi;
    this.deadLetters = deadLetters;
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
    Map<UUID, ConsumerRecord<String, byte[]>> raw = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      try {
        Alert a = ALERT.read(r.value());
        if (a != null) {
          alerts.add(a);
          raw.put(a.id(), r);
        }
      } catch (IllegalArgumentException e) {
        LOG.warn("skipping an unreadable alert at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
            ErrorFacts.describe(e));
      }
    }
    Map<UUID, String> refused = store(alerts);
    if (deadLetters != null && !refused.isEmpty()) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      refused.forEach((id, reason) -> sent.add(deadLetters.send(DeadLetters.of(raw.get(id), reason))));
      for (Future<RecordMetadata> f : sent) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while sending refused alerts to dead-letters", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("cannot send refused alerts to dead-letters: " + e.getCause(), e);
        }
      }
    }
    ingested.addAndGet(alerts.size() - refused.size());
  }

  /**
   * Alerts refused since start: their crisis is not active, their message is not that crisis's, or the person is in
   * none of its zones.
   */
  public long refused() {
    return refused.get();
  }

  /**
   * Stores a batch of alerts in one transaction. An alert is only turned into an SMS when its crisis is active, its
   * message is one of that crisis's, and the person is inside one of its zones, all as the database holds them (the
   * same exact test as the pipeline's): whoever can write to the topic could otherwise have the system text anybody. Refused alerts are counted and logged (ids only) and returned, to go to {@code dead-letters}.
   *
   * @return the refused alerts' ids, each with the reason
   */
  public Map<UUID, String> store(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return Map.of();
    }
    Instant now = clock.instant();
    Instant due = now.plus(householdWindow);
    return jdbi.inTransaction(h -> {
      Map<UUID, Crisis> crises = new HashMap<>();
      h.attach(CrisisDao.class).findAll(alerts.stream().map(Alert::crisisId).distinct().toList())
          .forEach(c -> crises.put(c.id(), c));
      Map<UUID, String> refusals = new LinkedHashMap<>();
      List<Alert> accepted = new ArrayList<>(alerts.size());
      for (Alert a : alerts) {
        String why = refusal(a, crises.get(a.crisisId()));
        if (why == null) {
          accepted.add(a);
        } else {
          refusals.put(a.id(), why);
          LOG.warn("refused alert {} of crisis {}: {}", a.id(), a.crisisId(), why);
        }
      }
      refused.addAndGet(refusals.size());
      Map<UUID, RegistrationDao.Whereabouts> people = new HashMap<>();
      h.attach(RegistrationDao.class).whereabouts(accepted.stream().map(Alert::registrationId).distinct()
          .toArray(UUID[]::new)).forEach(p -> people.put(p.id(), p));
      SmsDao dao = h.attach(SmsDao.class);
      List<SmsDao.AlertSend> sends = new ArrayList<>();
      List<SmsDao.Recipient> recipients = new ArrayList<>();
      int outside = 0;
      for (Alert a : accepted) {
        RegistrationDao.Whereabouts person = people.get(a.registrationId());
        if (person == null) {
          continue; // archived or merged since the alert was decided
        }
        if (!zones.reach(crises.get(a.crisisId()), person)) {
          // Not in the crisis's zones as the database holds them: a forged alert, or someone who moved out since.
          refusals.put(a.id(), "the person is in none of the crisis's zones");
          outside++;
          continue;
        }
        String phone = person.phone();
        UUID send = Outreach.alertSendId(a.messageId(), phone);
        sends.add(new SmsDao.AlertSend(send, Outreach.alertKey(a.messageId(), phone), a.crisisId(), a.messageId(),
            phone, a.language(), senders.route(phone).name()));
        recipients.add(new SmsDao.Recipient(a.messageId(), a.registrationId(), a.crisisId(), send, a.id()));
      }
      if (!sends.isEmpty()) {
        dao.queueAlerts(sends, due, now);
        dao.addRecipients(recipients, now);
      }
      if (outside > 0) {
        refused.addAndGet(outside);
        LOG.warn("refused {} alerts of people in none of their crisis's zones", outside);
      }
      return refusals;
    });
  }

  /** Why an alert must not be sent, or null when it may. */
  static String refusal(Alert a, Crisis crisis) {
    if (a.crisisId() == null || a.messageId() == null || a.registrationId() == null) {
      return "incomplete alert";
    }
    if (crisis == null) {
      return "unknown crisis";
    }
    if (crisis.status() != CrisisStatus.ACTIVE) {
      return "crisis is " + crisis.status();
    }
    if (crisis.messages().stream().noneMatch(m -> m.id().equals(a.messageId()))) {
      return "message is not one of this crisis's";
    }
    return null;
  }

  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.close();
      loop = null;
    }
  }
}
