package crisis.core.privacy;

/**
 * Wraps and unwraps the data keys that encrypt personal data: the key-encryption key. Here a key from the environment
 * ({@link LocalKeyEncryptionKey}); in production a key management service (a KMS's {@code Encrypt}/{@code Decrypt}
 * or {@code WrapKey}/{@code UnwrapKey} on a key that never leaves it) implements the same three methods. The data keys
 * are stored wrapped in the database ({@code data_key}), so a copy of the database or of its backups without this key
 * reads no sealed value.
 */
public interface KeyEncryptionKey {
  /** Names this key among its versions (stored beside each data key it wrapped), never the key itself. */
  String id();

  /** Encrypts a data key; {@code context} is bound to it and must be given again to unwrap. */
  byte[] wrap(byte[] dataKey, byte[] context);

  /** The data key; fails when the wrapped bytes or the context were changed, or another key wrapped it. */
  byte[] unwrap(byte[] wrapped, byte[] context);
}
