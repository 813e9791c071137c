package crisis.core.outreach.db;

import crisis.core.outreach.SendState;
import crisis.core.outreach.SmsKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of {@code sms_send}, the SMS and calls to make, and of what hangs on it: recipients, opt-outs, early status
 * reports. Every change of an attempt's row names the attempt it belongs to (state SENDING and its attempt number),
 * so a late answer can never overwrite what a later attempt or a look-up decided. Runs in the caller's transaction.
 */
@RegisterRowMapper(SmsDao.ClaimedMapper.class)
@RegisterRowMapper(SmsDao.EarlyMapper.class)
@RegisterConstructorMapper(SmsDao.KeyRecipient.class)
public interface SmsDao {
  String CLAIMED_COLUMNS = """
      id, kind, crisis_id, message_id, phone, language, sender, body, attempts,
      EXISTS (SELECT 1 FROM sms_opt_out o WHERE o.phone = s.phone) AS opted_out, created_at""";

  /** A status report that arrived before the send it is about was recorded. */
  record Early(String status, Integer errorCode, Instant receivedAt) {}

  /** Someone an alert SMS is for, by the SMS's key. */
  record KeyRecipient(String key, UUID registrationId) {}

  /**
   * Due rows of a sender, marked SENDING for one more attempt, before any request leaves: the low lane only (phone
   * codes and links, travellers' reminders; a code only while fresh), or every other kind.
   */
  @SqlQuery("""
      UPDATE sms_send s SET state = 'SENDING', attempts = attempts + 1, attempt_started = :now,
        check_after = :checkAfter
      WHERE id IN (SELECT id FROM sms_send WHERE state = 'PENDING' AND sender = :sender AND next_attempt_at <= :now
                   AND (kind IN ('CODE', 'STAY')) = :codes AND (kind <> 'CODE' OR created_at > :freshAfter)
                   ORDER BY next_attempt_at LIMIT :n FOR UPDATE SKIP LOCKED)
      RETURNING\s""" + CLAIMED_COLUMNS)
  List<Claimed> claimRows(@Bind("sender") String sender, @Bind("n") int n, @Bind("now") Instant now,
      @Bind("checkAfter") Instant checkAfter, @Bind("codes") boolean codes, @Bind("freshAfter") Instant freshAfter);

  /** How long a citizen's phone code is worth sending: after it, its proof has expired ({@code PhoneProofs.VALID}). */
  java.time.Duration CODE_WORTH_SENDING = java.time.Duration.ofMinutes(10);

  /**
   * Due rows of a sender, oldest first; a citizen's phone code or a traveller's reminder only where no other SMS of
   * the sender is due (a crisis alert, a notice, an answer always leaves first).
   */
  default List<Claimed> claim(String sender, int n, Instant now, Instant checkAfter) {
    List<Claimed> rows = new java.util.ArrayList<>(claimRows(sender, n, now, checkAfter, false, Instant.EPOCH));
    if (rows.size() < n) {
      // A code left behind a crisis's alerts until its proof expired is not sent at all (the retention deletes it).
      rows.addAll(claimRows(sender, n - rows.size(), now, checkAfter, true, now.minus(CODE_WORTH_SENDING)));
    }
    rows.sort(Comparator.comparing(Claimed::createdAt));
    return rows;
  }

  /** Attempts without an outcome whose time is past, leased until {@code leaseUntil} for a look-up. */
  @SqlQuery("""
      UPDATE sms_send s SET check_after = :lease
      WHERE id IN (SELECT id FROM sms_send WHERE state = 'SENDING' AND check_after <= :now ORDER BY check_after
                   LIMIT :n FOR UPDATE SKIP LOCKED)
      RETURNING\s""" + CLAIMED_COLUMNS)
  List<Claimed> leaseUnanswered(@Bind("n") int n, @Bind("now") Instant now, @Bind("lease") Instant leaseUntil);

  /** Texts written at a first attempt, kept so that every later attempt and the look-up use the same. */
  @SqlBatch("UPDATE sms_send SET body = :body, segments = :segments WHERE id = :id")
  void saveBodies(@BindMethods List<Body> bodies);

