package crisis.core.repatriation;

import crisis.core.privacy.FieldCipher;
import crisis.core.privacy.SealedValues;
import crisis.core.repatriation.db.EvacuationDao;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/** The travellers' sealed document numbers, in a key rotation ({@link SealedValues}). */
public final class TravellerDocuments implements SealedValues {
  private final Jdbi jdbi;

  public TravellerDocuments(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public String name() {
    return "evacuation travellers' documents";
  }

  @Override
  public long resealAll() {
    return SealedValues.resealColumn(jdbi, FieldCipher.Field.DOCUMENT_NUMBER,
        (h, after, limit) -> h.attach(EvacuationDao.class).sealedDocuments(after, limit),
        (h, id, sealed, was) -> h.attach(EvacuationDao.class).resealDocument(id, sealed, was));
  }

  @Override
  public Set<Integer> versionsInUse() {
    return new TreeSet<>(jdbi.withExtension(EvacuationDao.class, EvacuationDao::documentKeyVersions));
  }
}
