package crisis.core.outreach.db;

import crisis.core.outreach.SmsKind;
import crisis.core.outreach.OutreachService.Reply;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What people answered and what followed: citizens' status per crisis, assistance requests, replies, and the figures
 * of a crisis's outreach (counts over {@code sms_send}, which {@link SmsDao} writes for the alerts module).
 */
@RegisterRowMapper(OutreachDao.CountMapper.class)
@RegisterRowMapper(OutreachDao.ReplyMapper.class)
public interface OutreachDao {
  /** One group of a count: its key and how many. */
  record Count(String key, long n) {}

  @SqlQuery("SELECT state, count(*) FROM sms_send WHERE crisis_id = :c GROUP BY state ORDER BY 1")
  List<Count> smsByState(@Bind("c") UUID crisisId);

  @SqlQuery("""
      SELECT COALESCE(status, 'none'), count(*) FROM sms_send WHERE crisis_id = :c AND state = 'SENT'
      GROUP BY 1 ORDER BY 1""")
  List<Count> smsByStatus(@Bind("c") UUID crisisId);

  @SqlQuery("SELECT kind, count(*) FROM sms_send WHERE crisis_id = :c GROUP BY kind ORDER BY 1")
  List<Count> smsByKind(@Bind("c") UUID crisisId);

  /**
   * An SMS the system writes itself (the acknowledgement of a reply, an evacuation notice), queued for the paced
   * dispatcher once per key: a second call with the same key queues nothing (0).
   *
   * @param kind ACK or NOTICE
   */
  @SqlUpdate("""
      INSERT INTO sms_send (id, dedupe_key, kind, crisis_id, phone, language, sender, body, segments,
        next_attempt_at, created_at)
      VALUES (:id, :key, :kind, :crisis, :phone, :language, :sender, :body, :segments, :now, :now)
      ON CONFLICT (dedupe_key) DO NOTHING""")
  int queueText(@Bind("id") UUID id, @Bind("key") String key, @Bind("kind") SmsKind kind,
      @Bind("crisis") UUID crisisId, @Bind("phone") String phone, @Bind("language") String language,
      @Bind("sender") String sender, @Bind("body") String body, @Bind("segments") int segments,
      @Bind("now") Instant now);

  /** An SMS the system writes, for {@link #queueTexts}. */
  record Text(UUID id, String key, SmsKind kind, UUID crisisId, String phone, String language, String sender,
      String body, int segments, Instant now) {}

  /** Several of {@link #queueText} in one batch; an element is 0 where its key was queued before. */
  @SqlBatch("""
      INSERT INTO sms_send (id, dedupe_key, kind, crisis_id, phone, language, sender, body, segments,
        next_attempt_at, created_at)
      VALUES (:id, :key, :kind, :crisisId, :phone, :language, :sender, :body, :segments, :now, :now)
      ON CONFLICT (dedupe_key) DO NOTHING""")
  int[] queueTexts(@BindMethods List<Text> texts);

  /**
   * Whether the phone was sent an alert, a reminder or a call after {@code since}: a check-in's answer sent then may
   * be an answer to the alert instead.
   */
  @SqlQuery("""
      SELECT EXISTS (SELECT 1 FROM sms_send WHERE phone = :phone AND kind IN ('ALERT', 'REMINDER', 'CALL')
        AND state = 'SENT' AND sent_at > :since)""")
  boolean alertedSince(@Bind("phone") String phone, @Bind("since") Instant since);

  @SqlQuery("""
      SELECT error_code::text, count(*) FROM sms_send WHERE crisis_id = :c AND error_code IS NOT NULL
        AND (state IN ('FAILED', 'OPTED_OUT') OR status IN ('failed', 'undelivered'))
      GROUP BY 1 ORDER BY 1""")
  List<Count> failuresByErrorCode(@Bind("c") UUID crisisId);

  @SqlQuery("SELECT count(*) FROM sms_recipient WHERE crisis_id = :c")
  long recipients(@Bind("c") UUID crisisId);

