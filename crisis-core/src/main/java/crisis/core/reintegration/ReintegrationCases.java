package crisis.core.reintegration;

import crisis.core.privacy.FieldCipher;
import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.NotFoundException;
import crisis.core.common.PageRequest;
import crisis.core.reintegration.ReintegrationCase.CheckIn;
import crisis.core.reintegration.ReintegrationCase.CheckInState;
import crisis.core.reintegration.ReintegrationCase.Member;
import crisis.core.reintegration.ReintegrationCase.Need;
import crisis.core.reintegration.ReintegrationCase.NeedChange;
import crisis.core.reintegration.ReintegrationCase.Referral;
import crisis.core.reintegration.ReintegrationCase.State;
import crisis.core.reintegration.ReintegrationCase.Summary;
import crisis.core.reintegration.db.ReintegrationDao;
import crisis.core.reintegration.db.ReintegrationDao.CaseRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reintegration cases as they are read: one case whole, the case worker's worklist, the lists without personal data,
 * and whether an evacuated household has a case. A case is read, and worked on, by the case workers of its region only
 * (a case of another region is not found, in lists too: {@link #workable}, {@link Actor#regionScope}); the crisis cell
 * reads lists and counts, never a case's content ({@link #readsContent}). Every read of a case is audited. Opening is
 * {@link CaseOpening}'s, assignment {@link CaseAssignment}'s, closing {@link CaseClosing}'s, assessments
 * {@link Assessments}'.
 */
public final class ReintegrationCases {
  private final Jdbi jdbi;
  private final AuditTrail audit;
  private final Clock clock;

  public ReintegrationCases(Jdbi jdbi, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** A case, whole, for a case worker of its region. */
  public ReintegrationCase get(Actor actor, UUID id) {
    return jdbi.inTransaction(h -> {
      CaseRow c = readable(h, actor, id);
      ReintegrationCase out = assemble(h, c);
      audit.record(h, actor, "READ_REINTEGRATION_CASE", registrations(out.members()), "case " + id);
      return out;
    });
  }

  /** The case worker's open cases, overdue check-ins and referrals first, then the next due, then the rest. */
  public List<Summary> worklist(Actor actor, int limit, int offset) {
    actor.require("have a list of cases", Role.CASEWORKER);
    PageRequest page = PageRequest.of(offset, limit);
    Instant now = clock.instant();
    return jdbi.withExtension(ReintegrationDao.class, dao -> dao.worklist(actor.username(), NeedStatus.openNames(),
        page.limit(), page.offset())).stream()
        .map(r -> summary(r, now)).toList();
  }

  /**
   * Cases without personal data: a case worker's region only (asking for another region finds none), any region for
   * the crisis cell; {@code unresolved}: only those whose region is not known yet (crisis cell).
   */
  public List<Summary> list(Actor actor, String region, State state, boolean unresolved, int limit, int offset) {
    actor.require("list reintegration cases", Role.CRISIS_CELL, Role.CASEWORKER);
    PageRequest page = PageRequest.of(offset, limit);
    Actor.RegionScope scope = actor.regionScope().narrowedTo(region);
    if (scope.none() || unresolved && !actor.seesRegion(null)) {
      return List.of();
    }
    Instant now = clock.instant();
    return jdbi.withExtension(ReintegrationDao.class, dao -> dao.ofRegion(scope.region(),
        state == null ? null : state.name(), unresolved, NeedStatus.openNames(), page.limit(), page.offset()))
        .stream().map(x -> summary(x, now)).toList();
  }

  /** Whether the household of an evacuation request has a case, and its state and region; never its content. */
  public record CaseStatus(boolean exists, UUID caseId, State state, String region) {}

  /** For the officer who evacuated them: the caller checks the officer may see the request. */
  public CaseStatus statusOfRequest(UUID requestId) {
    return jdbi.withExtension(ReintegrationDao.class, dao -> dao.caseOfRequest(requestId)
        .map(c -> new CaseStatus(true, c.id(), c.state(), c.region()))
        .orElse(new CaseStatus(false, null, null, null)));
  }

  /**
   * Whether the actor reads the content of a case of this region (its people, needs, check-ins): a case worker of
   * the region. The crisis cell, which opens and assigns cases, is answered with their id, region and state only.
   */
  public static boolean readsContent(Actor actor, String region) {
    return actor.role() == Role.CASEWORKER && actor.seesRegion(region);
  }

  private static Summary summary(ReintegrationDao.SummaryRow r, Instant now) {
    return new Summary(r.id(), r.region(), r.caseworker(), r.state(), r.destinationCity(), r.people(),
        r.openNeeds(), r.arrivedAt(), r.nextDueAt(), r.nextDueAt() != null && r.nextDueAt().isBefore(now),
        r.version());
  }

  /**
   * The case, locked when {@code lock}, if the actor may work on it: a case worker of its region. Any other case
   * worker, and a case worker without a region, find nothing.
   */
  static CaseRow workable(Handle h, Actor actor, UUID id, boolean lock) {
    actor.require("work on reintegration cases", Role.CASEWORKER);
    ReintegrationDao dao = h.attach(ReintegrationDao.class);
    CaseRow c = (lock ? dao.lockCase(id) : dao.findCase(id)).orElseThrow(() -> new NotFoundException("case " + id));
    if (!actor.seesRegion(c.region())) {
      throw new NotFoundException("case " + id);
    }
    return c;
  }

  private static CaseRow readable(Handle h, Actor actor, UUID id) {
    actor.require("read a reintegration case (the crisis cell reads counts)", Role.CASEWORKER);
    return workable(h, actor, id, false);
  }

  static ReintegrationCase assemble(Handle h, CaseRow c) {
    ReintegrationDao dao = h.attach(ReintegrationDao.class);
    FieldCipher cipher = FieldCipher.of(h);
    Map<UUID, List<NeedChange>> history = new HashMap<>();
    for (ReintegrationDao.HistoryRow r : dao.histories(c.id())) {
      history.computeIfAbsent(r.needId(), k -> new ArrayList<>())
          .add(new NeedChange(r.at(), r.by(), NeedStatus.valueOf(r.status()),
          cipher.open(FieldCipher.Field.NEED_HISTORY_NOTE, r.needId(), r.noteSealed())));
    }
    List<Need> needs = dao.needs(c.id()).stream().map(n -> new Need(n.id(), n.memberSeq(),
        NeedKind.Dimension.valueOf(n.dimension()), NeedKind.valueOf(n.kind()), NeedStatus.valueOf(n.status()),
        cipher.open(FieldCipher.Field.NEED_NOTES, n.id(), n.notesSealed()), n.identifiedAt(), n.statusAt(), n.metAt(), n.version(), history.getOrDefault(n.id(), List.of())))
        .toList();
    List<Referral> referrals = dao.referrals(c.id()).stream().map(r -> new Referral(r.id(), r.needId(),
        r.partnerId(), r.partnerName(),
        cipher.open(FieldCipher.Field.REFERRAL_ASKED, r.id(), r.askedSealed()), r.personalData(), r.sentAt(), r.sentBy(), r.remindAt(),
        r.remindedAt(), cipher.open(FieldCipher.Field.REFERRAL_ANSWER, r.id(), r.answerSealed()), r.answeredAt()))
        .toList();
    List<CheckIn> checkIns = dao.checkIns(c.id()).stream().map(k -> new CheckIn(k.id(), k.seq(), k.label(),
        k.dueAt(), k.state(), k.phone() != null, k.needId(), k.question(), k.sentAt(),
        k.answer(), k.answeredAt(), k.doneAt(), k.doneBy(),
        cipher.open(FieldCipher.Field.CHECK_IN_NOTES, k.id(), k.notesSealed()))).toList();
    List<ReintegrationCase.Assessment> assessments = dao.assessments(c.id()).stream()
        .map(Assessments::assessment).toList();
    return new ReintegrationCase(c.id(), c.requestId(), c.crisisId(), c.destinationCity(), c.placeName(), c.region(),
        c.caseworker(), c.state(), c.arrivedAt(), c.openedAt(), c.openedBy(), c.closedAt(),
        c.outcome(), c.nextDueAt(), c.version(), dao.members(c.id()), needs, referrals, checkIns, assessments);
  }

  static void requireVersion(CaseRow c, int expectedVersion) {
    if (c.version() != expectedVersion) {
      throw new ConflictException("version", "case " + c.id() + " is at version " + c.version() + ", not "
          + expectedVersion + ": read it again");
    }
  }

  /** The registrations among a case's members, for the audit trail. */
  static List<UUID> registrations(List<Member> members) {
    return members.stream().map(Member::registrationId).filter(java.util.Objects::nonNull).toList();
  }
}
