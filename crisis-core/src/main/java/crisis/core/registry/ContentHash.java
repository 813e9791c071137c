package crisis.core.registry;

import crisis.core.privacy.FieldCipher;
import crisis.core.registry.db.CopyFormat;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A fingerprint of normalised registration content, so that re-importing an unchanged row is recognised without
 * comparing every column. Keyed ({@link FieldCipher#fingerprint}): the content holds the identity numbers, which a
 * plain hash would let anyone who reads the other columns try one by one.
 */
public final class ContentHash {
  private ContentHash() {}

  public static String of(FieldCipher cipher, RegistrationData normalised) {
    return ofContent(cipher, CopyFormat.content(normalised));
  }

  /** The same, of content already rendered ({@link CopyFormat.Rendered#content}). */
  public static String ofContent(FieldCipher cipher, String content) {
    return HexFormat.of().formatHex(cipher.fingerprint(content.getBytes(StandardCharsets.UTF_8)));
  }
}
