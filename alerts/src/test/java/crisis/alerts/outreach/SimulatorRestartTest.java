package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.sms.OutgoingSms;
import crisis.alerts.sms.SendResult;
import crisis.alerts.sms.SimulatorGateway;
import crisis.core.testing.Poll;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded default killed between the simulator taking an SMS and the dispatcher recording it: after the
 * restart, the dispatcher's look-up finds the message at the simulator and records it; the phone gets it once.
 */
@Tag("db")
class SimulatorRestartTest {
  static OutreachFixture f;

  @BeforeAll
  static void start() {
    f = new OutreachFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void aSendWhoseAnswerACrashLostIsFoundAtTheSimulatorNotSentAgain() throws Exception {
    String phone = "+218917650401";
    String body = "Évacuation : 2 place(s) sur le bus TRP 1 vers Tanger. Code d'embarquement : K7M2QX9P";
    f.jdbi.useHandle(h -> h.execute("INSERT INTO sms_send (id, dedupe_key, kind, phone, language, sender, state, "
        + "attempts, body, segments, attempt_started, check_after, next_attempt_at, created_at) VALUES "
        + "(gen_random_uuid(), 'notice:crash', 'NOTICE', ?, 'fr', 'world', 'SENDING', 1, ?, 2, "
        + "now() - interval '20 seconds', now() - interval '1 second', now() - interval '20 seconds', "
        + "now() - interval '20 seconds')", phone, body));
    SendResult taken;
    try (SimulatorGateway killed = new SimulatorGateway(f.jdbi, 1000, f.clock)) {
      taken = killed.send(new OutgoingSms(phone, "CONSULATE", body, null));
    }

    try (SimulatorGateway simulator = new SimulatorGateway(f.jdbi, 1000, f.clock)) {
      Dispatcher dispatcher = new Dispatcher(f.jdbi, simulator, OutreachFixture.settings(40, null),
          new DeliveryReports(f.jdbi, f.clock), f.clock);
      dispatcher.start();
      try {
        Poll.until(Duration.ofSeconds(30), () -> simulator.received(phone, 10)
            .size() > 1 || f.count("SELECT count(*) FROM sms_send WHERE dedupe_key = 'notice:crash' "
            + "AND state = 'SENT'") == 1, "the lost answer settled");
      } finally {
        dispatcher.close();
      }
      assertThat(simulator.received(phone, 10)).as("messages on the phone").hasSize(1);
      String sid = f.jdbi.withHandle(h -> h.createQuery("SELECT sid FROM sms_send WHERE dedupe_key = 'notice:crash'")
          .mapTo(String.class).one());
      assertThat(sid).isEqualTo(taken.sid());
    }
  }
}
