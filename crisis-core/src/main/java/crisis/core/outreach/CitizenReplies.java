package crisis.core.outreach;

import crisis.core.outreach.db.OutreachDao;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Records what a reply means for the people it speaks for, in the caller's transaction: their status for the crisis
 * (the latest reply wins) and, for HELP, one open assistance request per person for their consulate (a second HELP
 * while one is open adds none).
 */
public final class CitizenReplies {
  /** Someone a reply speaks for: the registration and its consulate. */
  public record Person(UUID registrationId, String consulateId) {}

  private CitizenReplies() {}

  /**
   * @param crisisId the crisis of the latest alert to the phone; nothing is recorded without one
   * @param replyId the stored reply, which the status and the requests point to
   */
  public static void record(Handle h, UUID crisisId, List<Person> people, UUID replyId, ReplyMeaning meaning,
      Instant at) {
    if (crisisId == null || meaning.status() == null) {
      return;
    }
    OutreachDao dao = h.attach(OutreachDao.class);
    for (Person p : people) {
      dao.setStatus(crisisId, p.registrationId(), meaning.status().name(), replyId, at);
      if (meaning.opensAssistance()) {
        dao.openAssistance(UUID.randomUUID(), crisisId, p.registrationId(), p.consulateId(), replyId, at);
      }
    }
  }
}
