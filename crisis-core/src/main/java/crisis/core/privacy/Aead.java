package crisis.core.privacy;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** AES-GCM from the JDK: a fresh 96-bit nonce per value, a 128-bit tag, associated data bound to the value. */
final class Aead {
  static final int NONCE = 12;
  static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  /** One cipher object per thread: looking the algorithm up costs more than sealing a short value. */
  private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName(), e);
    }
  });

  private Aead() {}

  /** {@code nonce || ciphertext || tag}. */
  static byte[] encrypt(SecretKey key, byte[] clear, byte[] associated) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = GCM.get();
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(associated);
      byte[] sealed = c.doFinal(clear);
      return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName(), e);
    }
  }

  /** The clear bytes; fails ({@link SealedValueException}) when anything was changed or the key or context differ. */
  static byte[] decrypt(SecretKey key, byte[] sealed, int offset, byte[] associated) {
    if (sealed.length - offset < NONCE + TAG_BITS / 8) {
      throw new SealedValueException("a sealed value is too short");
    }
    try {
      Cipher c = GCM.get();
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, offset, NONCE));
      c.updateAAD(associated);
      return c.doFinal(sealed, offset + NONCE, sealed.length - offset - NONCE);
    } catch (javax.crypto.AEADBadTagException e) {
      // Never the value: only that it does not belong here.
      throw new SealedValueException("a sealed value does not open with its key and row (changed, moved or "
          + "sealed by another key)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName(), e);
    }
  }
}
