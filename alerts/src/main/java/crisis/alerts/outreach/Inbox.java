package crisis.alerts.outreach;

import crisis.core.crisis.SmsSegments;
import crisis.core.db.Jdbis;
import crisis.core.outreach.CitizenReplies;
import crisis.core.outreach.Keyword;
import crisis.core.outreach.Phrases;
import crisis.core.outreach.ReplyMeaning;
import crisis.core.outreach.SenderPlan;
import crisis.core.outreach.db.OutreachDao;
import crisis.core.repatriation.EvacuationRequests;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import crisis.core.reintegration.CheckIns;
import org.jdbi.v3.core.Jdbi;

/**
 * What citizens answer. An inbound SMS is kept whatever it says, matched to the people with that phone and to the
 * crisis of the latest alert, reminder or call sent to it, and read; what it means ({@link ReplyMeaning}: status,
 * assistance request, opt-out, acknowledgement) is the core's to decide, and is recorded here with the SMS side of it
 * (the phone opted out or in, the acknowledgement queued in the person's language), and a request to leave opened or
 * cancelled for the phone's household. All in one transaction; a
 * webhook delivered twice (same MessageSid) changes nothing the second time.
 */
public final class Inbox {
  /**
   * What was done with an inbound SMS.
   *
   * @param keyword what it said, or null when it answered a reintegration check-in ({@code checkInCase})
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

  public Inbox(Jdbi jdbi, SenderPlan senders, Clock clock) {
    this.jdbi = Jdbis.prepare(jdbi, List.of(InboxDao.class, SmsDao.class));
    this.senders = senders;
    this.clock = clock;
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
      // A yes or no to the check-in question this phone was asked last (after any crisis alert) answers it.
      Optional<CheckIns.Answered> answered = CheckIns.answerFromReply(h, from, body, now);
      if (answered.isPresent()) {
        UUID id = UUID.randomUUID();
        if (!inbox.keep(id, sid, from, body, "ANSWER", null, null, new UUID[0], now)) {
          throw new IllegalStateException("reply " + sid + " arrived twice at once");  // rolled back, retried
        }
        String language = Phrases.languageOf(answered.get().language());
        String text = CheckIns.thanks(language);
        h.attach(OutreachDao.class).queueText(UUID.randomUUID(), "ack:" + sid, "ACK", null, from, language,
            senders.route(from).name(), text, SmsSegments.of(text).segments(), now);
        return new Received(id, null, null, List.of(), false, true, answered.get().caseId());
      }
      Keyword keyword = Keyword.of(body);
      ReplyMeaning meaning = ReplyMeaning.of(keyword);
      InboxDao.Latest latest = inbox.latestTo(from).orElse(null);
      UUID crisisId = latest == null ? null : latest.crisisId();
      List<InboxDao.Person> people = latest == null ? inbox.registeredAt(from) : inbox.alertedAt(from, crisisId);
      UUID id = UUID.randomUUID();
      List<UUID> ids = people.stream().map(InboxDao.Person::id).toList();
      if (!inbox.keep(id, sid, from, body, keyword.name(), crisisId, latest == null ? null : latest.id(),
          ids.toArray(UUID[]::new), now)) {
        return new Received(inbox.replyWithSid(sid).orElseThrow(), null, null, List.of(), true, false);
      }
      CitizenReplies.record(h, crisisId, people.stream()
          .map(p -> new CitizenReplies.Person(p.id(), p.consulateId())).toList(), id, meaning, now);
      switch (meaning.evacuation()) {
        case OPEN -> EvacuationRequests.openFromReply(h, crisisId, ids, from, now);
        case CANCEL -> EvacuationRequests.cancelFromReply(h, crisisId, ids, from, now);
        case NONE -> { }
      }
      SmsDao sms = h.attach(SmsDao.class);
      if (meaning.optOut()) {
        sms.optOut(from, "reply", now);
      } else if (meaning.optIn()) {
        sms.optIn(from);
      }
      boolean ack = meaning.acknowledgement() != null && !people.isEmpty();
      if (ack) {
        String language = Phrases.languageOf(latest != null ? latest.language() : people.get(0).preferredLanguage());
        String text = Phrases.get(meaning.acknowledgement(), language);
        h.attach(OutreachDao.class).queueText(UUID.randomUUID(), "ack:" + sid, "ACK", crisisId, from, language,
            senders.route(from).name(), text,
            SmsSegments.of(text).segments(), now);
      }
      return new Received(id, keyword, crisisId, ids, false, ack);
    });
  }
}
