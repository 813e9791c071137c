package crisis.core.privacy;

import java.security.SecureRandom;
import java.util.Base64;

/** Raw key material: read from base64 settings, made at random. */
final class Keys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  static byte[] random32() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return k;
  }

  /** 32 bytes from base64; the error names the setting and what is wrong, never the value. */
  static byte[] decode32(String setting, String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalArgumentException(setting + " is not set: 32 random bytes in base64 (keys generate)");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + " is not base64: 32 random bytes in base64 (keys generate)");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException(setting + " is " + raw.length + " bytes: 32 are needed (keys generate)");
    }
    return raw;
  }
}
