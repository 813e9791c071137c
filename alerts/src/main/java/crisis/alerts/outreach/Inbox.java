package crisis.alerts.outreach;

import crisis.core.outreach.Keyword;
import crisis.core.outreach.Phrases;
import crisis.core.outreach.SenderPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What citizens answer. An inbound SMS is kept whatever it says, matched to the people with that phone and to the
 * crisis of the latest alert, reminder or call sent to it, and read: SAFE and HELP set the status of everyone the
 * alert was for ({@code citizen_status}); HELP opens an assistance request per person for their consulate; STOP
 * stops every message to the phone until START. Every reply from a known phone but STOP is acknowledged by SMS in
 * the person's language (the carrier confirms STOP itself). All in one transaction; a webhook delivered twice (same
 * MessageSid) changes nothing the second time.
 */
public final class Inbox {
  /** What was done with an inbound SMS. */
  public record Received(UUID id, Keyword keyword, UUID crisisId, List<UUID> registrations, boolean duplicate,
      boolean acknowledged) {}

  private final Jdbi jdbi;
  private final SenderPlan senders;
  private final Clock clock;

  public Inbox(Jdbi jdbi, SenderPlan senders, Clock clock) {
    this.jdbi = jdbi;
    this.senders = senders;
    this.clock = clock;
  }

  /**
   * @param sid the gateway's id of the inbound message (its dedupe key)
   * @param from the sender's phone, E.164
   */
  public Received receive(String sid, String from, String body) {
    return jdbi.inTransaction(h -> {
      Optional<UUID> seen = h.createQuery("SELECT id FROM sms_reply WHERE sid = :sid").bind("sid", sid)
          .mapTo(UUID.class).findOne();
      if (seen.isPresent()) {
        return new Received(seen.get(), null, null, List.of(), true, false);
      }
      Instant now = clock.instant();
      Keyword keyword = Keyword.of(body);
      Latest latest = h.createQuery("SELECT id, crisis_id, language FROM sms_send WHERE phone = :phone "
              + "AND kind IN ('ALERT', 'REMINDER', 'CALL') AND state = 'SENT' ORDER BY sent_at DESC LIMIT 1")
          .bind("phone", from).map((rs, ctx) -> new Latest(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
              rs.getString(3))).findOne().orElse(null);
      List<Person> people = latest == null
          ? h.createQuery("SELECT id, consulate_id, preferred_language FROM registration WHERE phone = :phone "
                  + "AND status = 'ACTIVE' ORDER BY id")
              .bind("phone", from).map((rs, ctx) -> new Person(rs.getObject(1, UUID.class), rs.getString(2),
                  rs.getString(3))).list()
          : h.createQuery("SELECT DISTINCT r.id, r.consulate_id, r.preferred_language FROM sms_send s "
                  + "JOIN sms_recipient sr ON sr.send_id = s.id JOIN registration r ON r.id = sr.registration_id "
                  + "WHERE s.phone = :phone AND s.kind = 'ALERT' AND sr.crisis_id = :crisis ORDER BY r.id")
              .bind("phone", from).bind("crisis", latest.crisisId())
              .map((rs, ctx) -> new Person(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
      UUID id = UUID.randomUUID();
      UUID crisisId = latest == null ? null : latest.crisisId();
      List<UUID> ids = people.stream().map(Person::id).toList();
      h.createUpdate("INSERT INTO sms_reply (id, sid, phone, body, keyword, crisis_id, send_id, registration_ids, "
              + "received_at) VALUES (:id, :sid, :phone, :body, :keyword, :crisis, :send, :ids, :at)")
          .bind("id", id).bind("sid", sid).bind("phone", from).bind("body", body).bind("keyword", keyword.name())
          .bind("crisis", crisisId).bind("send", latest == null ? null : latest.sendId())
          .bind("ids", ids.toArray(UUID[]::new)).bind("at", now).execute();
      if (crisisId != null && (keyword == Keyword.SAFE || keyword == Keyword.HELP)) {
        for (Person p : people) {
          h.createUpdate("INSERT INTO citizen_status (crisis_id, registration_id, status, reply_id, updated_at) "
                  + "VALUES (:crisis, :reg, :status, :reply, :at) ON CONFLICT (crisis_id, registration_id) DO UPDATE "
                  + "SET status = EXCLUDED.status, reply_id = EXCLUDED.reply_id, updated_at = EXCLUDED.updated_at")
              .bind("crisis", crisisId).bind("reg", p.id()).bind("status", keyword == Keyword.SAFE ? "SAFE"
                  : "NEEDS_HELP").bind("reply", id).bind("at", now).execute();
          if (keyword == Keyword.HELP) {
            h.createUpdate("INSERT INTO assistance_request (id, crisis_id, registration_id, consulate_id, reply_id, "
                    + "created_at) VALUES (:id, :crisis, :reg, :consulate, :reply, :at) "
                    + "ON CONFLICT (crisis_id, registration_id) WHERE state = 'OPEN' DO NOTHING")
                .bind("id", UUID.randomUUID()).bind("crisis", crisisId).bind("reg", p.id())
                .bind("consulate", p.consulateId()).bind("reply", id).bind("at", now).execute();
          }
        }
      }
      if (keyword == Keyword.STOP) {
        SmsStore.optOut(h, from, "reply", now);
      } else if (keyword == Keyword.START) {
        h.createUpdate("DELETE FROM sms_opt_out WHERE phone = :phone").bind("phone", from).execute();
      }
      boolean ack = keyword != Keyword.STOP && !people.isEmpty();
      if (ack) {
        String language = Phrases.languageOf(latest != null ? latest.language() : people.get(0).language());
        Phrases.Key key = switch (keyword) {
          case SAFE -> Phrases.Key.ACK_SAFE;
          case HELP -> Phrases.Key.ACK_HELP;
          case START -> Phrases.Key.ACK_START;
          default -> Phrases.Key.ACK_OTHER;
        };
        queueAck(h, sid, from, language, Phrases.get(key, language), crisisId, now);
      }
      return new Received(id, keyword, crisisId, ids, false, ack);
    });
  }

  private void queueAck(Handle h, String sid, String phone, String language, String body, UUID crisisId,
      Instant now) {
    h.createUpdate("INSERT INTO sms_send (id, dedupe_key, kind, crisis_id, phone, language, sender, body, segments, "
            + "next_attempt_at, created_at) VALUES (:id, :key, 'ACK', :crisis, :phone, :language, :sender, :body, "
            + ":segments, :now, :now) ON CONFLICT (dedupe_key) DO NOTHING")
        .bind("id", UUID.randomUUID()).bind("key", "ack:" + sid).bind("crisis", crisisId).bind("phone", phone)
        .bind("language", language).bind("sender", senders.route(phone).name()).bind("body", body)
        .bind("segments", crisis.core.crisis.SmsSegments.of(body).segments()).bind("now", now).execute();
  }

  private record Latest(UUID sendId, UUID crisisId, String language) {}

  private record Person(UUID id, String consulateId, String language) {}
}
