package crisis.core.reintegration;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.ValidationException;
import crisis.core.reintegration.ReintegrationCase.Assessment;
import crisis.core.reintegration.ReintegrationCase.State;
import crisis.core.reintegration.db.ReintegrationDao;
import crisis.core.reintegration.db.ReintegrationDao.CaseRow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A case worker closes a case of its region with its outcome and the closing assessment, and opens it again when the
 * follow-up must resume. Both need the version read.
 */
public final class CaseClosing {
  private final Jdbi jdbi;
  private final ReintegrationSettings settings;
  private final AuditTrail audit;
  private final Clock clock;

  public CaseClosing(Jdbi jdbi, ReintegrationSettings settings, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
  }

  /** Closes the case with its outcome and the closing assessment; its check-ins still scheduled are cancelled. */
  public ReintegrationCase close(Actor actor, UUID id, int expectedVersion, String outcome,
      Map<Scores.Indicator, String> indicators) {
    if (outcome == null || outcome.isBlank() || outcome.length() > 2000) {
      throw new ValidationException("outcome", "is required, up to 2,000 characters");
    }
    Scores.Result scores = Scores.score(indicators);
    return jdbi.inTransaction(h -> {
      CaseRow c = ReintegrationCases.workable(h, actor, id, true);
      ReintegrationCases.requireVersion(c, expectedVersion);
      if (c.state() == State.CLOSED) {
        throw new ConflictException("state", "case " + id + " is closed already");
      }
      Instant now = clock.instant();
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      Assessments.insert(h, c.id(), Assessment.Kind.CLOSURE, indicators, scores, actor, now);
      dao.cancelScheduled(id);
      dao.setState(id, State.CLOSED, now, actor.username(), outcome.strip(), now);
      audit.record(h, actor, "REINTEGRATION_CASE_CLOSE", List.of(), "case " + id + ", composite "
          + scores.composite());
      return ReintegrationCases.assemble(h, dao.findCase(id).orElseThrow());
    });
  }

  /**
   * Opens a closed case again: the check-ins cancelled at closing that are still ahead are scheduled again, or, when
   * none is, a new series of check-ins starts from the reopening.
   */
  public ReintegrationCase reopen(Actor actor, UUID id, int expectedVersion, String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 2000) {
      throw new ValidationException("reason", "is required, up to 2,000 characters");
    }
    return jdbi.inTransaction(h -> {
      CaseRow c = ReintegrationCases.workable(h, actor, id, true);
      ReintegrationCases.requireVersion(c, expectedVersion);
      if (c.state() == State.OPEN) {
        throw new ConflictException("state", "case " + id + " is open");
      }
      Instant now = clock.instant();
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      dao.setState(id, State.OPEN, null, null, null, now);
      // The follow-up resumes: the check-ins cancelled at closing that are still ahead are scheduled again; when
      // none is, a new series starts from today.
      if (dao.restoreCancelled(id, now) == 0) {
        int next = dao.checkIns(id).stream().mapToInt(ReintegrationDao.CheckInRow::seq).max().orElse(0) + 1;
        CheckIns.schedule(h, settings, c, dao.members(id), now, next);
      }
      audit.record(h, actor, "REINTEGRATION_CASE_REOPEN", List.of(), "case " + id + ": " + reason.strip());
      return ReintegrationCases.assemble(h, dao.findCase(id).orElseThrow());
    });
  }
}
