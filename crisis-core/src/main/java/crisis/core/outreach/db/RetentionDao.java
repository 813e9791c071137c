package crisis.core.outreach.db;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.core.mapper.MapMapper;
import java.util.Map;
import java.util.List;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Outreach's part of the retention purge: its holds, the deletion of a person's SMS rows, the texts' expiry. */
public interface RetentionDao {
  /** Those of {@code ids} an open crisis alerted or heard from. */
  @SqlQuery("""
      SELECT registration_id FROM sms_recipient WHERE registration_id = ANY(:ids) AND crisis_id = ANY(:open)
      UNION
      SELECT registration_id FROM citizen_status WHERE registration_id = ANY(:ids) AND crisis_id = ANY(:open)""")
  UUID[] inOpenCrises(@Bind("ids") UUID[] ids, @Bind("open") UUID[] openCrises);

  @SqlQuery("SELECT registration_id FROM assistance_request WHERE registration_id = ANY(:ids) AND state = 'OPEN'")
  UUID[] askingForHelp(@Bind("ids") UUID[] ids);

  @SqlUpdate("DELETE FROM citizen_status WHERE registration_id = ANY(:ids)")
  int deleteStatuses(@Bind("ids") UUID[] ids);

  @SqlUpdate("DELETE FROM assistance_request WHERE registration_id = ANY(:ids)")
  int deleteAssistance(@Bind("ids") UUID[] ids);

  @SqlUpdate("DELETE FROM sms_recipient WHERE registration_id = ANY(:ids)")
  int deleteRecipients(@Bind("ids") UUID[] ids);

  /** A reply from a phone a household shares stays with the others it named. */
  @SqlUpdate("""
      UPDATE sms_reply SET registration_ids = ARRAY(SELECT x FROM unnest(registration_ids) x WHERE NOT x = ANY(:ids))
      WHERE registration_ids && :ids""")
  int unlinkReplies(@Bind("ids") UUID[] ids);

  @SqlUpdate("""
      DELETE FROM sms_reply r WHERE r.phone = ANY(:phones)
        AND NOT EXISTS (SELECT 1 FROM citizen_status c WHERE c.reply_id = r.id)
        AND NOT EXISTS (SELECT 1 FROM assistance_request a WHERE a.reply_id = r.id)""")
  int deleteReplies(@Bind("phones") String[] phones);

  @SqlUpdate("""
      DELETE FROM sms_send s WHERE s.phone = ANY(:phones)
        AND NOT EXISTS (SELECT 1 FROM sms_recipient r WHERE r.send_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM sms_reply p WHERE p.send_id = s.id)""")
  int deleteSends(@Bind("phones") String[] phones);

  /** The texts of SMS sent before {@code before} and done with (a pending one still needs its text). */
  @SqlUpdate("""
      UPDATE sms_send SET body = NULL
      WHERE id IN (SELECT id FROM sms_send WHERE body IS NOT NULL AND created_at < :before
                     AND state IN ('SENT', 'FAILED', 'OPTED_OUT') LIMIT :limit)""")
  int clearSentTexts(@Bind("before") Instant before, @Bind("limit") int limit);

  /**
   * Citizens' phone codes created before {@code before}, whole (the phone and the code), whatever their state: a
   * code is worth nothing once its proof has expired, and its phone may belong to no one registered. One a reply
   * points to stays, its text cleared with the other texts.
   */
  @SqlUpdate("""
      DELETE FROM sms_send WHERE id IN (SELECT s.id FROM sms_send s WHERE s.kind = 'CODE' AND s.created_at < :before
                                          AND NOT EXISTS (SELECT 1 FROM sms_reply p WHERE p.send_id = s.id)
                                        LIMIT :limit)""")
  int deleteCodes(@Bind("before") Instant before, @Bind("limit") int limit);

  /** The texts of SMS received before {@code before}, but a HELP a consulate has still to act on. */
  @SqlUpdate("""
      UPDATE sms_reply SET body = NULL
      WHERE id IN (SELECT r.id FROM sms_reply r WHERE r.body IS NOT NULL AND r.received_at < :before
                     AND NOT EXISTS (SELECT 1 FROM assistance_request a WHERE a.reply_id = r.id AND a.state = 'OPEN')
                   LIMIT :limit)""")
  int clearReceivedTexts(@Bind("before") Instant before, @Bind("limit") int limit);

  // A person's copy: what outreach holds on them, by their id or their phone.

  @SqlQuery("SELECT * FROM sms_recipient WHERE registration_id = :id ORDER BY created_at")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> recipients(@Bind("id") UUID id);

  @SqlQuery("SELECT * FROM citizen_status WHERE registration_id = :id ORDER BY updated_at")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> statuses(@Bind("id") UUID id);

  @SqlQuery("SELECT * FROM assistance_request WHERE registration_id = :id ORDER BY created_at")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> assistance(@Bind("id") UUID id);

  @SqlQuery("""
      SELECT id, phone, body, keyword, crisis_id, received_at FROM sms_reply
      WHERE :id = ANY(registration_ids) OR phone = :phone ORDER BY received_at""")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> replies(@Bind("id") UUID id, @Bind("phone") String phone);

  @SqlQuery("""
      SELECT id, kind, crisis_id, phone, language, body, state, status, error_code, created_at, sent_at, status_at
      FROM sms_send WHERE phone = :phone ORDER BY created_at""")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> sends(@Bind("phone") String phone);

  @SqlQuery("SELECT * FROM sms_opt_out WHERE phone = :phone")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> optOut(@Bind("phone") String phone);
}
