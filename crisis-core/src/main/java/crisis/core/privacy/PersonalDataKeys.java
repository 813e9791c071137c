package crisis.core.privacy;

import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * The keys a process is given to protect personal data: the key-encryption key (which wraps the data keys stored in
 * the database) and the blind index key (32 bytes of its own). From the environment in production, from a file the
 * embedded default makes at its first start, fixed in the tests.
 */
public record PersonalDataKeys(KeyEncryptionKey kek, byte[] indexKey) {
  public PersonalDataKeys {
    if (indexKey == null || indexKey.length != 32) {
      throw new IllegalArgumentException("the blind index key must be 32 bytes");
    }
    indexKey = indexKey.clone();
  }

  /** From two base64 settings, each named in the error when it is missing or wrong, never quoted. */
  public static PersonalDataKeys fromBase64(String kekSetting, String kekBase64, String indexSetting,
      String indexBase64) {
    return new PersonalDataKeys(LocalKeyEncryptionKey.fromBase64(kekSetting, kekBase64),
        Keys.decode32(indexSetting, indexBase64));
  }

  /** Fresh keys kept nowhere: for a scratch database that nobody reads again (the benchmarks). */
  public static PersonalDataKeys throwAway() {
    return new PersonalDataKeys(LocalKeyEncryptionKey.fromBase64("a throw-away key", LocalKeyEncryptionKey.generate()),
        Keys.random32());
  }

  /** Puts a {@link FieldCipher} with these keys on {@code jdbi}. */
  public FieldCipher install(Jdbi jdbi, Clock clock) {
    return FieldCipher.install(jdbi, kek, indexKey, clock);
  }

  @Override
  public String toString() {
    return "PersonalDataKeys[" + kek.id() + "]";
  }

  @Override
  public byte[] indexKey() {
    return indexKey.clone();
  }
}
