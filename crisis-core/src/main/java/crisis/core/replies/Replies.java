package crisis.core.replies;

import crisis.core.outreach.CitizenReplies;
import crisis.core.outreach.Keyword;
import crisis.core.outreach.Phrases;
import crisis.core.outreach.ReplyMeaning;
import crisis.core.reintegration.CheckIns;
import crisis.core.repatriation.EvacuationReplies;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What a citizen's SMS does, decided and recorded here in the caller's transaction; the SMS side (the inbox) keeps
 * the message, finds who it speaks for and carries out what this answers (stop or resume the phone, send the
 * acknowledgement). In order: an answer to the reintegration check-in the phone was asked last answers it;
 * otherwise the keyword's meaning ({@link ReplyMeaning}) sets the people's status for the crisis of the latest alert
 * and opens their assistance requests ({@link CitizenReplies}), and opens or cancels the household's request to leave.
 * The acknowledgement is in the language of the latest message sent to the phone, else of the first person. Above
 * outreach, repatriation and reintegration (it uses all three; none of them uses it).
 */
public final class Replies {
  /** Someone a reply speaks for. */
  public record Speaker(UUID registrationId, String consulateId, String preferredLanguage) {}

  /**
   * What the SMS side does once a reply is recorded.
   *
   * @param ackLanguage the language of the acknowledgement (null: none is sent)
   * @param ackText the acknowledgement (null: none)
   */
  public record Outcome(Keyword keyword, boolean optOut, boolean optIn, String ackLanguage, String ackText) {}

  private Replies() {}

  /** An answer to the check-in this phone was asked last, recorded with its thanks; empty when it is none. */
  public static Optional<CheckIns.Answered> checkInAnswer(Handle h, String phone, String body, Instant now) {
    return CheckIns.answerFromReply(h, phone, body, now);
  }

  /** The thanks for a check-in answer, in the person's language. */
  public static String thanks(CheckIns.Answered answered) {
    return CheckIns.thanks(Phrases.languageOf(answered.language()));
  }

  /** What the reply's words are, read once. */
  public static Keyword keyword(String body) {
    return Keyword.of(body);
  }

  /**
   * Records what a stored reply means for the people it speaks for.
   *
   * @param crisisId the crisis of the latest alert, reminder or call to the phone; null when there is none
   * @param latestLanguage the language of that message, or null
   * @param replyId the stored reply
   */
  public static Outcome record(Handle h, UUID replyId, String phone, Keyword keyword, UUID crisisId,
      String latestLanguage, List<Speaker> people, Instant now) {
    ReplyMeaning meaning = ReplyMeaning.of(keyword);
    List<UUID> ids = people.stream().map(Speaker::registrationId).toList();
    CitizenReplies.record(h, crisisId, people.stream()
        .map(p -> new CitizenReplies.Person(p.registrationId(), p.consulateId())).toList(), replyId, meaning, now);
    switch (meaning.evacuation()) {
      case OPEN -> EvacuationReplies.openFromReply(h, crisisId, ids, phone, now);
      case CANCEL -> EvacuationReplies.cancelFromReply(h, crisisId, ids, phone, now);
      case NONE -> { }
    }
    if (meaning.acknowledgement() == null || people.isEmpty()) {
      return new Outcome(keyword, meaning.optOut(), meaning.optIn(), null, null);
    }
    String language = Phrases.languageOf(latestLanguage != null ? latestLanguage : people.get(0).preferredLanguage());
    return new Outcome(keyword, meaning.optOut(), meaning.optIn(), language,
        Phrases.get(meaning.acknowledgement(), language));
  }
}