  /** How many of these registrations a crisis's alerts were sent to. */
  @SqlQuery("""
      SELECT count(DISTINCT registration_id) FROM sms_recipient WHERE crisis_id = :c AND registration_id = ANY(:ids)""")
  long recipientsAmong(@Bind("c") UUID crisisId, @Bind("ids") UUID[] registrationIds);

  @SqlQuery("SELECT count(*) FROM citizen_status WHERE crisis_id = :c AND status = :status")
  long withStatus(@Bind("c") UUID crisisId, @Bind("status") String status);

  @SqlQuery("SELECT count(*) FROM assistance_request WHERE crisis_id = :c AND state = :state")
  long assistanceRequests(@Bind("c") UUID crisisId, @Bind("state") String state);

  String REPLY_FILTER = " WHERE crisis_id = :c AND (CAST(:k AS text) IS NULL OR keyword = :k)";

  @SqlQuery("SELECT id, phone, body, keyword, registration_ids, received_at FROM sms_reply" + REPLY_FILTER
      + " ORDER BY received_at DESC, id LIMIT :limit OFFSET :offset")
  List<Reply> replies(@Bind("c") UUID crisisId, @Bind("k") String keyword, @Bind("limit") int limit,
      @Bind("offset") int offset);

  @SqlQuery("SELECT count(*) FROM sms_reply" + REPLY_FILTER)
  long countReplies(@Bind("c") UUID crisisId, @Bind("k") String keyword);

  String ASSISTANCE_FILTER = """
      WHERE (CAST(:consulate AS text) IS NULL OR a.consulate_id = :consulate)
        AND (CAST(:crisis AS uuid) IS NULL OR a.crisis_id = :crisis)
        AND (CAST(:state AS text) IS NULL OR a.state = :state)
      """;

  /**
   * An assistance request as kept, with the text of the reply it came from; the person it is for is the registry's
   * (their name, phone, vulnerabilities and household: {@code RegistrationDao.cards}).
   */
  record AssistanceRow(UUID id, UUID crisisId, UUID registrationId, String consulateId, String body, String state,
      Instant createdAt, String takenBy, Instant takenAt, String closedBy, Instant closedAt, String outcome) {}

  /** An assistance request as {@link AssistanceRow} reads it, with its reply. */
  String ASSISTANCE = """
      SELECT a.id, a.crisis_id, a.registration_id, a.consulate_id, p.body, a.state, a.created_at, a.taken_by,
             a.taken_at, a.closed_by, a.closed_at, a.outcome
      FROM assistance_request a JOIN sms_reply p ON p.id = a.reply_id
      """;

  /**
   * A page of the requests the filter selects, oldest first; {@code urgent}: those for the people in
   * {@code vulnerable} (the registry's answer for {@link #assistanceRegistrations}) first, then newest first.
   */
  @SqlQuery(ASSISTANCE + ASSISTANCE_FILTER + """
      ORDER BY CASE WHEN :urgent THEN a.registration_id = ANY(:vulnerable) END DESC,
               CASE WHEN :urgent THEN a.created_at END DESC, a.created_at, a.id
      LIMIT :limit OFFSET :offset""")
  @RegisterConstructorMapper(AssistanceRow.class)
  List<AssistanceRow> assistance(@Bind("consulate") String consulateId, @Bind("crisis") UUID crisisId,
      @Bind("state") String state, @Bind("urgent") boolean urgent, @Bind("vulnerable") UUID[] vulnerable,
      @Bind("limit") int limit, @Bind("offset") int offset);

  /** The people the requests the filter selects are for, each once, in no order. */
  @SqlQuery("SELECT DISTINCT a.registration_id FROM assistance_request a\n" + ASSISTANCE_FILTER)
  List<UUID> assistanceRegistrations(@Bind("consulate") String consulateId, @Bind("crisis") UUID crisisId,
      @Bind("state") String state);

