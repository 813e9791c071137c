package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.pipeline.Alert;
import crisis.alerts.sms.TwilioGateway;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisMessage;
import crisis.core.outreach.db.Claimed;
import crisis.core.registry.Registration;
import crisis.core.testing.Poll;
import crisis.standin.LocalTwilio;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher through the real Twilio SDK against a local stand-in for Twilio that fails a fifth of the requests
 * (500, 503, 429/20429, or answers too late for a message it did create), with the dispatcher killed mid-broadcast
 * and started again: every phone gets its SMS exactly once.
 */
@Tag("db")
class DispatcherTest {
  static OutreachFixture f;
  static LocalTwilio twilio;

  @BeforeAll
  static void start() throws Exception {
    f = new OutreachFixture();
    twilio = new LocalTwilio();
  }

  @AfterAll
  static void stop() {
    twilio.close();
    f.close();
  }

  private static TwilioGateway gateway() {
    return OutreachFixture.gateway(twilio, Duration.ofMillis(500));
  }

  @Test
  void everyoneGetsExactlyOneSmsDespiteFaultsAndACrash() throws Exception {
    Crisis crisis = f.activeCrisis();
    CrisisMessage m = crisis.messages().get(0);
    List<Registration> people = new ArrayList<>(f.people(1000, 60, null));
    List<Registration> household = f.people(1100, 3, "+33698765401");
    people.addAll(household);
    Registration invalid = f.people(1200, 1, "+33698765402").get(0);
    Registration stopped = f.people(1201, 1, "+33698765403").get(0);
    Registration optedOutBefore = f.people(1202, 1, "+33698765404").get(0);
    f.jdbi.useHandle(h -> h.execute("INSERT INTO sms_opt_out (phone, at, via) VALUES ('+33698765404', now(), 'reply')"));
    List<Registration> all = new ArrayList<>(people);
    all.addAll(List.of(invalid, stopped, optedOutBefore));
    Set<String> phones = people.stream().map(r -> r.data().phone()).collect(Collectors.toSet());

    Random random = new Random(7);
    twilio.script(p -> {
      String to = p.get("To");
      if ("+33698765402".equals(to)) {
        return new LocalTwilio.Reply(400, 21211, 0);
      }
      if ("+33698765403".equals(to)) {
        return new LocalTwilio.Reply(400, 21610, 0);
      }
      int roll;
      synchronized (random) {
        roll = random.nextInt(20);
      }
      return switch (roll) {
        case 0 -> new LocalTwilio.Reply(500, null, 0);
        case 1 -> new LocalTwilio.Reply(503, 20503, 0);
        case 2 -> new LocalTwilio.Reply(429, 20429, 0);
        case 3 -> new LocalTwilio.Reply(201, null, 1500); // created, answered after the client gave up
        default -> new LocalTwilio.Reply(201, null, 30);
      };
    });

    OutreachSettings settings = OutreachFixture.settings(40, null);
    List<Alert> alerts = OutreachFixture.alerts(crisis, m, all);
    AlertIngest ingest = new AlertIngest(f.jdbi, null, null, settings.senders(), settings.householdWindow(), f.clock);
    ingest.store(alerts);
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE kind = 'ALERT'")).isEqualTo(phones.size() + 3);
    assertThat(f.count("SELECT count(*) FROM sms_recipient")).isEqualTo(all.size());

    DeliveryReports reports = new DeliveryReports(f.jdbi, f.clock);
    Dispatcher first = new Dispatcher(f.jdbi, gateway(), settings, reports, f.clock);
    first.start();
    Poll.until(Duration.ofSeconds(30), () -> twilio.created().size() >= 20, "a third of the broadcast");
    first.kill(); // mid-broadcast: answers in flight are lost, rows stay SENDING
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE state = 'PENDING'")).isPositive();
    // The same alerts read again (as after a crash before the offsets were committed) change nothing.
    ingest.store(alerts);

    Dispatcher second = new Dispatcher(f.jdbi, gateway(), settings, reports, f.clock);
    second.start();
    try {
      Poll.until(Duration.ofSeconds(60), () -> f.count(
          "SELECT count(*) FROM sms_send WHERE state IN ('PENDING', 'SENDING')") == 0, "every SMS settled");
    } finally {
      second.close();
    }

    for (String phone : phones) {
      assertThat(twilio.accepted(phone)).as("messages to %s", phone).isEqualTo(1);
    }
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE kind = 'ALERT' AND state = 'SENT'")).isEqualTo(phones.size());
    assertThat(twilio.requests().size()).as("the faults were exercised").isGreaterThan(phones.size() + 5);
    // A permanent error is not retried; an opted-out person is not messaged; the gateway's opt-out is kept.
    assertThat(twilio.requests("+33698765402")).isEqualTo(1);
    assertThat(twilio.requests("+33698765403")).isEqualTo(1);
    assertThat(twilio.requests("+33698765404")).isZero();
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE phone = '+33698765402' AND state = 'FAILED' "
        + "AND error_code = 21211")).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE kind = 'ALERT' AND state = 'OPTED_OUT'")).isEqualTo(2);
    assertThat(f.count("SELECT count(*) FROM sms_opt_out WHERE phone = '+33698765403'")).isEqualTo(1);
    // The household's phone got one SMS, in Arabic (their language), naming the three of them.
    String body = twilio.createdFor("+33698765401").get(0).body();
    assertThat(body).startsWith(OutreachFixture.TEXTS.get("ar")).contains("Karim", "Sara", "Nadia");

    // Replayed once more after everything was sent: no request at all.
    int before = twilio.requests().size();
    ingest.store(alerts);
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE state IN ('PENDING', 'SENDING')")).isZero();
    Dispatcher third = new Dispatcher(f.jdbi, gateway(), settings, reports, f.clock);
    third.start();
    try {
      // Positive signal: the pacer has looked for due rows twice (after the replay) and found none.
      Poll.until(Duration.ofSeconds(30), () -> third.rounds() >= 2, "two claim rounds");
    } finally {
      third.close();
    }
    assertThat(twilio.requests().size()).isEqualTo(before);
  }

  @Test
  void statusReportsOnlyMoveForwardAndMayArriveBeforeTheSendIsRecorded() {
    DeliveryReports reports = new DeliveryReports(f.jdbi, f.clock);
    f.jdbi.useHandle(h -> h.execute("INSERT INTO sms_send (id, dedupe_key, kind, phone, language, sender, state, sid, "
        + "status, status_rank, next_attempt_at, created_at) VALUES (gen_random_uuid(), 'test:1', 'ACK', "
        + "'+33600000001', 'fr', 'world', 'SENT', 'SM1', 'queued', 1, now(), now())"));
    assertThat(reports.report("SM1", "delivered", null)).isEqualTo(DeliveryReports.Outcome.APPLIED);
    assertThat(reports.report("SM1", "sent", null)).isEqualTo(DeliveryReports.Outcome.UNCHANGED);
    assertThat(reports.report("SM1", "delivered", null)).isEqualTo(DeliveryReports.Outcome.UNCHANGED);
    assertThat(reports.report("SM1", "undelivered", 30003)).isEqualTo(DeliveryReports.Outcome.UNCHANGED);
    assertThat(reports.report("SM1", "read", null)).isEqualTo(DeliveryReports.Outcome.APPLIED);
    assertThat(f.count("SELECT status_rank FROM sms_send WHERE sid = 'SM1'")).isEqualTo(5);

    // Unknown yet: kept, applied once the send is recorded with that sid.
    assertThat(reports.report("SM2", "undelivered", 30005)).isEqualTo(DeliveryReports.Outcome.EARLY);
    Claimed c = f.jdbi.inTransaction(h -> {
      h.execute("INSERT INTO sms_send (id, dedupe_key, kind, phone, language, sender, state, attempts, "
          + "next_attempt_at, created_at) VALUES (gen_random_uuid(), 'test:2', 'ACK', '+33600000002', 'fr', 'world', "
          + "'SENDING', 1, now(), now())");
      return new Claimed(h.createQuery("SELECT id FROM sms_send WHERE dedupe_key = 'test:2'")
          .mapTo(java.util.UUID.class).one(), crisis.core.outreach.SmsKind.ACK, null, null, "+33600000002", "fr", "world", "x", 1, false,
          Instant.now());
    });
    Dispatcher d = new Dispatcher(f.jdbi, gateway(), OutreachFixture.settings(10, null), reports, f.clock);
    d.record(c, crisis.alerts.sms.SendResult.sent("SM2", "queued"));
    String after = f.jdbi.withHandle(h -> h.createQuery("SELECT status || '/' || error_code FROM sms_send "
        + "WHERE sid = 'SM2'").mapTo(String.class).one());
    assertThat(after).isEqualTo("undelivered/30005");
    assertThat(f.count("SELECT count(*) FROM sms_status_early WHERE sid = 'SM2'")).isZero();
  }

  @Test
  void earlyReportsAreKeptOncePerStatusAndForAnHourOnly() {
    crisis.core.testing.ManualClock clock = new crisis.core.testing.ManualClock(Instant.parse("2026-11-30T01:00:00Z"));
    DeliveryReports reports = new DeliveryReports(f.jdbi, clock);
    for (int i = 0; i < 50; i++) {
      assertThat(reports.report("SMreplayed", "delivered", null)).isEqualTo(DeliveryReports.Outcome.EARLY);
    }
    reports.report("SMreplayed", "sent", null);
    assertThat(f.count("SELECT count(*) FROM sms_status_early WHERE sid = 'SMreplayed'")).isEqualTo(2);
    clock.advance(DeliveryReports.KEEP_EARLY.plusSeconds(1));
    reports.report("SMlater", "delivered", null);
    assertThat(f.count("SELECT count(*) FROM sms_status_early WHERE sid = 'SMreplayed'")).isZero();
    assertThat(f.count("SELECT count(*) FROM sms_status_early WHERE sid = 'SMlater'")).isEqualTo(1);
  }
}
