package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.testing.Poll;
import crisis.standin.LocalTwilio;
import crisis.alerts.sms.TwilioGateway;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisMessage;
import crisis.core.outreach.Keyword;
import crisis.core.registry.Registration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Replies read and acted on; the silent reminded, then called; those who answered left alone. */
@Tag("db")
class RepliesAndEscalationTest {
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

  @Test
  void repliesSetStatusesOpenRequestsAndAreAcknowledgedThenTheSilentAreRemindedAndCalled() throws Exception {
    Crisis crisis = f.activeCrisis();
    CrisisMessage m = crisis.messages().get(0);
    Registration safe = f.people(2000, 1, null).get(0);
    Registration silent = f.people(2001, 1, null).get(0);
    List<Registration> family = f.people(2002, 2, "+33698760001");
    Registration late = f.people(2004, 1, null).get(0);
    List<Registration> all = new ArrayList<>(List.of(safe, silent, late));
    all.addAll(family);

    OutreachSettings s = OutreachFixture.settings(50, "+15005550007");
    OutreachSettings settings = new OutreachSettings(s.senders(), null, 4, Duration.ZERO, s.inFlightTimeout(),
        s.lookupDelay(), 5, s.retryBase(), s.retryMax(), Duration.ofHours(1), Duration.ofHours(1),
        Duration.ofHours(1));
    TwilioGateway gateway = OutreachFixture.gateway(twilio, Duration.ofSeconds(2));
    // One clock for the whole outreach, moved by the test an hour at a time: the silences the escalation measures are
    // an hour long, so no real wait can make the test pass or fail by chance.
    crisis.core.testing.ManualClock escalationClock = new crisis.core.testing.ManualClock(java.time.Instant.now());
    new AlertIngest(f.jdbi, null, null, settings.senders(), Duration.ZERO, escalationClock)
        .store(OutreachFixture.alerts(crisis, m, all));
    DeliveryReports reports = new DeliveryReports(f.jdbi, escalationClock);
    Dispatcher dispatcher = new Dispatcher(f.jdbi, gateway, settings, reports, escalationClock);
    Escalation escalation = new Escalation(f.jdbi, settings, escalationClock);
    Inbox inbox = new Inbox(f.jdbi, settings.senders(), escalationClock);
    dispatcher.start();
    try {
      Poll.until(Duration.ofSeconds(20), () -> f.count(
          "SELECT count(*) FROM sms_send WHERE kind = 'ALERT' AND state = 'SENT'") == 4, "the alerts");

      // Arabic script with a vowel mark, and the family's "2" in Arabic-Indic digits.
      Inbox.Received r1 = inbox.receive("SMin1", safe.data().phone(), "آمِن");
      assertThat(r1.keyword()).isEqualTo(Keyword.SAFE);
      assertThat(r1.crisisId()).isEqualTo(crisis.id());
      Inbox.Received r2 = inbox.receive("SMin2", "+33698760001", "٢");
      assertThat(r2.keyword()).isEqualTo(Keyword.HELP);
      assertThat(r2.registrations()).hasSize(2);
      assertThat(inbox.receive("SMin2", "+33698760001", "٢").duplicate()).isTrue();
      Inbox.Received stranger = inbox.receive("SMin3", "+33698769999", "who is this?");
      assertThat(stranger.keyword()).isEqualTo(Keyword.OTHER);
      assertThat(stranger.registrations()).isEmpty();
      assertThat(stranger.acknowledged()).isFalse();

      assertThat(f.count("SELECT count(*) FROM citizen_status WHERE status = 'SAFE'")).isEqualTo(1);
      assertThat(f.count("SELECT count(*) FROM citizen_status WHERE status = 'NEEDS_HELP'")).isEqualTo(2);
      assertThat(f.count("SELECT count(*) FROM assistance_request WHERE state = 'OPEN' "
          + "AND consulate_id = 'fr-paris'")).isEqualTo(2);
      assertThat(f.count("SELECT count(*) FROM sms_reply")).isEqualTo(3);
      Poll.until(Duration.ofSeconds(10), () -> f.count(
          "SELECT count(*) FROM sms_send WHERE kind = 'ACK' AND state = 'SENT'") == 2, "two acknowledgements");
      assertThat(twilio.createdFor(safe.data().phone()).get(1).body()).startsWith("شكرا");

      assertThat(escalation.runOnce()).as("not yet: nobody has been silent an hour").isZero();
      escalationClock.advance(Duration.ofHours(1).plusMinutes(1));
      assertThat(escalation.runOnce()).as("reminders").isEqualTo(2); // silent and late; not safe, not the family
      Poll.until(Duration.ofSeconds(10), () -> f.count(
          "SELECT count(*) FROM sms_send WHERE kind = 'REMINDER' AND state = 'SENT'") == 2, "the reminders");
      assertThat(twilio.createdFor(silent.data().phone()).get(1).body())
          .startsWith("تذكير").contains(OutreachFixture.TEXTS.get("ar"));
      inbox.receive("SMin4", late.data().phone(), "Labas, hamdoulilah");
      assertThat(escalation.runOnce()).as("no call before an hour after the reminder").isZero();
      escalationClock.advance(Duration.ofHours(1).plusMinutes(1));
      assertThat(escalation.runOnce()).as("calls").isEqualTo(1);
      Poll.until(Duration.ofSeconds(10), () -> twilio.calls(silent.data().phone()) == 1, "the call");
      assertThat(twilio.createdFor(silent.data().phone()).get(2).body()).contains("<Say", "language=\"arb\"");
      escalationClock.advance(Duration.ofHours(1).plusMinutes(1));
      assertThat(escalation.runOnce()).as("nothing more").isZero();
      assertThat(twilio.calls(late.data().phone())).isZero();
      assertThat(twilio.requests(safe.data().phone())).as("alert and acknowledgement only").isEqualTo(2);

      // STOP: no acknowledgement, nothing more; START lifts it and is acknowledged.
      assertThat(inbox.receive("SMin5", silent.data().phone(), "stop").acknowledged()).isFalse();
      assertThat(f.count("SELECT count(*) FROM sms_opt_out")).isEqualTo(1);
      assertThat(inbox.receive("SMin6", silent.data().phone(), "START").acknowledged()).isTrue();
      assertThat(f.count("SELECT count(*) FROM sms_opt_out")).isZero();
    } finally {
      dispatcher.close();
    }
  }
}
