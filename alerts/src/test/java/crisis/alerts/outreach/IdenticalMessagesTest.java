package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.testing.Poll;
import crisis.standin.LocalTwilio;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two identical SMS to one phone (two acknowledgements of the same reply word), both created at the gateway but
 * answered after the client gave up: the look-up must give each attempt its own message, not the same one twice (a
 * MessageSid is unique: the second write could never succeed and was retried forever), and nothing is sent again.
 */
class IdenticalMessagesTest {
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
  void eachLostAnswerIsFoundAsItsOwnMessage() throws Exception {
    String phone = "+33698765777";
    f.jdbi.useHandle(h -> {
      for (int i = 1; i <= 2; i++) {
        h.execute("INSERT INTO sms_send (id, dedupe_key, kind, phone, language, sender, body, next_attempt_at, "
            + "created_at) VALUES (gen_random_uuid(), 'test:same:" + i + "', 'ACK', '" + phone + "', 'fr', 'world', "
            + "'Reçu, merci.', now(), now())");
      }
    });
    // Created at once, answered after the client's 500 ms timeout.
    twilio.script(p -> new LocalTwilio.Reply(201, null, 1500));
    OutreachSettings settings = OutreachFixture.settings(50, null);
    Dispatcher dispatcher = new Dispatcher(f.jdbi, OutreachFixture.gateway(twilio, Duration.ofMillis(500)), settings,
        new DeliveryReports(f.jdbi, f.clock), f.clock);
    dispatcher.start();
    try {
      Poll.until(Duration.ofSeconds(60), () -> f.count("SELECT count(*) FROM sms_send "
          + "WHERE phone = '" + phone + "' AND state = 'SENT'") == 2, "both settled");
    } finally {
      dispatcher.close();
    }
    List<String> sids = f.jdbi.withHandle(h -> h.createQuery("SELECT sid FROM sms_send WHERE phone = :p")
        .bind("p", phone).mapTo(String.class).list());
    assertThat(sids).hasSize(2).doesNotHaveDuplicates().doesNotContainNull();
    assertThat(twilio.accepted(phone)).as("each created once, none sent again").isEqualTo(2);
  }
}
