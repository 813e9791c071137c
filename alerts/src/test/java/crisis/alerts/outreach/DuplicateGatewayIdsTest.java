package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import crisis.alerts.sms.OutgoingCall;
import crisis.alerts.sms.OutgoingSms;
import crisis.alerts.sms.SendResult;
import crisis.alerts.sms.SmsGateway;
import crisis.core.crisis.Crisis;
import crisis.core.registry.Registration;
import crisis.core.testing.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A gateway may answer with an id it gave before (a simulator started again, a gateway's bug): the id cannot be
 * recorded twice ({@code sms_send_sid_key}), but the SMS went out all the same. It is recorded as sent, without the
 * id, and never sent a second time, whether the answer came back at once or was lost and found by a look-up; the
 * warning names the row, never the phone or the text.
 */
@Tag("db")
class DuplicateGatewayIdsTest {
  static OutreachFixture f;
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  static void start() {
    f = new OutreachFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @BeforeEach
  void captureLogs() {
    logs.start();
    root().addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    root().detachAppender(logs);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Test
  void idsTheGatewayGaveBeforeNeverCauseASecondSend() throws Exception {
    Crisis crisis = f.activeCrisis();
    List<Registration> people = f.people(3000, 15, null);
    // A message of an earlier run holds the id the gateway will give first.
    f.jdbi.useHandle(h -> h.execute("INSERT INTO sms_send (id, dedupe_key, kind, phone, language, sender, state, sid, "
        + "status, status_rank, next_attempt_at, created_at) VALUES (gen_random_uuid(), 'ack:earlier-run', 'ACK', "
        + "'+33698760000', 'fr', 'world', 'SENT', 'SMrepeat0', 'delivered', 3, now(), now())"));
    RepeatingIds gateway = new RepeatingIds("SMrepeat", 3);
    OutreachSettings settings = OutreachFixture.settings(40, null);
    new AlertIngest(f.jdbi, null, null, settings.senders(), settings.householdWindow(), f.clock)
        .store(OutreachFixture.alerts(crisis, crisis.messages().get(0), people));

    Dispatcher dispatcher = new Dispatcher(f.jdbi, gateway, settings, new DeliveryReports(f.jdbi, f.clock), f.clock);
    dispatcher.start();
    try {
      // Settled (nothing PENDING or SENDING: nothing can be sent again), or a phone texted twice (the fault this
      // test is about): either ends the wait.
      Poll.until(Duration.ofSeconds(60), () -> gateway.twice()
          || f.count("SELECT count(*) FROM sms_send WHERE state IN ('PENDING', 'SENDING')") == 0, "every SMS settled");
    } finally {
      dispatcher.close();
    }

    for (Registration r : people) {
      assertThat(gateway.sentTo(r.data().phone())).as("SMS to %s", r.data().phone()).isEqualTo(1);
    }
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE kind = 'ALERT' AND state = 'SENT'")).isEqualTo(15);
    // Two ids were new (SMrepeat1, SMrepeat2); the thirteen others were sent under an id another send holds.
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE kind = 'ALERT' AND sid IS NOT NULL")).isEqualTo(2);
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE kind = 'ALERT' AND sid IS NULL AND error LIKE "
        + "'sent, but the gateway gave an id already recorded for another message%'")).isEqualTo(13);
    assertWarnedWithoutPersonalData(people);
  }

  @Test
  void anAnswerLostForAnIdAnotherSendHoldsIsFoundNotSentAgain() throws Exception {
    RepeatingIds gateway = new RepeatingIds("SMlost", 1);
    String other = "+33698761001";
    String mine = "+33698761002";
    String body = "Merci. Nous avons noté que vous êtes en sécurité.";
    // Another phone's message holds the id; this phone's acknowledgement went out under the same id, but its answer
    // was lost (the process died): its row is still SENDING, past its time.
    f.jdbi.useHandle(h -> {
      h.execute("INSERT INTO sms_send (id, dedupe_key, kind, phone, language, sender, state, sid, status, status_rank, "
          + "body, next_attempt_at, created_at) VALUES (gen_random_uuid(), 'ack:other', 'ACK', ?, 'fr', 'world', "
          + "'SENT', 'SMlost0', 'delivered', 3, ?, now(), now())", other, body);
      h.execute("INSERT INTO sms_send (id, dedupe_key, kind, phone, language, sender, state, attempts, body, segments, "
          + "attempt_started, check_after, next_attempt_at, created_at) VALUES (gen_random_uuid(), 'ack:mine', 'ACK', "
          + "?, 'fr', 'world', 'SENDING', 1, ?, 1, now() - interval '20 seconds', now() - interval '1 second', "
          + "now() - interval '20 seconds', now() - interval '20 seconds')", mine, body);
    });
    gateway.send(new OutgoingSms(other, "CONSULATE", body, null));
    gateway.send(new OutgoingSms(mine, "CONSULATE", body, null));
    int before = gateway.sentTo(mine);

    OutreachSettings settings = OutreachFixture.settings(40, null);
    Dispatcher dispatcher = new Dispatcher(f.jdbi, gateway, settings, new DeliveryReports(f.jdbi, f.clock), f.clock);
    dispatcher.start();
    try {
      Poll.until(Duration.ofSeconds(30), () -> gateway.sentTo(mine) > before
          || f.count("SELECT count(*) FROM sms_send WHERE dedupe_key = 'ack:mine' AND state = 'SENT'") == 1,
          "the lost answer settled");
    } finally {
      dispatcher.close();
    }
    assertThat(gateway.sentTo(mine)).as("sent again").isEqualTo(before);
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE dedupe_key = 'ack:mine' AND state = 'SENT' "
        + "AND sid IS NULL")).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE dedupe_key = 'ack:other' AND sid = 'SMlost0'"))
        .isEqualTo(1);
  }

  private void assertWarnedWithoutPersonalData(List<Registration> people) {
    List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("already recorded for another"));
    for (String line : lines) {
      for (Registration r : people) {
        assertThat(line).doesNotContain(r.data().phone(), r.data().givenNameLatin(), r.data().givenNameArabic(),
            "Restez chez vous", "ابقوا");
      }
    }
  }

  /**
   * Sends everything and answers with {@code prefix} and a number from a cycle of {@code distinct}; looks up what it
   * sent, as Twilio does.
   */
  static final class RepeatingIds implements SmsGateway {
    record Sent(String sid, String to, String body, Instant at) {}

    private final String prefix;
    private final int distinct;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

    RepeatingIds(String prefix, int distinct) {
      this.prefix = prefix;
      this.distinct = distinct;
    }

    @Override
    public SendResult send(OutgoingSms sms) {
      String sid = prefix + next.getAndIncrement() % distinct;
      sent.add(new Sent(sid, sms.to(), sms.body(), Instant.now()));
      return SendResult.sent(sid, "queued");
    }

    @Override
    public SendResult call(OutgoingCall call) {
      String sid = "CA" + prefix + next.getAndIncrement() % distinct;
      sent.add(new Sent(sid, call.to(), null, Instant.now()));
      return SendResult.sent(sid, "queued");
    }

    @Override
    public Optional<SendResult> lookup(String to, String body, Instant since, Predicate<String> recorded) {
      synchronized (sent) {
        for (int i = sent.size() - 1; i >= 0; i--) {
          Sent s = sent.get(i);
          if (s.to().equals(to) && java.util.Objects.equals(s.body(), body) && !s.at().isBefore(since)
              && !recorded.test(s.sid())) {
            return Optional.of(SendResult.sent(s.sid(), "delivered"));
          }
        }
      }
      return Optional.empty();
    }

    int sentTo(String to) {
      synchronized (sent) {
        return (int) sent.stream().filter(s -> s.to().equals(to)).count();
      }
    }

    /** Whether some phone got two messages. */
    boolean twice() {
      synchronized (sent) {
        return sent.stream().map(Sent::to).distinct().count() < sent.size();
      }
    }
  }
}
