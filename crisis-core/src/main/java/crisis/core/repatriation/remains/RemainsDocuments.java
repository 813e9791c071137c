package crisis.core.repatriation.remains;

import crisis.core.privacy.FieldCipher;
import crisis.core.privacy.SealedValues;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/** The remains cases' sealed document numbers, in a key rotation ({@link SealedValues}). */
public final class RemainsDocuments implements SealedValues {
  private final Jdbi jdbi;

  public RemainsDocuments(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public String name() {
    return "remains cases' documents";
  }

  @Override
  public long resealAll() {
    return SealedValues.resealColumn(jdbi, FieldCipher.Field.DOCUMENT_NUMBER,
        (h, after, limit) -> h.attach(RemainsDao.class).sealedDocuments(after, limit),
        (h, id, sealed, was) -> h.attach(RemainsDao.class).resealDocument(id, sealed, was));
  }

  @Override
  public Set<Integer> versionsInUse() {
    return new TreeSet<>(jdbi.withExtension(RemainsDao.class, RemainsDao::documentKeyVersions));
  }
}
