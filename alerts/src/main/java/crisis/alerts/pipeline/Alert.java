package crisis.alerts.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One crisis message for one person (topic {@code alerts}, key: registration id). The id is derived from the message
 * and the registration, so the same alert always has the same id: the sender's unique key.
 */
public record Alert(UUID id, UUID crisisId, UUID messageId, int seq, UUID registrationId, String language,
    Instant at) {

  public static UUID idOf(UUID messageId, UUID registrationId) {
    return UUID.nameUUIDFromBytes((messageId + "/" + registrationId).getBytes(StandardCharsets.US_ASCII));
  }
}
