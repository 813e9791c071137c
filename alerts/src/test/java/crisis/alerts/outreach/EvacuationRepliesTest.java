package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.sms.TwilioGateway;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisMessage;
import crisis.core.outreach.Keyword;
import crisis.core.outreach.Phrases;
import crisis.core.registry.Registration;
import crisis.core.testing.Poll;
import crisis.standin.LocalTwilio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** LEAVE by SMS opens one evacuation request for the phone's household; STAY cancels it; both are acknowledged. */
@Tag("db")
class EvacuationRepliesTest {
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
  void aLeaveReplyOpensOneRequestPerHouseholdAndStayCancelsIt() throws Exception {
    Crisis crisis = f.activeCrisis();
    CrisisMessage m = crisis.messages().get(0);
    List<Registration> family = f.people(3000, 2, "+33698770001");
    Registration single = f.people(3002, 1, null).get(0);
    List<Registration> all = new ArrayList<>(family);
    all.add(single);
    OutreachSettings settings = OutreachFixture.settings(50, null);
    TwilioGateway gateway = OutreachFixture.gateway(twilio, Duration.ofSeconds(2));
    new AlertIngest(f.jdbi, null, null, settings.senders(), Duration.ZERO, f.clock)
        .store(OutreachFixture.alerts(crisis, m, all));
    Dispatcher dispatcher = new Dispatcher(f.jdbi, gateway, settings, new DeliveryReports(f.jdbi, f.clock), f.clock);
    Inbox inbox = new Inbox(f.jdbi, settings.senders(), f.clock);
    dispatcher.start();
    try {
      Poll.until(Duration.ofSeconds(20), () -> f.count(
          "SELECT count(*) FROM sms_send WHERE kind = 'ALERT' AND state = 'SENT'") == 2, "the alerts");

      // The family answers "3" in Arabic-Indic digits, then again in words: one request, both of them in it.
      Inbox.Received leave = inbox.receive("SMl1", "+33698770001", "٣");
      assertThat(leave.keyword()).isEqualTo(Keyword.LEAVE);
      assertThat(inbox.receive("SMl2", "+33698770001", "Nous voulons partir").keyword()).isEqualTo(Keyword.LEAVE);
      assertThat(f.count("SELECT count(*) FROM evacuation_request WHERE source = 'SMS' AND state = 'OPEN'"))
          .isEqualTo(1);
      assertThat(f.count("SELECT count(*) FROM evacuation_traveller WHERE registration_id IS NOT NULL")).isEqualTo(2);
      assertThat(f.count("SELECT count(*) FROM sms_send WHERE kind = 'ACK' AND phone = '+33698770001' AND body = '"
          + Phrases.get(Phrases.Key.ACK_LEAVE, "ar").replace("'", "''") + "'")).isEqualTo(2);

      // The single person writes in Moroccan Arabic transliteration; then the family changes its mind.
      assertThat(inbox.receive("SMl3", single.data().phone(), "Bghit nmchi").keyword()).isEqualTo(Keyword.LEAVE);
      assertThat(inbox.receive("SMl4", single.data().phone(), "where is the bus?").keyword())
          .isEqualTo(Keyword.OTHER);
      assertThat(inbox.receive("SMl5", "+33698770001", "RESTER").keyword()).isEqualTo(Keyword.STAY);
      assertThat(f.count("SELECT count(*) FROM evacuation_request WHERE state = 'CANCELLED'")).isEqualTo(1);
      assertThat(f.count("SELECT count(*) FROM evacuation_request WHERE state = 'OPEN'")).isEqualTo(1);
      // CANCEL is the carriers' opt-out word: it stops the messages and touches no request.
      assertThat(inbox.receive("SMl6", single.data().phone(), "CANCEL").keyword()).isEqualTo(Keyword.STOP);
      assertThat(f.count("SELECT count(*) FROM evacuation_request WHERE state = 'OPEN'")).isEqualTo(1);
    } finally {
      dispatcher.close();
    }
  }
}
