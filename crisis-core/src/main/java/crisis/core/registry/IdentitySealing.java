package crisis.core.registry;

import crisis.core.privacy.FieldCipher;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.registry.db.SealedPrevious;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The registry's part of a key rotation: its sealed values (identity numbers, and the previous values of its change
 * rows) sealed again with the newest data key, in batches of short transactions while the system runs, and which key
 * versions they still use, so that an old key is retired only once nothing needs it.
 */
public final class IdentitySealing implements crisis.core.privacy.SealedValues {
  private static final int BATCH = 1000;
  private final Jdbi jdbi;

  public IdentitySealing(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public String name() {
    return "registrations and their history";
  }

  /**
   * Seals again with the current key every value sealed with another; returns how many rows were rewritten. A row
   * changed meanwhile is left to its writer (who sealed it with the key it knew) and to the next pass.
   */
  @Override
  public long resealAll() {
    FieldCipher cipher = FieldCipher.of(jdbi);
    int current = cipher.currentVersion();
    long rewritten = 0;
    UUID after = new UUID(0, 0); // the least in PostgreSQL's order (unsigned bytes)
    while (true) {
      UUID from = after;
      List<RegistrationDao.SealedIdentity> rows = jdbi.withExtension(RegistrationDao.class,
          dao -> dao.sealedIdentities(from, BATCH));
      if (rows.isEmpty()) {
        break;
      }
      after = rows.get(rows.size() - 1).id();
      rewritten += jdbi.inTransaction(h -> {
        RegistrationDao dao = h.attach(RegistrationDao.class);
        long n = 0;
        for (RegistrationDao.SealedIdentity r : rows) {
          byte[] national = again(cipher, current, FieldCipher.Field.NATIONAL_ID, r.id(), r.nationalIdSealed());
          byte[] passport = again(cipher, current, FieldCipher.Field.PASSPORT_NUMBER, r.id(), r.passportSealed());
          if (national != r.nationalIdSealed() || passport != r.passportSealed()) {
            n += dao.reseal(r.id(), national, passport, r.nationalIdSealed(), r.passportSealed());
          }
        }
        return n;
      });
    }
    long afterChange = 0;
    while (true) {
      long from = afterChange;
      List<RegistrationDao.SealedChange> rows = jdbi.withExtension(RegistrationDao.class,
          dao -> dao.sealedChanges(from, BATCH));
      if (rows.isEmpty()) {
        break;
      }
      afterChange = rows.get(rows.size() - 1).id();
      rewritten += jdbi.inTransaction(h -> {
        RegistrationDao dao = h.attach(RegistrationDao.class);
        long n = 0;
        for (RegistrationDao.SealedChange c : rows) {
          String again = SealedPrevious.reseal(cipher, c.registrationId(), c.previous());
          if (again != null) {
            n += dao.rewriteChange(c.id(), again);
          }
        }
        return n;
      });
    }
    return rewritten;
  }

  /** The data key versions the registry's sealed values use now. */
  @Override
  public Set<Integer> versionsInUse() {
    Set<Integer> versions = new TreeSet<>(jdbi.withExtension(RegistrationDao.class,
        RegistrationDao::identityKeyVersions));
    long after = 0;
    while (true) {
      long from = after;
      List<RegistrationDao.SealedChange> rows = jdbi.withExtension(RegistrationDao.class,
          dao -> dao.sealedChanges(from, BATCH));
      if (rows.isEmpty()) {
        return versions;
      }
      after = rows.get(rows.size() - 1).id();
      rows.forEach(c -> versions.addAll(SealedPrevious.versions(c.previous())));
    }
  }

  /** {@code sealed} itself when it is sealed with the current key (or null), else sealed again with it. */
  private static byte[] again(FieldCipher cipher, int current, FieldCipher.Field field, UUID id, byte[] sealed) {
    if (sealed == null || FieldCipher.version(sealed) == current) {
      return sealed;
    }
    return cipher.seal(field, id, cipher.open(field, id, sealed));
  }

}
