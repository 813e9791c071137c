package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.pipeline.Alert;
import crisis.core.crisis.Crisis;
import crisis.core.registry.Registration;
import crisis.core.testing.Poll;
import crisis.standin.LocalTwilio;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two promises of the dispatcher that a broadcast which "works" can still break: a sender never goes faster than its
 * rate (the carrier would drop or block what goes beyond), and an SMS the gateway keeps refusing is given up after
 * the configured attempts instead of being tried for ever.
 */
@Tag("db")
class PacingAndGivingUpTest {
  static OutreachFixture f;
  static LocalTwilio twilio;
  static Crisis crisis;

  @BeforeAll
  static void start() throws Exception {
    f = new OutreachFixture();
    twilio = new LocalTwilio();
    crisis = f.activeCrisis();
  }

  @AfterAll
  static void stop() {
    twilio.close();
    f.close();
  }

  @BeforeEach
  void reset() {
    twilio.script(p -> LocalTwilio.Reply.OK);
  }

  @Test
  void aSenderNeverGoesFasterThanItsRate() throws Exception {
    List<Registration> people = f.people(9200, 25, null);
    OutreachSettings settings = OutreachFixture.settings(10, null); // 10 segments a second, one segment each
    send(settings, people);
    Poll.until(Duration.ofSeconds(60), () -> f.count(
        "SELECT count(*) FROM sms_send WHERE state = 'SENT' AND phone LIKE '+336123492%'") == 25, "25 SMS sent");
    List<Long> at = twilio.created().stream().filter(c -> c.to().startsWith("+336123492"))
        .map(LocalTwilio.Created::nanoTime).sorted().toList();
    assertThat(at).hasSize(25);
    // 25 messages at 10 a second take at least 2.4 s from the first to the last; a slow machine only adds to it.
    double seconds = (at.get(24) - at.get(0)) / 1e9;
    assertThat(seconds).as("first to last of 25 SMS at 10/s").isGreaterThanOrEqualTo(2.1);
  }

  @Test
  void anSmsTheGatewayKeepsRefusingIsGivenUpAfterMaxAttempts() throws Exception {
    List<Registration> people = f.people(9300, 1, null);
    String phone = people.get(0).data().phone();
    twilio.script(p -> new LocalTwilio.Reply(500, null, 0));
    OutreachSettings s = OutreachFixture.settings(40, null);
    OutreachSettings settings = new OutreachSettings(s.senders(), s.statusCallbackUrl(), s.workers(),
        s.householdWindow(), s.inFlightTimeout(), s.lookupDelay(), 3, s.retryBase(), s.retryMax(),
        s.reminderAfter(), s.callAfter(), s.escalationEvery());
    send(settings, people);
    Poll.until(Duration.ofSeconds(60), () -> f.count(
        "SELECT count(*) FROM sms_send WHERE phone = '" + phone + "' AND state = 'FAILED'") == 1, "the SMS given up");
    assertThat(twilio.requests(phone)).isEqualTo(3);
    String error = f.jdbi.withHandle(h -> h.createQuery("SELECT error FROM sms_send WHERE phone = :p")
        .bind("p", phone).mapTo(String.class).one());
    assertThat(error).startsWith("gave up after 3 attempts");
  }

  private void send(OutreachSettings settings, List<Registration> people) throws Exception {
    List<Alert> alerts = OutreachFixture.alerts(crisis, crisis.messages().get(0), people);
    new AlertIngest(f.jdbi, null, null, settings.senders(), Duration.ZERO, f.clock).store(alerts);
    Dispatcher d = new Dispatcher(f.jdbi, OutreachFixture.gateway(twilio, Duration.ofSeconds(2)), settings,
        new DeliveryReports(f.jdbi, f.clock), f.clock);
    d.start();
    cleanup.add(d);
  }

  private final java.util.List<Dispatcher> cleanup = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void stopDispatchers() {
    cleanup.forEach(Dispatcher::close);
    cleanup.clear();
  }
}
