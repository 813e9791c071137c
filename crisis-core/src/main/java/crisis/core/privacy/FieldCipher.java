package crisis.core.privacy;

import crisis.core.privacy.db.DataKeyDao;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * Seals the most sensitive fields of a person (identity numbers, health notes) before they reach a table, and finds
 * them again by a keyed blind index, never by the clear value.
 *
 * <p>A sealed value is {@code 0x01 || key version (4 bytes) || nonce (12) || AES-256-GCM ciphertext || tag (16)}; its
 * associated data is the field's name and the row's id, so a value copied to another row or field does not open. The
 * data keys are random, stored in {@code data_key} wrapped by the {@link KeyEncryptionKey}; the newest version seals,
 * every stored version opens. The blind index is HMAC-SHA-256 with a key of its own over the field's name and the
 * normalised value, cut to 16 bytes: equal values give equal indexes, which a unique index and an equality look-up use;
 * without the key, an index tells nothing of the value (a passport number cannot be tried against it offline).
 *
 * <p>Installed on a {@link Jdbi} ({@link #install}), so every handle carries it ({@link #of}); a handle of a Jdbi
 * without it fails at the first personal value rather than writing it in clear.
 */
public final class FieldCipher {
  /** The fields sealed, each with the name bound into its values. */
  public enum Field {
    NATIONAL_ID("nationalId"), PASSPORT_NUMBER("passportNumber"),
    /** A traveller's or a deceased person's identity document number (repatriation). */
    DOCUMENT_NUMBER("documentNumber"),
    /** What an officer noted on an evacuation request (a household's health, disability, situation). */
    EVACUATION_NOTES("evacuationNotes"),
    /** A case worker's notes on a reintegration need, and those of each change of its status (bound to the need). */
    NEED_NOTES("needNotes"), NEED_HISTORY_NOTE("needHistoryNote"),
    /** A case worker's notes on a check-in done by call or visit. */
    CHECK_IN_NOTES("checkInNotes"),
    /** What a case worker asked of a partner institution, and what it answered. */
    REFERRAL_ASKED("referralAsked"), REFERRAL_ANSWER("referralAnswer"),
    /**
     * Indexes only, never sealed (issue 34): a phone asking for a code, the address it asked from, and the code sent,
     * bound to its proof.
     */
    PROOF_PHONE("proofPhone"), PROOF_ADDRESS("proofAddress"), PROOF_CODE("proofCode");

    final byte[] label;

    Field(String name) {
      this.label = name.getBytes(StandardCharsets.US_ASCII);
    }
  }

  static final byte FORMAT = 1;
  /** How long an instance seals with the version it knows before it looks for a newer one ({@link #rotate}). */
  static final long RELOAD_NANOS = 30_000_000_000L;

  private final Jdbi jdbi;
  private final KeyEncryptionKey kek;
  /** One keyed MAC per thread: getting and keying one costs more than the digest of a short value. */
  private final ThreadLocal<Mac> macs;
  private final Clock clock;
  private final PositionSeal positions;
  private volatile Ring ring;

  private record Ring(Map<Integer, SecretKey> keys, int current, long loadedNanos) {}

  private FieldCipher(Jdbi jdbi, KeyEncryptionKey kek, byte[] indexKey, Clock clock) {
    this.jdbi = jdbi;
    this.kek = kek;
    SecretKeySpec key = new SecretKeySpec(indexKey, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(() -> keyedMac(key));
    this.clock = clock;
    this.positions = PositionSeal.derivedFrom(indexKey);
  }

  /**
   * Puts a cipher on {@code jdbi} (and returns it): data keys read from and, on an empty table, made in
   * {@code data_key} through this Jdbi; {@code indexKey} 32 bytes of its own.
   */
  public static FieldCipher install(Jdbi jdbi, KeyEncryptionKey kek, byte[] indexKey, Clock clock) {
    if (indexKey.length != 32) {
      throw new IllegalArgumentException("the blind index key is " + indexKey.length + " bytes: 32 are needed");
    }
    FieldCipher cipher = new FieldCipher(jdbi, kek, indexKey.clone(), clock);
    jdbi.getConfig(Installed.class).cipher = cipher;
    return cipher;
  }

  /** With the blind index key as a base64 setting named {@code setting}. */
  public static FieldCipher install(Jdbi jdbi, KeyEncryptionKey kek, String setting, String indexKeyBase64,
      Clock clock) {
    return install(jdbi, kek, Keys.decode32(setting, indexKeyBase64), clock);
  }

  /** The cipher installed on the handle's Jdbi. */
  public static FieldCipher of(Handle handle) {
    return of(handle.getConfig(Installed.class));
  }

  /** The cipher installed on {@code jdbi}. */
  public static FieldCipher of(Jdbi jdbi) {
    return of(jdbi.getConfig(Installed.class));
  }

  /** The cipher of a statement's configuration (a row mapper's context). */
  public static FieldCipher of(org.jdbi.v3.core.config.ConfigRegistry config) {
    return of(config.get(Installed.class));
  }

  private static FieldCipher of(Installed installed) {
    if (installed.cipher == null) {
      throw new IllegalStateException("no personal data keys on this Jdbi (FieldCipher.install): nothing personal "
          + "is written in clear");
    }
    return installed.cipher;
  }

  private static final ThreadLocal<FieldCipher> MIGRATING = new ThreadLocal<>();

  /**
   * Runs {@code migration} with {@code cipher} known to the migration's Java steps on this thread (Liquibase makes
   * them itself, so they cannot be given it); null: steps that need keys refuse to run on a registry that needs them.
   */
  public static <T> T migratingWith(FieldCipher cipher, java.util.function.Supplier<T> migration) {
    MIGRATING.set(cipher);
    try {
      return migration.get();
    } finally {
      MIGRATING.remove();
    }
  }

  /** The cipher of the migration running on this thread, if it was given keys. */
  public static java.util.Optional<FieldCipher> ofMigration() {
    return java.util.Optional.ofNullable(MIGRATING.get());
  }

  /** The sealed value of {@code clear} (null stays null), with the newest key. */
  public byte[] seal(Field field, UUID row, String clear) {
    if (clear == null) {
      return null;
    }
    Ring r = ring(false);
    byte[] aead = Aead.encrypt(r.keys.get(r.current), clear.getBytes(StandardCharsets.UTF_8), associated(field, row));
    return ByteBuffer.allocate(5 + aead.length).put(FORMAT).putInt(r.current).put(aead).array();
  }

  /** The clear value (null stays null); fails if it was sealed for another row or field, or changed. */
  public String open(Field field, UUID row, byte[] sealed) {
    if (sealed == null) {
      return null;
    }
    int version = version(sealed);
    SecretKey key = ring(false).keys.get(version);
    if (key == null) {
      key = ring(true).keys.get(version);
      if (key == null) {
        throw new SealedValueException("a sealed value names key version " + version + ", which is not stored");
      }
    }
    return new String(Aead.decrypt(key, sealed, 5, associated(field, row)), StandardCharsets.UTF_8);
  }

  /** How people's points are sealed on Kafka topics. */
  public PositionSeal positions() {
    return positions;
  }

  /** The key version a sealed value was sealed with. */
  public static int version(byte[] sealed) {
    if (sealed.length < 5 || sealed[0] != FORMAT) {
      throw new SealedValueException("not a sealed value of this system");
    }
    return ByteBuffer.wrap(sealed, 1, 4).getInt();
  }

  /** The blind index of {@code clear} (null stays null): equal for equal values of the field, keyed. */
  public byte[] index(Field field, String clear) {
    return clear == null ? null : keyedDigest(field.label, clear.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A keyed fingerprint of content that holds sealed fields among others (a registration's content hash): a plain
   * hash would let whoever knows the other fields try every identity number against it.
   */
  public byte[] fingerprint(byte[] content) {
    return keyedDigest(CONTENT, content);
  }

  private static final byte[] CONTENT = "content".getBytes(StandardCharsets.US_ASCII);

  private byte[] keyedDigest(byte[] label, byte[] value) {
    Mac mac = macs.get();
    mac.update(label);
    mac.update((byte) 0);
    return Arrays.copyOf(mac.doFinal(value), 16); // doFinal leaves it ready for the next value, same key
  }

  private static Mac keyedMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }

  /** The version new values are sealed with, as this instance knows it now. */
  public int currentVersion() {
    return ring(false).current;
  }

  /** The stored versions, oldest first, as read now from the database. */
  public List<Integer> versions() {
    return List.copyOf(ring(true).keys.keySet());
  }

  /**
   * Makes a new data key the one that seals (every instance takes it within {@link #RELOAD_NANOS}); older values
   * still open with their own. Returns its version.
   */
  public int rotate() {
    jdbi.useTransaction(h -> {
      DataKeyDao dao = h.attach(DataKeyDao.class);
      dao.lockRing();
      store(dao, dao.all().stream().mapToInt(DataKeyDao.Stored::version).max().orElse(0) + 1);
    });
    return ring(true).current;
  }

  /**
   * Forgets a data key: only once no value is sealed with it (the caller has looked, every owner's
   * {@code versionsInUse}); refuses the newest.
   */
  public void retire(int version) {
    Ring r = ring(true);
    if (version == r.current) {
      throw new IllegalArgumentException("key version " + version + " is the one that seals: rotate first");
    }
    if (jdbi.withExtension(DataKeyDao.class, dao -> dao.delete(version)) != 1) {
      throw new IllegalArgumentException("key version " + version + " is not stored");
    }
    ring(true);
  }

  /**
   * Wraps every data key again with {@code next} (the key-encryption key's rotation): the values are not touched.
   * Afterwards the process must run with {@code next}.
   */
  public void rewrapAll(KeyEncryptionKey next) {
    jdbi.useTransaction(h -> {
      DataKeyDao dao = h.attach(DataKeyDao.class);
      dao.lockRing();
      for (DataKeyDao.Stored s : dao.all()) {
        byte[] raw = unwrap(s);
        dao.rewrap(s.version(), next.id(), next.wrap(raw, context(s.version())));
        Arrays.fill(raw, (byte) 0);
      }
    });
  }

  private Ring ring(boolean reload) {
    Ring r = ring;
    if (r != null && !reload && System.nanoTime() - r.loadedNanos < RELOAD_NANOS) {
      return r;
    }
    synchronized (this) {
      if (ring == r || reload) {
        ring = load();
      }
      return ring;
    }
  }

  private Ring load() {
    List<DataKeyDao.Stored> stored = jdbi.withExtension(DataKeyDao.class, DataKeyDao::all);
    if (stored.isEmpty()) {
      // The first start on this database: one instance makes the first key, the others wait and read it.
      stored = jdbi.inTransaction(h -> {
        DataKeyDao dao = h.attach(DataKeyDao.class);
        dao.lockRing();
        if (dao.all().isEmpty()) {
          store(dao, 1);
        }
        return dao.all();
      });
    }
    // A key already held is kept, not unwrapped again: after a rewrap (keys rewrap) an instance still running with the
    // old key-encryption key goes on with every data key it had, and fails only on one it never loaded.
    Ring held = ring;
    Map<Integer, SecretKey> keys = new TreeMap<>();
    for (DataKeyDao.Stored s : stored) {
      SecretKey known = held == null ? null : held.keys.get(s.version());
      keys.put(s.version(), known != null ? known : new SecretKeySpec(unwrap(s), "AES"));
    }
    int current = stored.stream().mapToInt(DataKeyDao.Stored::version).max().orElseThrow();
    return new Ring(Map.copyOf(keys), current, System.nanoTime());
  }

  private byte[] unwrap(DataKeyDao.Stored s) {
    if (!s.kekId().equals(kek.id())) {
      throw new SealedValueException("data key version " + s.version() + " was wrapped by the key-encryption key "
          + s.kekId() + ", this process has " + kek.id() + " (keys rewrap, docs/operations.md)");
    }
    return kek.unwrap(s.wrapped(), context(s.version()));
  }

  private void store(DataKeyDao dao, int version) {
    byte[] raw = Keys.random32();
    byte[] wrapped = kek.wrap(raw, context(version));
    Arrays.fill(raw, (byte) 0);
    dao.insert(version, kek.id(), wrapped, clock.instant());
  }

  private static byte[] context(int version) {
    return ("crisis data key " + version).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] associated(Field field, UUID row) {
    return ByteBuffer.allocate(field.label.length + 17).put(field.label).put((byte) 0)
        .putLong(row.getMostSignificantBits()).putLong(row.getLeastSignificantBits()).array();
  }

  /** Where a Jdbi keeps its cipher: shared by every handle (a copy points to the same cipher). */
  public static final class Installed implements JdbiConfig<Installed> {
    private volatile FieldCipher cipher;

    public Installed() {}

    private Installed(FieldCipher cipher) {
      this.cipher = cipher;
    }

    @Override
    public Installed createCopy() {
      return new Installed(cipher);
    }
  }
}
