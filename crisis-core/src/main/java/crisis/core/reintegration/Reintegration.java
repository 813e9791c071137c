package crisis.core.reintegration;

import crisis.core.audit.AuditTrail;
import crisis.core.outreach.SenderPlan;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * The reintegration services, built together: cases (reads), their opening, assignment, closing and assessments,
 * needs, referrals, check-ins, reports.
 */
public record Reintegration(ReintegrationCases cases, CaseOpening opening, CaseAssignment assignment,
    CaseClosing closing, Assessments assessments, Needs needs, Referrals referrals, CheckIns checkIns,
    ReintegrationReports reports, Regions regions) {

  /** @param senders the SMS senders check-in questions are routed to (null: one sender named "default") */
  public static Reintegration build(Jdbi jdbi, AuditTrail audit, SenderPlan senders, ReintegrationSettings settings,
      Clock clock) {
    Regions regions = Regions.shared();
    SenderPlan routes = senders != null ? senders : SenderPlan.single("+10000000000", 1);
    return new Reintegration(new ReintegrationCases(jdbi, audit, clock),
        new CaseOpening(jdbi, regions, settings, audit, clock), new CaseAssignment(jdbi, regions, audit, clock),
        new CaseClosing(jdbi, settings, audit, clock), new Assessments(jdbi, audit, clock),
        new Needs(jdbi, audit, clock), new Referrals(jdbi, regions, settings, audit, clock),
        new CheckIns(jdbi, routes, audit, clock), new ReintegrationReports(jdbi, regions, clock), regions);
  }
}
