package crisis.alerts.sms;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The simulator outlives the process that talks to it, as Twilio does: a message taken before a restart is found by
 * the look-up after it and shown on its phone, under an id no later message gets; the newest are kept.
 */
@Tag("db")
class SimulatorGatewayTest {
  static final TestDatabase DB = TestDatabase.create();
  static final Jdbi JDBI = DB.jdbi();
  static final Clock CLOCK = Clock.systemUTC();

  @AfterAll
  static void drop() {
    DB.drop();
  }

  @Test
  void aMessageTakenBeforeARestartIsFoundAndShownAfterIt() {
    String phone = "+218917650301";
    String body = "اشتباكات في طرابلس. ابقوا في منازلكم.";
    Instant before = CLOCK.instant().minusSeconds(1);
    SendResult sms;
    SendResult call;
    try (SimulatorGateway first = new SimulatorGateway(JDBI, 1000, CLOCK)) {
      sms = first.send(new OutgoingSms(phone, "CONSULATE", body, null));
      call = first.call(new OutgoingCall(phone, "+15005550006", "ar", "رسالة من قنصليتك", null));
    }
    try (SimulatorGateway again = new SimulatorGateway(JDBI, 1000, CLOCK)) {
      assertThat(again.lookup(phone, body, before, sid -> false)).hasValueSatisfying(r -> {
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.SENT);
        assertThat(r.sid()).isEqualTo(sms.sid());
      });
      assertThat(again.lookup(phone, null, before, sid -> false)).map(SendResult::sid).contains(call.sid());
      assertThat(again.lookup(phone, body, before, sms.sid()::equals)).as("recorded for another message").isEmpty();
      assertThat(again.lookup(phone, "another text", before, sid -> false)).isEmpty();
      assertThat(again.lookup(phone, body, CLOCK.instant().plusSeconds(1), sid -> false)).isEmpty();
      SendResult next = again.send(new OutgoingSms(phone, "CONSULATE", body, null));
      assertThat(next.sid()).matches("SM[0-9a-f]{32}").isNotEqualTo(sms.sid());
      assertThat(again.received(phone, 10)).extracting(SimulatorGateway.Item::sid)
          .containsExactly(next.sid(), call.sid(), sms.sid());
    }
  }

  @Test
  void theNewestAreKeptAndIdsNeverRepeat() {
    List<String> sids = Collections.synchronizedList(new ArrayList<>());
    try (SimulatorGateway simulator = new SimulatorGateway(JDBI, 100, CLOCK)) {
      for (int i = 0; i < 250; i++) {
        sids.add(simulator.send(new OutgoingSms(String.format("+2189176504%02d", i % 50), "CONSULATE",
            "Message " + i, null)).sid());
      }
      List<SimulatorGateway.Item> kept = simulator.received(null, 1000);
      assertThat(kept.size()).isBetween(100, 300);
      assertThat(kept.get(0).body()).isEqualTo("Message 249");
    }
    assertThat(sids).doesNotHaveDuplicates();
  }
}