  /** The text of an SMS and its length in segments. */
  record Body(UUID id, String body, int segments) {}

  /** Sent: true when this attempt's row took it (false: a look-up or another attempt had settled it). */
  @SqlUpdate("""
      UPDATE sms_send SET state = 'SENT', sid = :sid, status = :status, status_rank = :rank, status_at = :now,
        sent_at = :now, check_after = NULL, error_code = NULL, error = NULL
      WHERE id = :c.id AND state = 'SENDING' AND attempts = :c.attempts""")
  boolean sent(@BindMethods("c") Claimed c, @Bind("sid") String sid, @Bind("status") String status,
      @Bind("rank") int rank, @Bind("now") Instant now);

  /**
   * Sent, but under a gateway id another message already holds (the gateway gave it twice): recorded without it, so
   * that it is never sent again; {@code note} says why its delivery reports cannot reach it.
   */
  @SqlUpdate("""
      UPDATE sms_send SET state = 'SENT', sid = NULL, status = :status, status_rank = :rank, status_at = :now,
        sent_at = :now, check_after = NULL, error_code = NULL, error = :note
      WHERE id = :c.id AND state = 'SENDING' AND attempts = :c.attempts""")
  boolean sentWithoutSid(@BindMethods("c") Claimed c, @Bind("status") String status, @Bind("rank") int rank,
      @Bind("now") Instant now, @Bind("note") String note);

  /** A final outcome without a message at the gateway: FAILED or OPTED_OUT. */
  @SqlUpdate("""
      UPDATE sms_send SET state = :state, error_code = :code, error = left(:error, 500), status_at = :now,
        check_after = NULL
      WHERE id = :c.id AND state = 'SENDING' AND attempts = :c.attempts""")
  void finish(@BindMethods("c") Claimed c, @Bind("state") SendState state, @Bind("code") Integer code,
      @Bind("error") String error, @Bind("now") Instant now);

  @SqlUpdate("""
      UPDATE sms_send SET state = 'PENDING', next_attempt_at = :at, check_after = NULL, error_code = :code,
        error = left(:error, 500)
      WHERE id = :c.id AND state = 'SENDING' AND attempts = :c.attempts""")
  void retryAt(@BindMethods("c") Claimed c, @Bind("at") Instant at, @Bind("code") Integer code,
      @Bind("error") String error);

  /** No answer: stays SENDING, to be looked up at the gateway at {@code at}. */
  @SqlUpdate("""
      UPDATE sms_send SET check_after = :at, error = left(:error, 500)
      WHERE id = :c.id AND state = 'SENDING' AND attempts = :c.attempts""")
  void lookUpLater(@BindMethods("c") Claimed c, @Bind("at") Instant at, @Bind("error") String error);

  @SqlUpdate("INSERT INTO sms_opt_out (phone, at, via) VALUES (:phone, :at, :via) ON CONFLICT DO NOTHING")
  void optOut(@Bind("phone") String phone, @Bind("via") String via, @Bind("at") Instant at);

  @SqlUpdate("DELETE FROM sms_opt_out WHERE phone = :phone")
  void optIn(@Bind("phone") String phone);

