package crisis.core.reintegration;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.Ids;
import crisis.core.common.Json;
import crisis.core.reintegration.ReintegrationCase.Assessment;
import crisis.core.reintegration.db.ReintegrationDao;
import crisis.core.reintegration.db.ReintegrationDao.CaseRow;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The assessments of a case: the 15 indicators a case worker records at a follow-up (and at closing,
 * {@link CaseClosing}), stored with their scores ({@link Scores}).
 */
public final class Assessments {
  private final Jdbi jdbi;
  private final AuditTrail audit;
  private final Clock clock;

  public Assessments(Jdbi jdbi, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** Records a follow-up assessment and its scores. */
  public ReintegrationCase assess(Actor actor, UUID id, Map<Scores.Indicator, String> indicators) {
    Scores.Result scores = Scores.score(indicators);
    return jdbi.inTransaction(h -> {
      CaseRow c = ReintegrationCases.workable(h, actor, id, true);
      insert(h, c.id(), Assessment.Kind.FOLLOW_UP, indicators, scores, actor, clock.instant());
      audit.record(h, actor, "REINTEGRATION_ASSESSMENT", List.of(), "case " + id + ", composite "
          + scores.composite());
      return ReintegrationCases.assemble(h, h.attach(ReintegrationDao.class).findCase(id).orElseThrow());
    });
  }

  static void insert(Handle h, UUID caseId, Assessment.Kind kind, Map<Scores.Indicator, String> indicators,
      Scores.Result s, Actor actor, Instant now) {
    Map<String, String> raw = new java.util.TreeMap<>();
    indicators.forEach((k, v) -> raw.put(k.name(), v));
    h.attach(ReintegrationDao.class).insertAssessment(new ReintegrationDao.AssessmentRow(Ids.newId(), caseId,
        kind.name(), Json.write(raw), s.economic(), s.social(), s.psychosocial(), s.composite(), now,
        actor.username()));
  }

  /** An assessment as stored. */
  static Assessment assessment(ReintegrationDao.AssessmentRow r) {
    Map<String, String> raw = Json.read(r.indicators(),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    Map<Scores.Indicator, String> indicators = new EnumMap<>(Scores.Indicator.class);
    raw.forEach((k, v) -> indicators.put(Scores.Indicator.valueOf(k), v));
    return new Assessment(r.id(), Assessment.Kind.valueOf(r.kind()), indicators,
        new Scores.Result(r.economic(), r.social(), r.psychosocial(), r.composite()), r.at(), r.by());
  }
}
