package crisis.core.registry.importing;

import crisis.core.common.Ids;
import crisis.core.privacy.FieldCipher;
import crisis.core.registry.ContentHash;
import crisis.core.registry.Location;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.db.CopyFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A valid, normalised row waiting to be written, with the id it gets if it is new and its COPY line (UTF-8, without
 * the per-batch bookkeeping columns) and its unique keys, made by the reader thread so that the writer thread only
 * sends bytes.
 */
record Candidate(long line, UUID id, RegistrationData data, String contentHash, byte[] rowLine, List<String> keys,
    byte[] nationalIdIndex, byte[] passportIndex) {

  static Candidate of(long line, RegistrationData data, FieldCipher cipher) {
    UUID id = Ids.newId();
    CopyFormat.Rendered rendered = CopyFormat.rendered(data);
    String hash = ContentHash.ofContent(cipher, rendered.content());
    byte[] nationalIdIndex = cipher.index(FieldCipher.Field.NATIONAL_ID, data.nationalId());
    byte[] passportIndex = cipher.index(FieldCipher.Field.PASSPORT_NUMBER, data.passportNumber());
    byte[] content = rendered.row(id, cipher, nationalIdIndex, passportIndex).getBytes(StandardCharsets.UTF_8);
    byte[] head = (id + "\t").getBytes(StandardCharsets.US_ASCII);
    Location l = data.location();
    String cell = l == null ? "\\N" : Long.toString(l.h3Cell());
    byte[] tail = ("\t" + hash + "\t" + cell).getBytes(StandardCharsets.US_ASCII);
    byte[] row = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, row, 0, head.length);
    System.arraycopy(content, 0, row, head.length, content.length);
    System.arraycopy(tail, 0, row, head.length + content.length, tail.length);
    return new Candidate(line, id, data, hash, row, keys(data), nationalIdIndex, passportIndex);
  }

  /**
   * The unique keys of the row (external id, national ID, passport, phone with birth date and names), so that two rows
   * of one batch naming the same person are told apart before the registry is asked.
   */
  private static List<String> keys(RegistrationData d) {
    List<String> k = new ArrayList<>(4);
    if (d.externalId() != null) {
      k.add("e:" + d.consulateId() + ":" + d.externalId());
    }
    if (d.nationalId() != null) {
      k.add("n:" + d.nationalId());
    }
    if (d.passportNumber() != null) {
      k.add("p:" + d.passportNumber());
    }
    k.add("h:" + d.phone() + ":" + d.dateOfBirth() + ":" + d.familyNameLatin().toLowerCase(Locale.ROOT) + ":"
        + d.givenNameLatin().toLowerCase(Locale.ROOT));
    return k;
  }

  /** The identifying keys as a stage COPY line; only needed when a batch is not all new, so made on demand. */
  String keyLine() {
    return StageCopy.keyLine(this);
  }
}