  @SqlQuery(ASSISTANCE + "WHERE a.id = :id")
  @RegisterConstructorMapper(AssistanceRow.class)
  AssistanceRow assistanceById(@Bind("id") UUID id);

  /** The person an assistance request of the crisis is for; empty when the crisis has no such request. */
  @SqlQuery("SELECT registration_id FROM assistance_request WHERE id = :id AND crisis_id = :crisis")
  java.util.Optional<UUID> assistanceRegistration(@Bind("id") UUID id, @Bind("crisis") UUID crisisId);

  /** The request's consulate and state, locked for a change; empty when there is none. */
  @SqlQuery("SELECT consulate_id, state, taken_by FROM assistance_request WHERE id = :id FOR UPDATE")
  @RegisterConstructorMapper(AssistanceLock.class)
  java.util.Optional<AssistanceLock> lockAssistance(@Bind("id") UUID id);

  record AssistanceLock(String consulateId, String state, String takenBy) {}

  @SqlUpdate("UPDATE assistance_request SET taken_by = :by, taken_at = :at WHERE id = :id")
  void take(@Bind("id") UUID id, @Bind("by") String by, @Bind("at") java.time.Instant at);

  @SqlUpdate("""
      UPDATE assistance_request SET state = 'CLOSED', closed_by = :by, closed_at = :at, outcome = :outcome,
        taken_by = coalesce(taken_by, :by), taken_at = coalesce(taken_at, :at)
      WHERE id = :id""")
  void closeAssistance(@Bind("id") UUID id, @Bind("by") String by, @Bind("at") java.time.Instant at,
      @Bind("outcome") String outcome);

  @SqlQuery("SELECT count(*) FROM assistance_request a\n" + ASSISTANCE_FILTER)
  long countAssistance(@Bind("consulate") String consulateId, @Bind("crisis") UUID crisisId,
      @Bind("state") String state);

  /** The person's status for the crisis; the latest reply wins. */
  @SqlUpdate("""
      INSERT INTO citizen_status (crisis_id, registration_id, status, reply_id, updated_at)
      VALUES (:crisis, :reg, :status, :reply, :at)
      ON CONFLICT (crisis_id, registration_id) DO UPDATE
        SET status = EXCLUDED.status, reply_id = EXCLUDED.reply_id, updated_at = EXCLUDED.updated_at""")
  void setStatus(@Bind("crisis") UUID crisisId, @Bind("reg") UUID registrationId, @Bind("status") String status,
      @Bind("reply") UUID replyId, @Bind("at") Instant at);

  /** An open request for the person's consulate, unless one is open already. */
  @SqlUpdate("""
      INSERT INTO assistance_request (id, crisis_id, registration_id, consulate_id, reply_id, created_at)
      VALUES (:id, :crisis, :reg, :consulate, :reply, :at)
      ON CONFLICT (crisis_id, registration_id) WHERE state = 'OPEN' DO NOTHING""")
  void openAssistance(@Bind("id") UUID id, @Bind("crisis") UUID crisisId, @Bind("reg") UUID registrationId,
      @Bind("consulate") String consulateId, @Bind("reply") UUID replyId, @Bind("at") Instant at);

  /** Counts as an ordered map, key to number. */
  static Map<String, Long> asMap(List<Count> counts) {
    Map<String, Long> m = new LinkedHashMap<>();
    counts.forEach(c -> m.put(c.key(), c.n()));
    return m;
  }

  class CountMapper implements RowMapper<Count> {
    @Override
    public Count map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Count(rs.getString(1), rs.getLong(2));
    }
  }

  class ReplyMapper implements RowMapper<Reply> {
    @Override
    public Reply map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Reply(rs.getObject("id", UUID.class), rs.getString("phone"), rs.getString("body"),
          rs.getString("keyword"), List.of((UUID[]) rs.getArray("registration_ids").getArray()),
          rs.getTimestamp("received_at").toInstant());
    }
  }
}
