package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.sms.OutgoingCall;
import crisis.alerts.sms.OutgoingSms;
import crisis.alerts.sms.SendResult;
import crisis.alerts.sms.SmsGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway that gives every message the same id (as the simulator did after a restart, its counter starting again
 * at 1): recording the second id broke the unique key, the write was retried forever, the look-up did not recognise
 * the message and it was sent again. A message the gateway accepted is never sent again, whatever its id.
 */
class GatewayIdReusedTest {
  static OutreachFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new OutreachFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** Accepts everything, always under the same id, and has nothing to tell a look-up. */
  static final class SameIdGateway implements SmsGateway {
    final AtomicInteger sent = new AtomicInteger();

    @Override
    public SendResult send(OutgoingSms sms) {
      sent.incrementAndGet();
      return SendResult.sent("SM00000000000000000000000000000001", "queued");
    }

    @Override
    public SendResult call(OutgoingCall call) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<SendResult> lookup(String to, String body, Instant since, Predicate<String> recorded) {
      return Optional.empty();
    }
  }

  @Test
  void aMessageTheGatewayAcceptedIsNeverSentAgainWhateverItsId() throws Exception {
    f.jdbi.useHandle(h -> {
      for (int i = 1; i <= 3; i++) {
        h.execute("INSERT INTO sms_send (id, dedupe_key, kind, phone, language, sender, body, next_attempt_at, "
            + "created_at) VALUES (gen_random_uuid(), 'test:same-id:" + i + "', 'ACK', '+2189112300" + i + "', 'ar', "
            + "'world', 'وصلت رسالتكم، شكرا.', now(), now())");
      }
    });
    SameIdGateway gateway = new SameIdGateway();
    Dispatcher dispatcher = new Dispatcher(f.jdbi, gateway, OutreachFixture.settings(50, null),
        new DeliveryReports(f.jdbi, f.clock), f.clock);
    dispatcher.start();
    try {
      OutreachFixture.await("all three settled", Duration.ofSeconds(30), () -> f.count("SELECT count(*) FROM "
          + "sms_send WHERE dedupe_key LIKE 'test:same-id:%' AND state = 'SENT'") == 3);
      // Longer than the in-flight timeout and the look-up delay: nothing is sent again meanwhile.
      Thread.sleep(OutreachFixture.settings(50, null).inFlightTimeout().plus(
          OutreachFixture.settings(50, null).lookupDelay()).toMillis() + 1_000);
    } finally {
      dispatcher.close();
    }
    assertThat(gateway.sent.get()).as("sent to the gateway").isEqualTo(3);
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE dedupe_key LIKE 'test:same-id:%' AND sid IS NULL "
        + "AND error LIKE '%id already recorded for another%'")).isEqualTo(2);
  }
}
