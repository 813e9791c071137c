package crisis.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.privacy.FieldCipher.Field;
import crisis.core.testing.TestDatabase;
import crisis.core.testing.TestKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The cipher of the sealed fields on a real PostgreSQL: its data keys wrapped in {@code data_key}. */
@Tag("db")
class FieldCipherTest {
  private TestDatabase db;
  private Jdbi jdbi;
  private FieldCipher cipher;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    cipher = FieldCipher.of(jdbi);
  }

  @AfterEach
  void stop() {
    db.drop();
  }

  @Test
  void aValueOpensOnlyInItsRowAndFieldAndAnyChangeIsRefused() {
    UUID row = UUID.randomUUID();
    for (String clear : List.of("AB123456", "P00000001", "مريض بالسكري، يحتاج إلى الأنسولين", "x")) {
      byte[] sealed = cipher.seal(Field.NATIONAL_ID, row, clear);
      if (clear.length() >= 6) { // a one-letter value may well be among the ciphertext's random bytes
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(clear);
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(clear);
      }
      assertThat(cipher.open(Field.NATIONAL_ID, row, sealed)).isEqualTo(clear);
      // A fresh nonce each time: equal values do not give equal bytes.
      assertThat(cipher.seal(Field.NATIONAL_ID, row, clear)).isNotEqualTo(sealed);
      assertThatThrownBy(() -> cipher.open(Field.NATIONAL_ID, UUID.randomUUID(), sealed))
          .isInstanceOf(SealedValueException.class).hasMessageNotContaining(clear);
      assertThatThrownBy(() -> cipher.open(Field.PASSPORT_NUMBER, row, sealed))
          .isInstanceOf(SealedValueException.class);
      for (int i = 5; i < sealed.length; i += 7) {
        byte[] changed = sealed.clone();
        changed[i] ^= 1;
        assertThatThrownBy(() -> cipher.open(Field.NATIONAL_ID, row, changed)).as("byte " + i + " changed")
            .isInstanceOf(SealedValueException.class);
      }
      assertThatThrownBy(() -> cipher.open(Field.NATIONAL_ID, row, Arrays.copyOf(sealed, 20)))
          .isInstanceOf(SealedValueException.class);
    }
    assertThat(cipher.seal(Field.NATIONAL_ID, row, null)).isNull();
    assertThat(cipher.open(Field.NATIONAL_ID, row, null)).isNull();
  }

  @Test
  void theBlindIndexIsEqualForEqualValuesOfAFieldAndKeyed() {
    assertThat(cipher.index(Field.PASSPORT_NUMBER, "P1234567")).isEqualTo(cipher.index(Field.PASSPORT_NUMBER,
        "P1234567")).hasSize(16);
    assertThat(cipher.index(Field.PASSPORT_NUMBER, "P1234567")).isNotEqualTo(cipher.index(Field.PASSPORT_NUMBER,
        "P1234568"));
    assertThat(cipher.index(Field.PASSPORT_NUMBER, "AB123456")).isNotEqualTo(cipher.index(Field.NATIONAL_ID,
        "AB123456"));
    // Another index key, another index: without the key an index cannot be tried against a guessed number.
    Jdbi other = db.jdbi();
    FieldCipher.install(other, TestKeys.keys().kek(), new byte[32], Clock.systemUTC());
    assertThat(FieldCipher.of(other).index(Field.PASSPORT_NUMBER, "P1234567"))
        .isNotEqualTo(cipher.index(Field.PASSPORT_NUMBER, "P1234567"));
  }

  @Test
  void aRotationSealsWithTheNewKeyAndEveryStoredKeyStillOpensAnOldValueOnAnotherInstance() {
    UUID row = UUID.randomUUID();
    byte[] old = cipher.seal(Field.PASSPORT_NUMBER, row, "P7654321");
    assertThat(FieldCipher.version(old)).isEqualTo(1);
    // Another instance (its own cipher, the same keys) that knows version 1 only when the rotation happens.
    FieldCipher elsewhere = FieldCipher.of(TestKeys.install(crisis.core.db.Jdbis.configure(Jdbi.create(
        db.dataSource()))));
    assertThat(elsewhere.currentVersion()).isEqualTo(1);
    assertThat(cipher.rotate()).isEqualTo(2);
    byte[] fresh = cipher.seal(Field.PASSPORT_NUMBER, row, "P7654321");
    assertThat(FieldCipher.version(fresh)).isEqualTo(2);
    // It reads version 2 when it first meets a value sealed with it.
    assertThat(elsewhere.open(Field.PASSPORT_NUMBER, row, fresh)).isEqualTo("P7654321");
    assertThat(elsewhere.open(Field.PASSPORT_NUMBER, row, old)).isEqualTo("P7654321");
    assertThatThrownBy(() -> cipher.retire(2)).hasMessageContaining("the one that seals");
    cipher.retire(1);
    assertThat(cipher.versions()).containsExactly(2);
    FieldCipher started = FieldCipher.of(TestKeys.install(crisis.core.db.Jdbis.configure(Jdbi.create(
        db.dataSource()))));
    assertThatThrownBy(() -> started.open(Field.PASSPORT_NUMBER, row, old))
        .isInstanceOf(SealedValueException.class).hasMessageContaining("version 1");
    assertThat(started.open(Field.PASSPORT_NUMBER, row, fresh)).isEqualTo("P7654321");
  }

  @Test
  void anotherKeyEncryptionKeyOpensNothingUntilTheDataKeysAreWrappedWithIt() {
    UUID row = UUID.randomUUID();
    byte[] sealed = cipher.seal(Field.NATIONAL_ID, row, "CD000001");
    KeyEncryptionKey next = LocalKeyEncryptionKey.fromBase64("next", LocalKeyEncryptionKey.generate());
    Jdbi withNext = crisis.core.db.Jdbis.configure(Jdbi.create(db.dataSource()));
    FieldCipher.install(withNext, next, TestKeys.keys().indexKey(), Clock.systemUTC());
    assertThatThrownBy(() -> FieldCipher.of(withNext).open(Field.NATIONAL_ID, row, sealed))
        .isInstanceOf(SealedValueException.class).hasMessageContaining("key-encryption key")
        .hasMessageContaining(next.id());
    cipher.rewrapAll(next);
    assertThat(FieldCipher.of(withNext).open(Field.NATIONAL_ID, row, sealed)).isEqualTo("CD000001");
  }

  @Test
  void instancesStartingTogetherOnAnEmptyRingMakeOneFirstKey() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Integer>> starts = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        starts.add(() -> FieldCipher.of(TestKeys.install(crisis.core.db.Jdbis.configure(Jdbi.create(
            db.dataSource())))).currentVersion());
      }
      for (Future<Integer> f : pool.invokeAll(starts)) {
        assertThat(f.get()).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cipher.versions()).containsExactly(1);
  }

  @Test
  void aJdbiWithoutKeysRefusesRatherThanWritingInClear() {
    Jdbi bare = crisis.core.db.Jdbis.configure(Jdbi.create(db.dataSource()));
    assertThatThrownBy(() -> FieldCipher.of(bare)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no personal data keys");
  }

  @Test
  void aKeySettingIsRefusedByNameNeverQuoted() {
    assertThatThrownBy(() -> PersonalDataKeys.fromBase64("CRISIS_KEY_ENCRYPTION_KEY", "c2hvcnQ=", "CRISIS_INDEX_KEY",
        TestKeys.INDEX_KEY)).hasMessage("CRISIS_KEY_ENCRYPTION_KEY is 5 bytes: 32 are needed (keys generate)");
    assertThatThrownBy(() -> PersonalDataKeys.fromBase64("CRISIS_KEY_ENCRYPTION_KEY", TestKeys.KEY_ENCRYPTION_KEY,
        "CRISIS_INDEX_KEY", "not base64 ***")).hasMessageStartingWith("CRISIS_INDEX_KEY is not base64")
        .hasMessageNotContaining("***");
    assertThatThrownBy(() -> PersonalDataKeys.fromBase64("CRISIS_KEY_ENCRYPTION_KEY", "", "CRISIS_INDEX_KEY",
        TestKeys.INDEX_KEY)).hasMessageStartingWith("CRISIS_KEY_ENCRYPTION_KEY is not set");
  }
}
