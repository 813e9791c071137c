package crisis.core.outreach.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What an inbound SMS is matched against, and where it is kept ({@code sms_reply}). */
@RegisterConstructorMapper(InboxDao.Latest.class)
public interface InboxDao {
  /** The latest alert, reminder or call sent to a phone: the crisis a reply is about. */
  record Latest(UUID id, UUID crisisId, String language) {}

  @SqlQuery("SELECT id FROM sms_reply WHERE sid = :sid")
  Optional<UUID> replyWithSid(@Bind("sid") String sid);

  @SqlQuery("""
      SELECT id, crisis_id, language FROM sms_send
      WHERE phone = :phone AND kind IN ('ALERT', 'REMINDER', 'CALL') AND state = 'SENT'
      ORDER BY sent_at DESC LIMIT 1""")
  Optional<Latest> latestTo(@Bind("phone") String phone);

  /**
   * Everyone the alerts of a crisis to this phone were for, by registration id, in id order (who they are is the
   * registry's: {@code RegistrationDao.contacts}).
   */
  @SqlQuery("""
      SELECT DISTINCT sr.registration_id FROM sms_send s JOIN sms_recipient sr ON sr.send_id = s.id
      WHERE s.phone = :phone AND s.kind = 'ALERT' AND sr.crisis_id = :crisis ORDER BY sr.registration_id""")
  List<UUID> alertedIdsAt(@Bind("phone") String phone, @Bind("crisis") UUID crisisId);

  /**
   * Keeps a reply; false when one with the same MessageSid is there already (Twilio delivering the webhook twice, at
   * once or later): the second waits for the first to commit and then changes nothing.
   */
  @SqlUpdate("""
      INSERT INTO sms_reply (id, sid, phone, body, keyword, crisis_id, send_id, registration_ids, received_at)
      VALUES (:id, :sid, :phone, :body, :keyword, :crisis, :send, :ids, :at)
      ON CONFLICT (sid) DO NOTHING""")
  boolean keep(@Bind("id") UUID id, @Bind("sid") String sid, @Bind("phone") String phone, @Bind("body") String body,
      @Bind("keyword") String keyword, @Bind("crisis") UUID crisisId, @Bind("send") UUID sendId,
      @Bind("ids") UUID[] registrationIds, @Bind("at") Instant at);
}
