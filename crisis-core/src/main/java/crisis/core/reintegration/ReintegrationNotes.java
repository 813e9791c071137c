package crisis.core.reintegration;

import crisis.core.privacy.FieldCipher;
import crisis.core.privacy.SealedValues;
import crisis.core.reintegration.db.ReintegrationDao;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/** The case workers' sealed notes (needs, their histories, check-ins, referrals), in a key rotation ({@link SealedValues}). */
public final class ReintegrationNotes implements SealedValues {
  private final Jdbi jdbi;

  public ReintegrationNotes(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public String name() {
    return "reintegration notes";
  }

  @Override
  public long resealAll() {
    return SealedValues.resealColumn(jdbi, FieldCipher.Field.NEED_NOTES,
            (h, after, limit) -> h.attach(ReintegrationDao.class).sealedNeedNotes(after, limit),
            (h, id, sealed, was) -> h.attach(ReintegrationDao.class).resealNeedNotes(id, sealed, was))
        + SealedValues.resealColumn(jdbi, FieldCipher.Field.NEED_HISTORY_NOTE,
            (h, after, limit) -> h.attach(ReintegrationDao.class).sealedHistoryNotes(after, limit),
            (h, id, sealed, was) -> h.attach(ReintegrationDao.class).resealHistoryNote(id, sealed, was))
        + SealedValues.resealColumn(jdbi, FieldCipher.Field.CHECK_IN_NOTES,
            (h, after, limit) -> h.attach(ReintegrationDao.class).sealedCheckInNotes(after, limit),
            (h, id, sealed, was) -> h.attach(ReintegrationDao.class).resealCheckInNotes(id, sealed, was))
        + SealedValues.resealColumn(jdbi, FieldCipher.Field.REFERRAL_ASKED,
            (h, after, limit) -> h.attach(ReintegrationDao.class).sealedReferralAsked(after, limit),
            (h, id, sealed, was) -> h.attach(ReintegrationDao.class).resealReferralAsked(id, sealed, was))
        + SealedValues.resealColumn(jdbi, FieldCipher.Field.REFERRAL_ANSWER,
            (h, after, limit) -> h.attach(ReintegrationDao.class).sealedReferralAnswer(after, limit),
            (h, id, sealed, was) -> h.attach(ReintegrationDao.class).resealReferralAnswer(id, sealed, was));
  }

  @Override
  public Set<Integer> versionsInUse() {
    return jdbi.withExtension(ReintegrationDao.class, dao -> {
      Set<Integer> in = new TreeSet<>(dao.needNotesKeyVersions());
      in.addAll(dao.historyNotesKeyVersions());
      in.addAll(dao.checkInNotesKeyVersions());
      in.addAll(dao.referralAskedKeyVersions());
      in.addAll(dao.referralAnswerKeyVersions());
      return in;
    });
  }
}