  /**
   * The delivery status state machine in SQL: the new status wins when it ranks higher and the current one is not
   * final, except that {@code read} may still follow {@code delivered}. True when it was applied.
   */
  @SqlUpdate("""
      UPDATE sms_send SET status = :status, status_rank = :rank, status_at = :at,
        error_code = COALESCE(:code, error_code)
      WHERE sid = :sid AND :rank > status_rank AND NOT (status_rank = 4 AND status <> 'delivered')""")
  boolean applyStatus(@Bind("sid") String sid, @Bind("status") String status, @Bind("rank") int rank,
      @Bind("code") Integer errorCode, @Bind("at") Instant at);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM sms_send WHERE sid = :sid)")
  boolean sidKnown(@Bind("sid") String sid);

  /** Whether a message to {@code phone} is recorded with the gateway's id {@code sid}. */
  @SqlQuery("SELECT EXISTS (SELECT 1 FROM sms_send WHERE sid = :sid AND phone = :phone)")
  boolean sidRecordedFor(@Bind("sid") String sid, @Bind("phone") String phone);

  @SqlUpdate("""
      INSERT INTO sms_status_early (sid, status, error_code, received_at) VALUES (:sid, :status, :code, :at)
      ON CONFLICT (sid, status) DO NOTHING""")
  void keepEarly(@Bind("sid") String sid, @Bind("status") String status, @Bind("code") Integer errorCode,
      @Bind("at") Instant at);

  @SqlUpdate("DELETE FROM sms_status_early WHERE received_at < :before")
  int forgetEarlyBefore(@Bind("before") Instant before);

  @SqlQuery("DELETE FROM sms_status_early WHERE sid = :sid RETURNING status, error_code, received_at")
  List<Early> takeEarly(@Bind("sid") String sid);

  /** An alert SMS to queue. */
  record AlertSend(UUID id, String key, UUID crisis, UUID message, String phone, String language, String sender) {}

  /** Someone an alert SMS is for. */
  record Recipient(UUID message, UUID registration, UUID crisis, UUID send, UUID alert) {}

  /** One SMS per crisis message and phone: a replayed alert finds its row there and adds nothing. */
  @SqlBatch("""
      INSERT INTO sms_send (id, dedupe_key, kind, crisis_id, message_id, phone, language, sender, next_attempt_at,
        created_at)
      VALUES (:id, :key, 'ALERT', :crisis, :message, :phone, :language, :sender, :due, :now)
      ON CONFLICT (dedupe_key) DO NOTHING""")
  void queueAlerts(@BindMethods List<AlertSend> sends, @Bind("due") Instant due, @Bind("now") Instant now);

  /** Who each alert SMS is for: one row per crisis message and person. */
  @SqlBatch("""
      INSERT INTO sms_recipient (message_id, registration_id, crisis_id, send_id, alert_id, created_at)
      VALUES (:message, :registration, :crisis, :send, :alert, :now) ON CONFLICT DO NOTHING""")
  void addRecipients(@BindMethods List<Recipient> recipients, @Bind("now") Instant now);

  /**
   * The people each alert SMS (by key) is for, by key then registration id; their names are the registry's
   * ({@code RegistrationDao.givenNames}).
   */
  @SqlQuery("""
      SELECT s.dedupe_key AS key, sr.registration_id FROM sms_send s JOIN sms_recipient sr ON sr.send_id = s.id
      WHERE s.dedupe_key = ANY(:keys) ORDER BY s.dedupe_key, sr.registration_id""")
  List<KeyRecipient> recipientsByKey(@Bind("keys") String[] keys);

  /**
   * The start of an escalation ({@link #escalateSentBefore}, {@link #escalateRemindedBefore}): the alert SMS at step
   * {@code :from}, locked, with whether they are done with (answered, or their crisis is not among {@code :active},
   * the crises still active, as the crisis's owner tells them); the condition that makes them due follows.
   */
  String ESCALATION_DUE = """
      WITH due AS (
        SELECT s.id, s.crisis_id, s.message_id, s.phone, s.language, s.sender,
               EXISTS (SELECT 1 FROM sms_reply r WHERE r.phone = s.phone AND r.crisis_id = s.crisis_id)
               OR NOT COALESCE(s.crisis_id = ANY(:active), false) AS done
        FROM sms_send s
        WHERE s.kind = 'ALERT' AND s.state = 'SENT' AND s.escalation = :from
      """;

  /**
   * The end of an escalation: the due rows move to step {@code :to} (9 when done with), and each one not done with
   * queues a {@code :kind}, one per crisis and phone (by its key).
   */
  String ESCALATION_NEXT = """
        FOR UPDATE OF s SKIP LOCKED),
      moved AS (
        UPDATE sms_send s SET escalation = CASE WHEN due.done THEN 9 ELSE :to END, escalated_at = :now
        FROM due WHERE s.id = due.id)
      INSERT INTO sms_send (id, dedupe_key, kind, crisis_id, message_id, phone, language, sender,
                            next_attempt_at, created_at)
      SELECT gen_random_uuid(), lower(:kind) || ':' || crisis_id || ':' || phone, :kind, crisis_id, message_id,
             phone, language, sender, :now, :now
      FROM due WHERE NOT done
      ON CONFLICT (dedupe_key) DO NOTHING""";

  /**
   * Moves the alert SMS at step {@code from} sent at or before {@code before} to step {@code to}, queuing a
   * {@code kind} for each one still unanswered in an active crisis (one of {@code activeCrises}); the others are
   * done with (step 9). Only the due rows are read (the index on step and sending time).
   */
  @SqlUpdate(ESCALATION_DUE + """
          AND s.sent_at <= :before
      """ + ESCALATION_NEXT)
  int escalateSentBefore(@Bind("from") int from, @Bind("to") int to, @Bind("kind") SmsKind kind,
      @Bind("before") Instant before, @Bind("active") UUID[] activeCrises, @Bind("now") Instant now);

  /**
   * Moves the alert SMS at step {@code from} whose reminder was settled (sent, failed or opted out) at or before
   * {@code before} to step {@code to}, queuing a {@code kind} for each one still unanswered in an active crisis (one
   * of {@code activeCrises}); the others are done with (step 9).
   */
  @SqlUpdate(ESCALATION_DUE + """
          AND EXISTS (SELECT 1 FROM sms_send r WHERE r.dedupe_key = 'reminder:' || s.crisis_id || ':' || s.phone
            AND r.state IN ('SENT', 'FAILED', 'OPTED_OUT') AND COALESCE(r.sent_at, r.status_at) <= :before)
      """ + ESCALATION_NEXT)
  int escalateRemindedBefore(@Bind("from") int from, @Bind("to") int to, @Bind("kind") SmsKind kind,
      @Bind("before") Instant before, @Bind("active") UUID[] activeCrises, @Bind("now") Instant now);

  /** Whether this transaction now holds the lock {@code key} (one instance at a time for that job). */
  @SqlQuery("SELECT pg_try_advisory_xact_lock(:key)")
  boolean tryLock(@Bind("key") long key);

  /** How many SMS of a sender are in a state (for the metrics: counts only, no phone, no text). */
  record SenderStateCount(String sender, String state, long n) {}

  /** Every sender's SMS by state. A scan of the table: the caller caches it for a few seconds. */
  @SqlQuery("SELECT sender, state, count(*) AS n FROM sms_send GROUP BY sender, state ORDER BY sender, state")
  @RegisterConstructorMapper(SenderStateCount.class)
  List<SenderStateCount> countsBySenderAndState();

  /** How many SMS each sender sent since {@code since} (for the achieved rate). */
  @SqlQuery("""
      SELECT sender, 'SENT' AS state, count(*) AS n FROM sms_send WHERE state = 'SENT' AND sent_at > :since
      GROUP BY sender ORDER BY sender""")
  @RegisterConstructorMapper(SenderStateCount.class)
  List<SenderStateCount> sentSince(@Bind("since") Instant since);

  /**
   * Alert SMS whose first escalation step (a reminder) has fallen due and not yet been taken: sent before
   * {@code before} and still at step 0. An upper bound: the escalation drops the answered ones when it takes them.
   */
  @SqlQuery("SELECT count(*) FROM sms_send WHERE kind = 'ALERT' AND state = 'SENT' AND escalation = 0"
      + " AND sent_at <= :before")
  long escalationsDue(@Bind("before") Instant before);

  class ClaimedMapper implements RowMapper<Claimed> {
    @Override
    public Claimed map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Claimed(rs.getObject("id", UUID.class), SmsKind.valueOf(rs.getString("kind")), rs.getObject("crisis_id", UUID.class),
          rs.getObject("message_id", UUID.class), rs.getString("phone"), rs.getString("language"),
          rs.getString("sender"), rs.getString("body"), rs.getInt("attempts"), rs.getBoolean("opted_out"),
          rs.getTimestamp("created_at").toInstant());
    }
  }

  class EarlyMapper implements RowMapper<Early> {
    @Override
    public Early map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Early(rs.getString("status"), (Integer) rs.getObject("error_code"),
          rs.getTimestamp("received_at").toInstant());
    }
  }
}
