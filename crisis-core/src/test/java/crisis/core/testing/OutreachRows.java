package crisis.core.testing;

import crisis.core.crisis.Crisis;
import crisis.core.registry.Registration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Outreach's rows for one person as the SMS side writes them, for tests of the core that have no SMS side. */
public final class OutreachRows {
  private OutreachRows() {}

  /**
   * An alert with {@code body} sent to the person's phone at {@code now}, their SAFE answer and their status; the
   * send's id.
   */
  public static UUID alertedAndAnswered(Jdbi jdbi, Crisis c, Registration r, String body, Instant now) {
    return alerted(jdbi, c, r, body, now, false);
  }

  /**
   * An alert with {@code body} sent to the person's phone at {@code now}, their HELP answer, their status and the
   * assistance request it opened for their consulate; the assistance request's id.
   */
  public static UUID alertedAndAskedForHelp(Jdbi jdbi, Crisis c, Registration r, String body, Instant now) {
    return alerted(jdbi, c, r, body, now, true);
  }

  private static UUID alerted(Jdbi jdbi, Crisis c, Registration r, String body, Instant now, boolean help) {
    UUID send = UUID.randomUUID();
    UUID assistance = UUID.randomUUID();
    String keyword = help ? "HELP" : "SAFE";
    UUID reply = UUID.randomUUID();
    jdbi.useTransaction(h -> {
      h.createUpdate("""
          INSERT INTO sms_send (id, dedupe_key, kind, crisis_id, message_id, phone, language, sender, body, state,
            next_attempt_at, created_at)
          VALUES (:id, :key, 'ALERT', :crisis, :message, :phone, 'ar', 'alerts', :body, 'SENT', :now, :now)""")
          .bind("id", send).bind("key", "alert:" + send).bind("crisis", c.id()).bind("message", UUID.randomUUID())
          .bind("phone", r.data().phone()).bind("body", body).bind("now", now).execute();
      h.createUpdate("""
          INSERT INTO sms_recipient (message_id, registration_id, crisis_id, send_id, alert_id, created_at)
          VALUES (:message, :registration, :crisis, :send, :alert, :now)""")
          .bind("message", UUID.randomUUID()).bind("registration", r.id()).bind("crisis", c.id())
          .bind("send", send).bind("alert", UUID.randomUUID()).bind("now", now).execute();
      h.createUpdate("""
          INSERT INTO sms_reply (id, sid, phone, body, keyword, crisis_id, send_id, registration_ids, received_at)
          VALUES (:id, :sid, :phone, :body, :keyword, :crisis, :send, :ids, :now)""")
          .bind("body", help ? "AIDE nous sommes bloqués au 3e étage, l'eau monte" : "Nous sommes en sécurité, merci")
          .bind("keyword", keyword).bind("id", reply).bind("sid", "SM" + reply).bind("phone", r.data().phone()).bind("crisis", c.id())
          .bind("send", send).bind("ids", new UUID[] {r.id()}).bind("now", now).execute();
      h.createUpdate("""
          INSERT INTO citizen_status (crisis_id, registration_id, status, reply_id, updated_at)
          VALUES (:crisis, :registration, :keyword, :reply, :now)""")
          .bind("crisis", c.id()).bind("registration", r.id()).bind("keyword", help ? "NEEDS_HELP" : "SAFE")
          .bind("reply", reply)
          .bind("now", now).execute();
      if (help) {
        h.createUpdate("""
            INSERT INTO assistance_request (id, crisis_id, registration_id, consulate_id, reply_id, created_at)
            VALUES (:id, :crisis, :registration, :consulate, :reply, :now)""")
            .bind("id", assistance).bind("crisis", c.id()).bind("registration", r.id())
            .bind("consulate", r.data().consulateId()).bind("reply", reply).bind("now", now).execute();
      }
    });
    return help ? assistance : send;
  }
}
