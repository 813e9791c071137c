package crisis.core.registry.importing;

import crisis.core.common.Ids;
import crisis.core.registry.ContentHash;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.db.CopyFormat;
import java.util.UUID;

/**
 * A valid, normalised row waiting to be written, with the id it gets if it is new and its COPY line, rendered by the
 * reader thread so that the writer thread mostly talks to the database.
 */
record Candidate(long line, UUID id, RegistrationData data, String contentHash, String rowLine) {

  static Candidate of(long line, RegistrationData data) {
    UUID id = Ids.newId();
    String content = CopyFormat.content(data);
    String hash = ContentHash.ofContent(content);
    return new Candidate(line, id, data, hash, id + "\t" + content + "\t" + hash);
  }

  /** The identifying keys as a stage COPY line; only needed when a batch is not all new, so made on demand. */
  String keyLine() {
    return StageCopy.keyLine(line, data, contentHash);
  }
}
