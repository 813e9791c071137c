package crisis.core.outreach.db;

import crisis.core.outreach.SmsKind;
import java.time.Instant;
import java.util.UUID;

/** An SMS or call taken by the dispatcher for one attempt (its row now SENDING). */
public record Claimed(UUID id, SmsKind kind, UUID crisisId, UUID messageId, String phone, String language, String sender,
    String body, int attempts, boolean optedOut, Instant createdAt) {

  public boolean isCall() {
    return kind == SmsKind.CALL;
  }

  public Claimed withBody(String b) {
    return new Claimed(id, kind, crisisId, messageId, phone, language, sender, b, attempts, optedOut, createdAt);
  }
}
