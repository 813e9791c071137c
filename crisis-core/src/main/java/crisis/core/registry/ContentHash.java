package crisis.core.registry;

import crisis.core.registry.db.CopyFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fingerprint of normalised registration content, so that re-importing an unchanged row is recognised without
 * comparing every column.
 */
public final class ContentHash {
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private ContentHash() {}

  public static String of(RegistrationData normalised) {
    return ofContent(CopyFormat.content(normalised));
  }

  /** The hash of content already rendered by {@link CopyFormat#content}. */
  public static String ofContent(String content) {
    return ofContent(content.getBytes(StandardCharsets.UTF_8));
  }

  /** The hash of content rendered by {@link CopyFormat#content}, as UTF-8. */
  public static String ofContent(byte[] utf8) {
    return HexFormat.of().formatHex(SHA256.get().digest(utf8), 0, 16);
  }
}
