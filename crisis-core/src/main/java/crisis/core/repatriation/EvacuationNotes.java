package crisis.core.repatriation;

import crisis.core.privacy.FieldCipher;
import crisis.core.privacy.SealedValues;
import crisis.core.repatriation.db.EvacuationDao;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/** The evacuation requests' sealed notes, in a key rotation ({@link SealedValues}). */
public final class EvacuationNotes implements SealedValues {
  private final Jdbi jdbi;

  public EvacuationNotes(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public String name() {
    return "evacuation requests' notes";
  }

  @Override
  public long resealAll() {
    return SealedValues.resealColumn(jdbi, FieldCipher.Field.EVACUATION_NOTES,
        (h, after, limit) -> h.attach(EvacuationDao.class).sealedNotes(after, limit),
        (h, id, sealed, was) -> h.attach(EvacuationDao.class).resealNotes(id, sealed, was));
  }

  @Override
  public Set<Integer> versionsInUse() {
    return new TreeSet<>(jdbi.withExtension(EvacuationDao.class, EvacuationDao::notesKeyVersions));
  }
}
