package crisis.core.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A person's point as it travels on Kafka topics (issue 31): sealed with AES-256-GCM under a key derived from the blind
 * index key, the registration id bound in, written as unpadded base64url text. The brokers, their disks and whoever
 * reads a topic see the coarse join cell the pipeline matches on and this, never the coordinates; only the alert
 * step, which tests the point against the zone's exact shape, opens it.
 *
 * <p>The key has no version of its own: it changes with the index key, whose rotation is a re-index and a
 * re-publication of every registration (docs/data-protection.md). The format byte leaves room for one.
 */
public final class PositionSeal {
  static final byte FORMAT = 2;
  private static final byte[] DERIVATION = "crisis position on topics".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LABEL = "position".getBytes(StandardCharsets.US_ASCII);

  private final SecretKey key;

  private PositionSeal(SecretKey key) {
    this.key = key;
  }

  /** The seal whose key is derived (HMAC-SHA-256 with a label of its own) from the 32-byte blind index key. */
  public static PositionSeal derivedFrom(byte[] indexKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(indexKey, "HmacSHA256"));
      byte[] derived = mac.doFinal(DERIVATION);
      PositionSeal seal = new PositionSeal(new SecretKeySpec(derived, "AES"));
      Arrays.fill(derived, (byte) 0);
      return seal;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }

  /** The sealed text of a point, bound to {@code id}. */
  public String seal(UUID id, double latitude, double longitude) {
    byte[] point = ByteBuffer.allocate(16).putDouble(latitude).putDouble(longitude).array();
    byte[] aead = Aead.encrypt(key, point, associated(id));
    byte[] out = new byte[aead.length + 1];
    out[0] = FORMAT;
    System.arraycopy(aead, 0, out, 1, aead.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /** The point {@code latitude, longitude}; fails if it was sealed for another id, with another key, or changed. */
  public double[] open(UUID id, String sealed) {
    byte[] in;
    try {
      in = Base64.getUrlDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new SealedValueException("a sealed position is not base64url text");
    }
    if (in.length < 1 || in[0] != FORMAT) {
      throw new SealedValueException("not a sealed position of this system");
    }
    ByteBuffer point = ByteBuffer.wrap(Aead.decrypt(key, in, 1, associated(id)));
    if (point.remaining() != 16) {
      throw new SealedValueException("a sealed position holds " + point.remaining() + " bytes, not 16");
    }
    return new double[] {point.getDouble(), point.getDouble()};
  }

  private static byte[] associated(UUID id) {
    return ByteBuffer.allocate(LABEL.length + 17).put(LABEL).put((byte) 0).putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits()).array();
  }
}
