package crisis.alerts.outreach;

import crisis.core.audit.AuditTrail;
import crisis.core.citizen.SmsDeclarations;
import crisis.core.crisis.SmsSegments;
import crisis.core.outreach.Keyword;
import crisis.core.outreach.Phrases;
import crisis.core.outreach.SenderPlan;
import crisis.core.outreach.SmsKind;
import crisis.core.outreach.db.InboxDao;
import crisis.core.outreach.db.OutreachDao;
import crisis.core.outreach.db.SmsDao;
import crisis.core.registry.PendingRegistrations;
import crisis.core.registry.RegistrationStatus;
import crisis.core.registry.RegistrationValidator;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.reintegration.CheckIns;
import crisis.core.replies.Replies;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What citizens answer, the SMS side of it. An inbound SMS is kept whatever it says and matched to the people with
 * that phone and to the crisis of the latest alert, reminder or call sent to it; what it does is the core's to
 * decide and record ({@link Replies}: a check-in answer, status, assistance, a request to leave opened or cancelled);
 * this carries out the rest (the phone opted out or in, the acknowledgement queued). All in one transaction; a
 * webhook delivered twice (same MessageSid) changes nothing the second time.
 */
public final class Inbox {
  /**
   * What was done with an inbound SMS.
   *
   * @param keyword what it said, or null when it answered a reintegration check-in ({@code checkInCase}) or belongs
   *     to a registration by SMS
   */
  public record Received(UUID id, Keyword keyword, UUID crisisId, List<UUID> registrations, boolean duplicate,
      boolean acknowledged, UUID checkInCase) {
    Received(UUID id, Keyword keyword, UUID crisisId, List<UUID> registrations, boolean duplicate,
        boolean acknowledged) {
      this(id, keyword, crisisId, registrations, duplicate, acknowledged, null);
    }
  }

  private final Jdbi jdbi;
  private final SenderPlan senders;
  private final Clock clock;
  private final SmsDeclarations declarations;

  public Inbox(Jdbi jdbi, SenderPlan senders, Clock clock) {
    this.jdbi = jdbi;
    this.senders = senders;
    this.clock = clock;
    this.declarations = new SmsDeclarations(new PendingRegistrations(jdbi, new RegistrationValidator(clock),
        new AuditTrail(jdbi, clock), clock), crisis.core.geo.Gazetteer::shared);
  }

  /**
   * @param sid the gateway's id of the inbound message (its dedupe key)
   * @param from the sender's phone, E.164
   */
  public Received receive(String sid, String from, String body) {
    return jdbi.inTransaction(h -> {
      InboxDao inbox = h.attach(InboxDao.class);
      Optional<UUID> seen = inbox.replyWithSid(sid);
      if (seen.isPresent()) {
        return new Received(seen.get(), null, null, List.of(), true, false);
      }
      Instant now = clock.instant();
      // A registration by SMS: its start word, or an answer while the phone's dialogue is open. A phone a crisis
      // alerted answers the crisis first: its SAFE, HELP, LEAVE or STAY is never taken for a dialogue's answer.
      Keyword said = Replies.keyword(body);
      boolean crisisAnswer = (said == Keyword.SAFE || said == Keyword.HELP || said == Keyword.LEAVE
          || said == Keyword.STAY) && inbox.latestTo(from).isPresent();
      Optional<SmsDeclarations.Reply> dialogue = crisisAnswer ? Optional.empty()
          : declarations.receive(h, from, body, now);
      if (dialogue.isPresent()) {
        UUID id = UUID.randomUUID();
        // Kept without its text: a dialogue's answers are a name, a birth date, a document number.
        if (!inbox.keep(id, sid, from, null, "REGISTER", null, null, new UUID[0], now)) {
          throw new IllegalStateException("reply " + sid + " arrived twice at once");  // rolled back, retried
        }
        acknowledge(h, sid, null, from, dialogue.get().language(), dialogue.get().text(), now);
        return new Received(id, null, null, List.of(), false, true);
      }
      Optional<CheckIns.Answered> answered = Replies.checkInAnswer(h, from, body, now);
      if (answered.isPresent()) {
        UUID id = UUID.randomUUID();
        if (!inbox.keep(id, sid, from, body, "ANSWER", null, null, new UUID[0], now)) {
          throw new IllegalStateException("reply " + sid + " arrived twice at once");  // rolled back, retried
        }
        acknowledge(h, sid, null, from, Phrases.languageOf(answered.get().language()), Replies.thanks(answered.get()),
            now);
        return new Received(id, null, null, List.of(), false, true, answered.get().caseId());
      }
      Keyword keyword = Replies.keyword(body);
      InboxDao.Latest latest = inbox.latestTo(from).orElse(null);
      UUID crisisId = latest == null ? null : latest.crisisId();
      RegistrationDao registry = h.attach(RegistrationDao.class);
      List<RegistrationDao.Contact> people = latest == null ? registry.contactsAt(from, RegistrationStatus.ACTIVE)
          : registry.contacts(inbox.alertedIdsAt(from, crisisId).toArray(UUID[]::new));
      UUID id = UUID.randomUUID();
      List<UUID> ids = people.stream().map(RegistrationDao.Contact::id).toList();
      if (!inbox.keep(id, sid, from, body, keyword.name(), crisisId, latest == null ? null : latest.id(),
          ids.toArray(UUID[]::new), now)) {
        return new Received(inbox.replyWithSid(sid).orElseThrow(), null, null, List.of(), true, false);
      }
      Replies.Outcome outcome = Replies.record(h, id, from, keyword, crisisId, latest == null ? null : latest.language(),
          people.stream().map(p -> new Replies.Speaker(p.id(), p.consulateId(), p.preferredLanguage())).toList(), now);
      SmsDao sms = h.attach(SmsDao.class);
      if (outcome.optOut()) {
        sms.optOut(from, "reply", now);
      } else if (outcome.optIn()) {
        sms.optIn(from);
      }
      boolean ack = outcome.ackText() != null;
      if (ack) {
        acknowledge(h, sid, crisisId, from, outcome.ackLanguage(), outcome.ackText(), now);
      }
      return new Received(id, keyword, crisisId, ids, false, ack);
    });
  }

  /** Queues the answer to a reply, once per reply (keyed by its sid), from the sender that serves the phone. */
  private void acknowledge(Handle h, String sid, UUID crisisId, String phone, String language, String text,
      Instant now) {
    h.attach(OutreachDao.class).queueText(UUID.randomUUID(), "ack:" + sid, SmsKind.ACK, crisisId, phone, language,
        senders.route(phone).name(), text, SmsSegments.of(text).segments(), now);
  }
}
