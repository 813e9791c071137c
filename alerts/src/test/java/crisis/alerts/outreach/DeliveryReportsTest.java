package crisis.alerts.outreach;

import static crisis.alerts.sms.SmsStatus.DELIVERED;
import static crisis.alerts.sms.SmsStatus.FAILED;
import static crisis.alerts.sms.SmsStatus.QUEUED;
import static crisis.alerts.sms.SmsStatus.READ;
import static crisis.alerts.sms.SmsStatus.SENDING;
import static crisis.alerts.sms.SmsStatus.SENT;
import static crisis.alerts.sms.SmsStatus.UNDELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.sms.SmsStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Status callbacks in any order and any number of times, through the real rule (the SQL of {@link DeliveryReports}
 * on PostgreSQL): the status only moves forward, the first final one stands, READ may follow DELIVERED.
 */
class DeliveryReportsTest {
  static OutreachFixture f;
  static DeliveryReports reports;

  @BeforeAll
  static void start() {
    f = new OutreachFixture();
    reports = new DeliveryReports(f.jdbi, f.clock);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** A sent SMS with a fresh MessageSid, then each callback in turn; the status it ends with. */
  private static String replay(SmsStatus... callbacks) {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    f.jdbi.useHandle(h -> h.createUpdate("INSERT INTO sms_send (id, dedupe_key, kind, phone, language, sender, state, "
        + "sid, status, status_rank, next_attempt_at, created_at) VALUES (gen_random_uuid(), :key, 'ACK', "
        + "'+33612340001', 'fr', 'world', 'SENT', :sid, 'accepted', 0, now(), now())")
        .bind("key", "test:" + sid).bind("sid", sid).execute());
    for (SmsStatus c : callbacks) {
      reports.report(sid, c.name().toLowerCase(Locale.ROOT), c == UNDELIVERED || c == FAILED ? 30005 : null);
    }
    return f.jdbi.withHandle(h -> h.createQuery("SELECT status FROM sms_send WHERE sid = :sid").bind("sid", sid)
        .mapTo(String.class).one());
  }

  @Test
  void callbacksInOrderMoveTheStatusForward() {
    assertThat(replay(QUEUED, SENDING, SENT, DELIVERED)).isEqualTo("delivered");
  }

  @Test
  void aLateOrRepeatedCallbackNeverMovesItBack() {
    assertThat(replay(QUEUED, DELIVERED, SENT, SENDING, SENT, QUEUED)).isEqualTo("delivered");
    assertThat(replay(SENT, SENT, SENT)).isEqualTo("sent");
  }

  @Test
  void theFirstFinalStatusStandsButReadMayFollowDelivered() {
    assertThat(replay(SENT, UNDELIVERED, DELIVERED)).isEqualTo("undelivered");
    assertThat(replay(SENT, FAILED, READ)).isEqualTo("failed");
    assertThat(replay(SENT, DELIVERED, READ, DELIVERED)).isEqualTo("read");
  }

  @Test
  void everyOrderOfTheSameCallbacksEndsTheSame() {
    for (List<SmsStatus> order : permutations(List.of(QUEUED, SENDING, SENT, DELIVERED))) {
      assertThat(replay(order.toArray(SmsStatus[]::new))).as(order.toString()).isEqualTo("delivered");
    }
  }

  private static List<List<SmsStatus>> permutations(List<SmsStatus> items) {
    if (items.isEmpty()) {
      return List.of(List.of());
    }
    List<List<SmsStatus>> out = new ArrayList<>();
    for (SmsStatus first : items) {
      List<SmsStatus> rest = new ArrayList<>(items);
      rest.remove(first);
      for (List<SmsStatus> p : permutations(rest)) {
        List<SmsStatus> l = new ArrayList<>();
        l.add(first);
        l.addAll(p);
        out.add(l);
      }
    }
    return out;
  }
}
