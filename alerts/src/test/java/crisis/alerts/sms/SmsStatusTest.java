package crisis.alerts.sms;

import static crisis.alerts.sms.SmsStatus.DELIVERED;
import static crisis.alerts.sms.SmsStatus.FAILED;
import static crisis.alerts.sms.SmsStatus.QUEUED;
import static crisis.alerts.sms.SmsStatus.READ;
import static crisis.alerts.sms.SmsStatus.SENDING;
import static crisis.alerts.sms.SmsStatus.SENT;
import static crisis.alerts.sms.SmsStatus.UNDELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Status callbacks in any order and any number of times: the status only moves forward. */
@Tag("fast")
class SmsStatusTest {

  @Test
  void callbacksInOrderMoveTheStatusForward() {
    assertThat(replay(QUEUED, SENDING, SENT, DELIVERED)).isEqualTo(DELIVERED);
  }

  @Test
  void aLateOrRepeatedCallbackNeverMovesItBack() {
    assertThat(replay(QUEUED, DELIVERED, SENT, SENDING, SENT, QUEUED)).isEqualTo(DELIVERED);
    assertThat(replay(SENT, SENT, SENT)).isEqualTo(SENT);
  }

  @Test
  void theFirstFinalStatusStandsButReadMayFollowDelivered() {
    assertThat(replay(SENT, UNDELIVERED, DELIVERED)).isEqualTo(UNDELIVERED);
    assertThat(replay(SENT, FAILED, READ)).isEqualTo(FAILED);
    assertThat(replay(SENT, DELIVERED, READ, DELIVERED)).isEqualTo(READ);
  }

  @Test
  void everyOrderOfTheSameCallbacksEndsTheSame() {
    List<SmsStatus> all = List.of(QUEUED, SENDING, SENT, DELIVERED);
    for (List<SmsStatus> order : permutations(all)) {
      assertThat(replay(order.toArray(SmsStatus[]::new))).as(order.toString()).isEqualTo(DELIVERED);
    }
  }

  @Test
  void readsTwiliosNames() {
    assertThat(SmsStatus.fromTwilio("delivered")).isEqualTo(DELIVERED);
    assertThat(SmsStatus.fromTwilio(" Undelivered ")).isEqualTo(UNDELIVERED);
    assertThatThrownBy(() -> SmsStatus.fromTwilio("teleported")).hasMessageContaining("teleported");
    assertThatThrownBy(() -> SmsStatus.fromTwilio(null)).isInstanceOf(IllegalArgumentException.class);
  }

  private static SmsStatus replay(SmsStatus... callbacks) {
    SmsStatus s = null;
    for (SmsStatus c : callbacks) {
      s = SmsStatus.advance(s, c);
    }
    return s;
  }

  private static List<List<SmsStatus>> permutations(List<SmsStatus> items) {
    if (items.isEmpty()) {
      return List.of(List.of());
    }
    List<List<SmsStatus>> out = new java.util.ArrayList<>();
    for (SmsStatus first : items) {
      List<SmsStatus> rest = new java.util.ArrayList<>(items);
      rest.remove(first);
      for (List<SmsStatus> p : permutations(rest)) {
        List<SmsStatus> l = new java.util.ArrayList<>();
        l.add(first);
        l.addAll(p);
        out.add(l);
      }
    }
    return out;
  }
}
