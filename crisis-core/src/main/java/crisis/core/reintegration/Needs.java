package crisis.core.reintegration;

import crisis.core.privacy.FieldCipher;
import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.reintegration.db.ReintegrationDao;
import crisis.core.reintegration.db.ReintegrationDao.CaseRow;
import crisis.core.reintegration.db.ReintegrationDao.NeedRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The needs of a case, per person or for the household, each with its status and history. */
public final class Needs {
  private final Jdbi jdbi;
  private final AuditTrail audit;
  private final Clock clock;

  public Needs(Jdbi jdbi, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** @param memberSeq the person it is for (their number in the case), or null for the household */
  public record NeedInput(Integer memberSeq, NeedKind kind, String notes) {}

  public ReintegrationCase add(Actor actor, UUID caseId, NeedInput in) {
    List<FieldError> errors = new ArrayList<>();
    if (in == null || in.kind() == null) {
      errors.add(new FieldError("kind", "is required: one of " + List.of(NeedKind.values())));
    }
    if (in != null && in.notes() != null && in.notes().length() > 2000) {
      errors.add(new FieldError("notes", "is at most 2,000 characters"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return jdbi.inTransaction(h -> {
      CaseRow c = ReintegrationCases.workable(h, actor, caseId, true);
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      if (in.memberSeq() != null && dao.members(caseId).stream().noneMatch(m -> m.seq() == in.memberSeq())) {
        throw new ValidationException("memberSeq", "case " + caseId + " has no person " + in.memberSeq());
      }
      if (c.state() == ReintegrationCase.State.CLOSED) {
        throw new ConflictException("state", "case " + caseId + " is closed: reopen it first");
      }
      Instant now = clock.instant();
      UUID id = Ids.newId();
      dao.insertNeed(new NeedRow(id, caseId, in.memberSeq(), in.kind().dimension().name(), in.kind().name(),
          NeedStatus.IDENTIFIED.name(), FieldCipher.of(h).seal(FieldCipher.Field.NEED_NOTES, id, in.notes()), now, now,
          null, 1));
      dao.history(id, now, actor.username(), NeedStatus.IDENTIFIED.name(), sealHistory(h, id, in.notes()));
      audit.record(h, actor, "REINTEGRATION_NEED_ADD", List.of(), "case " + caseId + ", need " + in.kind());
      return ReintegrationCases.assemble(h, dao.findCase(caseId).orElseThrow());
    });
  }

  /** Moves a need to another status, with a note, checking the version the case worker last read. */
  public ReintegrationCase setStatus(Actor actor, UUID caseId, UUID needId, int expectedVersion, NeedStatus status,
      String note) {
    if (status == null) {
      throw new ValidationException("status", "is required: one of " + List.of(NeedStatus.values()));
    }
    if (note != null && note.length() > 2000) {
      throw new ValidationException("note", "is at most 2,000 characters");
    }
    return jdbi.inTransaction(h -> {
      ReintegrationCases.workable(h, actor, caseId, true);
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      NeedRow n = dao.lockNeed(caseId, needId).orElseThrow(() -> new NotFoundException("need " + needId));
      if (n.version() != expectedVersion) {
        throw new ConflictException("version", "need " + needId + " is at version " + n.version() + ", not "
            + expectedVersion + ": read the case again");
      }
      change(h, n, status, note, actor.username(), clock.instant());
      audit.record(h, actor, "REINTEGRATION_NEED_STATUS", List.of(), "case " + caseId + ", need " + needId + " "
          + status);
      return ReintegrationCases.assemble(h, dao.findCase(caseId).orElseThrow());
    });
  }

  /** The one way a need changes status: the row, its history. */
  static void change(Handle h, NeedRow n, NeedStatus status, String note, String by, Instant at) {
    ReintegrationDao dao = h.attach(ReintegrationDao.class);
    dao.setNeedStatus(n.id(), status.name(), null, at);
    dao.history(n.id(), at, by, status.name(), sealHistory(h, n.id(), note));
  }

  /** A note of a need's history, sealed and bound to the need (its rows have no id of their own before insert). */
  static byte[] sealHistory(Handle h, UUID needId, String note) {
    return FieldCipher.of(h).seal(FieldCipher.Field.NEED_HISTORY_NOTE, needId, note);
  }
}
