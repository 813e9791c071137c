package crisis.alerts.outreach;

import crisis.alerts.sms.SmsStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of {@code sms_send}. Every change of an attempt's row names the attempt it belongs to (state SENDING and
 * its attempt number), so a late answer can never overwrite what a later attempt or a lookup decided.
 */
final class SmsStore {
  private SmsStore() {}

  private static final String CLAIMED_COLUMNS = """
      id, kind, crisis_id, message_id, phone, language, sender, body, attempts,
      EXISTS (SELECT 1 FROM sms_opt_out o WHERE o.phone = s.phone) AS opted_out, created_at""";

  static List<Claimed> claim(Handle h, String sender, int n, Instant now, Instant checkAfter) {
    return h.createQuery("UPDATE sms_send s SET state = 'SENDING', attempts = attempts + 1, attempt_started = :now, "
            + "check_after = :checkAfter WHERE id IN (SELECT id FROM sms_send WHERE state = 'PENDING' AND sender = :sender "
            + "AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :n FOR UPDATE SKIP LOCKED) RETURNING "
            + CLAIMED_COLUMNS)
        .bind("now", now).bind("checkAfter", checkAfter).bind("sender", sender).bind("n", n)
        .map((rs, ctx) -> claimed(rs)).list().stream()
        .sorted(java.util.Comparator.comparing(Claimed::createdAt)).toList();
  }

  /** Attempts without an outcome whose time is past, leased until {@code leaseUntil} for a lookup. */
  static List<Claimed> leaseUnanswered(Handle h, int n, Instant now, Instant leaseUntil) {
    return h.createQuery("UPDATE sms_send s SET check_after = :lease WHERE id IN (SELECT id FROM sms_send "
            + "WHERE state = 'SENDING' AND check_after <= :now ORDER BY check_after LIMIT :n FOR UPDATE SKIP LOCKED) "
            + "RETURNING " + CLAIMED_COLUMNS)
        .bind("now", now).bind("lease", leaseUntil).bind("n", n)
        .map((rs, ctx) -> claimed(rs)).list();
  }

  private static Claimed claimed(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Claimed(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getObject("crisis_id", UUID.class),
        rs.getObject("message_id", UUID.class), rs.getString("phone"), rs.getString("language"),
        rs.getString("sender"), rs.getString("body"), rs.getInt("attempts"), rs.getBoolean("opted_out"),
        rs.getTimestamp("created_at").toInstant());
  }

  /** Texts written at a first attempt, kept so that every later attempt and the look-up use the same. */
  static void saveBodies(Handle h, List<Dispatcher.Ready> written) {
    if (written.isEmpty()) {
      return;
    }
    org.jdbi.v3.core.statement.PreparedBatch b = h.prepareBatch(
        "UPDATE sms_send SET body = :body, segments = :segments WHERE id = :id");
    for (Dispatcher.Ready r : written) {
      b.bind("id", r.claimed().id()).bind("body", r.claimed().body()).bind("segments", r.segments()).add();
    }
    b.execute();
  }

  /** Sent: true when this attempt's row took it (false: a lookup or another attempt had settled it). */
  static boolean sent(Handle h, Claimed c, String sid, SmsStatus status, Instant now) {
    return h.createUpdate("UPDATE sms_send SET state = 'SENT', sid = :sid, status = :status, status_rank = :rank, "
            + "status_at = :now, sent_at = :now, check_after = NULL, error_code = NULL, error = NULL "
            + "WHERE id = :id AND state = 'SENDING' AND attempts = :attempt")
        .bind("id", c.id()).bind("attempt", c.attempts()).bind("sid", sid)
        .bind("status", status.name().toLowerCase(java.util.Locale.ROOT)).bind("rank", status.rank())
        .bind("now", now).execute() == 1;
  }

  /** A final outcome without a message at the gateway: FAILED or OPTED_OUT. */
  static void finish(Handle h, Claimed c, String state, Integer code, String error, Instant now) {
    h.createUpdate("UPDATE sms_send SET state = :state, error_code = :code, error = :error, status_at = :now, "
            + "check_after = NULL WHERE id = :id AND state = 'SENDING' AND attempts = :attempt")
        .bind("id", c.id()).bind("attempt", c.attempts()).bind("state", state).bind("code", code).bind("error", truncate(error)).bind("now", now).execute();
  }

  static void retryAt(Handle h, Claimed c, Instant at, Integer code, String error) {
    h.createUpdate("UPDATE sms_send SET state = 'PENDING', next_attempt_at = :at, check_after = NULL, "
            + "error_code = :code, error = :error WHERE id = :id AND state = 'SENDING' AND attempts = :attempt")
        .bind("id", c.id()).bind("attempt", c.attempts()).bind("at", at).bind("code", code)
        .bind("error", truncate(error)).execute();
  }

  /** No answer: stays SENDING, to be looked up at the gateway at {@code at}. */
  static void lookUpLater(Handle h, Claimed c, Instant at, String error) {
    h.createUpdate("UPDATE sms_send SET check_after = :at, error = :error WHERE id = :id AND state = 'SENDING' "
            + "AND attempts = :attempt")
        .bind("id", c.id()).bind("attempt", c.attempts()).bind("at", at).bind("error", truncate(error)).execute();
  }

  static void optOut(Handle h, String phone, String via, Instant now) {
    h.createUpdate("INSERT INTO sms_opt_out (phone, at, via) VALUES (:phone, :at, :via) ON CONFLICT DO NOTHING")
        .bind("phone", phone).bind("at", now).bind("via", via).execute();
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 500);
  }
}
