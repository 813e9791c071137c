package crisis.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key-encryption key given to the process (from the environment, never a file in the repository): 32 random bytes,
 * base64. Its id is a fingerprint (the first 8 bytes of SHA-256 over a fixed label and the key), so a data key says
 * which key wrapped it without revealing it.
 */
public final class LocalKeyEncryptionKey implements KeyEncryptionKey {
  private final SecretKey key;
  private final String id;

  private LocalKeyEncryptionKey(byte[] raw) {
    this.key = new SecretKeySpec(raw, "AES");
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("crisis key-encryption key id".getBytes(StandardCharsets.US_ASCII));
      this.id = "local:" + HexFormat.of().formatHex(Arrays.copyOf(sha.digest(raw), 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * From its base64 text; refuses anything but 32 bytes, naming {@code setting} and never quoting the value.
   */
  public static LocalKeyEncryptionKey fromBase64(String setting, String base64) {
    return new LocalKeyEncryptionKey(Keys.decode32(setting, base64));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public byte[] wrap(byte[] dataKey, byte[] context) {
    return Aead.encrypt(key, dataKey, context);
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] context) {
    return Aead.decrypt(key, wrapped, 0, context);
  }

  /** A new random key, base64: what an operator puts in the environment ({@code keys generate}). */
  public static String generate() {
    return Base64.getEncoder().encodeToString(Keys.random32());
  }
}
