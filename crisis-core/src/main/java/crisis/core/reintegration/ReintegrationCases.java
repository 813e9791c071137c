package crisis.core.reintegration;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.Json;
import crisis.core.common.NotFoundException;
import crisis.core.common.PageRequest;
import crisis.core.common.ValidationException;
import crisis.core.outreach.Phrases;
import crisis.core.registry.Consent;
import crisis.core.registry.ConsentPurpose;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.reintegration.ReintegrationCase.Assessment;
import crisis.core.reintegration.ReintegrationCase.CheckIn;
import crisis.core.reintegration.ReintegrationCase.CheckInState;
import crisis.core.reintegration.ReintegrationCase.Member;
import crisis.core.reintegration.ReintegrationCase.Need;
import crisis.core.reintegration.ReintegrationCase.NeedChange;
import crisis.core.reintegration.ReintegrationCase.Referral;
import crisis.core.reintegration.ReintegrationCase.State;
import crisis.core.reintegration.ReintegrationCase.Summary;
import crisis.core.reintegration.db.ReintegrationDao;
import crisis.core.repatriation.EvacuationRequest;
import crisis.core.reintegration.db.ReintegrationDao.CaseRow;
import crisis.core.users.UserDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reintegration cases: opened once per household that arrived home (from the {@code evacuations} topic) or by hand;
 * read, and worked on, by the case workers of the case's region only (a case of another region is not found, in
 * lists too); the crisis cell opens cases, sets regions and reassigns, and reads counts, never a case's content.
 * Every read of a case is audited.
 */
public final class ReintegrationCases {
  /** Who opens the cases of arrivals (the audit trail's actor). */
  static final Actor ARRIVALS = Actor.system("reintegration");

  private final Jdbi jdbi;
  private final Regions regions;
  private final ReintegrationSettings settings;
  private final AuditTrail audit;
  private final Clock clock;

  public ReintegrationCases(Jdbi jdbi, Regions regions, ReintegrationSettings settings, AuditTrail audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
  }

  // --- opening

  /**
   * Opens the case of an evacuation request that arrived, in the caller's transaction; nothing when the request is
   * not ARRIVED or already has its case (a replayed arrival event opens nothing twice).
   *
   * @return the case's id, new or existing; empty when the request has not arrived
   */
  public Optional<UUID> openFromArrival(Handle h, UUID requestId) {
    ReintegrationDao dao = h.attach(ReintegrationDao.class);
    Optional<CaseRow> existing = dao.caseOfRequest(requestId);
    if (existing.isPresent()) {
      return Optional.of(existing.get().id());
    }
    Arrivals.Arrival a = Arrivals.arrival(h, requestId).orElse(null);
    if (a == null || a.state() != EvacuationRequest.State.ARRIVED) {
      return Optional.empty();
    }
    // A registered traveller's own consent; household members registered with the registrant (children, a
    // spouse) have the registrant's, who gave it for the household.
    List<Arrivals.Traveller> travellers = Arrivals.travellers(h, requestId);
    Consent household = travellers.stream().filter(Arrivals.Traveller::main).findFirst()
        .map(t -> t.consent() == null ? null : Json.read(t.consent(), Consent.class)).orElse(null);
    List<Member> members = new ArrayList<>();
    for (Arrivals.Traveller t : travellers) {
      Consent consent = t.consent() != null ? Json.read(t.consent(), Consent.class)
          : t.registrationId() == null ? household : null;
      members.add(member(members.size() + 1, t.registrationId(), t.fullName(), t.sex(), t.dateOfBirth(),
          t.main() ? a.phone() : null, a.language(), consent));
    }
    Instant now = clock.instant();
    UUID id = Ids.newId();
    Regions.Resolution where = regions.resolve(a.destinationCity());
    String region = where.found() ? where.place().region() : null;
    CaseRow row = new CaseRow(id, requestId, a.crisisId(), a.consulateId(), a.destinationCity(),
        where.found() ? where.place().name() : null, region, leastLoaded(h, region), "OPEN", a.arrivedAt(), now,
        ARRIVALS.username(), null, null, null, 1);
    if (dao.insertCase(row) == 0) {
      return dao.caseOfRequest(requestId).map(CaseRow::id);
    }
    dao.insertMembers(id, members);
    schedule(h, row, members);
    audit.record(h, ARRIVALS, "REINTEGRATION_CASE_OPEN", registrations(members), "case " + id + " from request "
        + requestId + (region == null ? "; region not resolved: " + where.reason() : " in " + region));
    return Optional.of(id);
  }

  /** A person who came home on their own: registered (details and consent from the registry) or not. */
  public record MemberInput(UUID registrationId, String fullName, String sex, LocalDate dateOfBirth, String phone,
      String language, Boolean followUp, Boolean sharing) {}

  /**
   * A case opened by hand.
   *
   * @param region the region, when the destination alone does not tell it (else resolved from the city)
   */
  public record CaseInput(String destinationCity, String region, Instant arrivedAt, List<MemberInput> members) {}

  public ReintegrationCase open(Actor actor, CaseInput in) {
    actor.require("open reintegration cases", Role.CRISIS_CELL, Role.CASEWORKER);
    List<FieldError> errors = new ArrayList<>();
    if (in == null) {
      throw new ValidationException("body", "is required");
    }
    if (in.destinationCity() == null || in.destinationCity().isBlank() || in.destinationCity().length() > 200) {
      errors.add(new FieldError("destinationCity", "is required, up to 200 characters"));
    }
    if (in.region() != null && !regions.exists(in.region())) {
      errors.add(new FieldError("region", "must be one of the kingdom's regions, MA.01 to MA.12"));
    }
    Instant now = clock.instant();
    if (in.arrivedAt() != null && in.arrivedAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
      errors.add(new FieldError("arrivedAt", "is in the future"));
    }
    if (in.members() == null || in.members().isEmpty() || in.members().size() > 30) {
      errors.add(new FieldError("members", "1 to 30 people are required"));
    } else {
      for (int i = 0; i < in.members().size(); i++) {
        checkMember("members[" + i + "]", in.members().get(i), errors);
        if (actor.role() == Role.CASEWORKER && in.members().get(i) != null
            && in.members().get(i).registrationId() != null) {
          // Case workers read no registration: the people's details are taken at intake.
          errors.add(new FieldError("members[" + i + "].registrationId",
              "only the crisis cell opens a case from a registration; give the person's details"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Regions.Resolution where = regions.resolve(in.destinationCity());
    String region = in.region() != null ? in.region() : where.found() ? where.place().region() : null;
    if (!actor.seesRegion(region)) {
      throw new ValidationException("region", "a case worker opens cases of their own region ("
          + actor.region() + ")" + (where.found() ? "" : ": " + where.reason()));
    }
    return jdbi.inTransaction(h -> {
      List<Member> members = new ArrayList<>();
      RegistrationDao registry = h.attach(RegistrationDao.class);
      for (int i = 0; i < in.members().size(); i++) {
        MemberInput m = in.members().get(i);
        if (m.registrationId() != null) {
          Registration r = registry.find(m.registrationId()).orElseThrow(() -> new ValidationException(
              "members.registrationId", "no registration " + m.registrationId()));
          RegistrationData d = r.data();
          members.add(member(i + 1, r.id(), (d.givenNameLatin() + " " + d.familyNameLatin()).strip(),
              d.sex() == null ? null : d.sex().name(), d.dateOfBirth(), d.phone(),
              d.preferredLanguage() == null ? null : d.preferredLanguage().name().toLowerCase(java.util.Locale.ROOT),
              d.consent()));
        } else {
          boolean followUp = Boolean.TRUE.equals(m.followUp());
          members.add(new Member(i + 1, null, followUp ? m.fullName().strip() : null, followUp ? m.sex() : null,
              followUp ? m.dateOfBirth() : null, followUp ? m.phone() : null,
              Phrases.languageOf(m.language()), followUp, followUp && Boolean.TRUE.equals(m.sharing())));
        }
      }
      UUID id = Ids.newId();
      CaseRow row = new CaseRow(id, null, null, null, in.destinationCity().strip(),
          where.found() ? where.place().name() : null, region, leastLoaded(h, region), "OPEN",
          in.arrivedAt() != null ? in.arrivedAt() : now, now, actor.username(), null, null, null, 1);
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      dao.insertCase(row);
      dao.insertMembers(id, members);
      schedule(h, row, members);
      audit.record(h, actor, "REINTEGRATION_CASE_OPEN", registrations(members), "case " + id + " by hand");
      return assemble(h, dao.findCase(id).orElseThrow());
    });
  }

  private static void checkMember(String f, MemberInput m, List<FieldError> errors) {
    if (m == null) {
      errors.add(new FieldError(f, "is required"));
      return;
    }
    if (m.registrationId() != null) {
      return;
    }
    if (m.followUp() == null) {
      errors.add(new FieldError(f + ".followUp", "is required for a person not registered: whether they consent "
          + "to REINTEGRATION_FOLLOW_UP"));
    }
    if (Boolean.TRUE.equals(m.followUp()) && (m.fullName() == null || m.fullName().isBlank()
        || m.fullName().length() > 200)) {
      errors.add(new FieldError(f + ".fullName", "is required, up to 200 characters"));
    }
    if (m.sex() != null && !m.sex().matches("[FMX]")) {
      errors.add(new FieldError(f + ".sex", "must be F, M or X"));
    }
    if (m.phone() != null && !m.phone().matches("\\+[1-9][0-9]{6,14}")) {
      errors.add(new FieldError(f + ".phone", "must be E.164, e.g. +212612345678"));
    }
  }

  /** A member as far as their consent lets the case keep them. */
  private static Member member(int seq, UUID registrationId, String fullName, String sex, LocalDate dateOfBirth,
      String phone, String language, Consent consent) {
    boolean followUp = consent != null && consent.purposes().contains(ConsentPurpose.REINTEGRATION_FOLLOW_UP);
    boolean sharing = followUp && consent.purposes().contains(ConsentPurpose.SHARING_WITH_HOME_SERVICES);
    return new Member(seq, registrationId, followUp ? fullName : null, followUp ? sex : null,
        followUp ? dateOfBirth : null, followUp ? phone : null, Phrases.languageOf(language), followUp, sharing);
  }

  /** The check-ins after arrival; by SMS to the first member with a phone they consented to be followed on. */
  private void schedule(Handle h, CaseRow c, List<Member> members) {
    schedule(h, c, members, c.arrivedAt(), 1);
  }

  /** The check-ins at the configured delays after {@code from}, numbered from {@code firstSeq}. */
  private void schedule(Handle h, CaseRow c, List<Member> members, Instant from, int firstSeq) {
    Member contact = members.stream().filter(m -> m.followUp() && m.phone() != null).findFirst().orElse(null);
    List<ReintegrationDao.CheckInRow> rows = new ArrayList<>();
    int seq = firstSeq;
    for (Duration after : settings.checkInsAfter()) {
      rows.add(new ReintegrationDao.CheckInRow(Ids.newId(), c.id(), seq++, ReintegrationSettings.label(after),
          from.plus(after), "SCHEDULED", contact == null ? null : contact.phone(),
          contact == null ? null : contact.language(), null, null, null, null, null, null, null, null));
    }
    h.attach(ReintegrationDao.class).insertCheckIns(rows);
  }

  private static String leastLoaded(Handle h, String region) {
    if (region == null) {
      return null;
    }
    List<String> workers = h.attach(UserDao.class).caseworkers(region);
    Map<String, Integer> load = new HashMap<>();
    h.attach(ReintegrationDao.class).openCaseLoads(workers.toArray(String[]::new))
        .forEach(l -> load.put(l.caseworker(), l.openCases()));
    // The fewest open cases, then the first by name (the list is by name; min keeps the first of equals).
    return workers.stream().min(Comparator.comparingInt(w -> load.getOrDefault(w, 0))).orElse(null);
  }

  private static List<UUID> registrations(List<Member> members) {
    return members.stream().map(Member::registrationId).filter(java.util.Objects::nonNull).toList();
  }

  // --- reading

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
    if (actor.role() == Role.CASEWORKER) {
      if (actor.region() == null || (region != null && !region.equals(actor.region())) || unresolved) {
        return List.of();
      }
      region = actor.region();
    }
    String r = region;
    Instant now = clock.instant();
    return jdbi.withExtension(ReintegrationDao.class, dao -> dao.ofRegion(r, state == null ? null : state.name(),
        unresolved, NeedStatus.openNames(), page.limit(), page.offset())).stream().map(x -> summary(x, now))
        .toList();
  }

  /** Whether the household of an evacuation request has a case, and its state and region; never its content. */
  public record CaseStatus(boolean exists, UUID caseId, State state, String region) {}

  /** For the officer who evacuated them: the caller checks the officer may see the request. */
  public CaseStatus statusOfRequest(UUID requestId) {
    return jdbi.withExtension(ReintegrationDao.class, dao -> dao.caseOfRequest(requestId)
        .map(c -> new CaseStatus(true, c.id(), State.valueOf(c.state()), c.region()))
        .orElse(new CaseStatus(false, null, null, null)));
  }

  private static Summary summary(ReintegrationDao.SummaryRow r, Instant now) {
    return new Summary(r.id(), r.region(), r.caseworker(), State.valueOf(r.state()), r.destinationCity(), r.people(),
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
    if (actor.region() == null || !actor.region().equals(c.region())) {
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
    Map<UUID, List<NeedChange>> history = new HashMap<>();
    for (ReintegrationDao.HistoryRow r : dao.histories(c.id())) {
      history.computeIfAbsent(r.needId(), k -> new ArrayList<>())
          .add(new NeedChange(r.at(), r.by(), NeedStatus.valueOf(r.status()), r.note()));
    }
    List<Need> needs = dao.needs(c.id()).stream().map(n -> new Need(n.id(), n.memberSeq(),
        NeedKind.Dimension.valueOf(n.dimension()), NeedKind.valueOf(n.kind()), NeedStatus.valueOf(n.status()),
        n.notes(), n.identifiedAt(), n.statusAt(), n.metAt(), n.version(), history.getOrDefault(n.id(), List.of())))
        .toList();
    List<Referral> referrals = dao.referrals(c.id()).stream().map(r -> new Referral(r.id(), r.needId(),
        r.partnerId(), r.partnerName(), r.asked(), r.personalData(), r.sentAt(), r.sentBy(), r.remindAt(),
        r.remindedAt(), r.answer(), r.answeredAt())).toList();
    List<CheckIn> checkIns = dao.checkIns(c.id()).stream().map(k -> new CheckIn(k.id(), k.seq(), k.label(),
        k.dueAt(), CheckInState.valueOf(k.state()), k.phone() != null, k.needId(), k.question(), k.sentAt(),
        k.answer(), k.answeredAt(), k.doneAt(), k.doneBy(), k.notes())).toList();
    List<Assessment> assessments = dao.assessments(c.id()).stream().map(ReintegrationCases::assessment).toList();
    return new ReintegrationCase(c.id(), c.requestId(), c.crisisId(), c.destinationCity(), c.placeName(), c.region(),
        c.caseworker(), State.valueOf(c.state()), c.arrivedAt(), c.openedAt(), c.openedBy(), c.closedAt(),
        c.outcome(), c.nextDueAt(), c.version(), dao.members(c.id()), needs, referrals, checkIns, assessments);
  }

  private static Assessment assessment(ReintegrationDao.AssessmentRow r) {
    Map<String, String> raw = Json.read(r.indicators(),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    Map<Scores.Indicator, String> indicators = new EnumMap<>(Scores.Indicator.class);
    raw.forEach((k, v) -> indicators.put(Scores.Indicator.valueOf(k), v));
    return new Assessment(r.id(), Assessment.Kind.valueOf(r.kind()), indicators,
        new Scores.Result(r.economic(), r.social(), r.psychosocial(), r.composite()), r.at(), r.by());
  }

  // --- assignment, closing, reopening

  /**
   * Sets the region (crisis cell) and the case worker (the crisis cell, or a case worker of the region); with no
   * case worker named, the least loaded of the region.
   */
  public ReintegrationCase assign(Actor actor, UUID id, String region, String caseworker) {
    actor.require("assign reintegration cases", Role.CRISIS_CELL, Role.CASEWORKER);
    if (region != null && !regions.exists(region)) {
      throw new ValidationException("region", "must be one of the kingdom's regions, MA.01 to MA.12");
    }
    return jdbi.inTransaction(h -> {
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      CaseRow c;
      if (actor.role() == Role.CASEWORKER) {
        c = workable(h, actor, id, true);
        if (region != null && !region.equals(c.region())) {
          throw new ValidationException("region", "only the crisis cell moves a case to another region");
        }
      } else {
        c = dao.lockCase(id).orElseThrow(() -> new NotFoundException("case " + id));
      }
      String to = region != null ? region : c.region();
      if (to == null) {
        throw new ValidationException("region", "is required: the destination did not tell it");
      }
      String worker = caseworker;
      if (worker != null) {
        var u = h.attach(UserDao.class).find(worker).filter(x -> x.role() == Role.CASEWORKER && !x.disabled());
        if (u.isEmpty() || !to.equals(u.get().region())) {
          throw new ValidationException("caseworker", "no enabled case worker '" + worker + "' in " + to);
        }
      } else {
        worker = leastLoaded(h, to);
      }
      dao.assign(id, to, worker, clock.instant());
      audit.record(h, actor, "REINTEGRATION_CASE_ASSIGN", List.of(), "case " + id + " to " + to + " / " + worker);
      return actor.role() == Role.CASEWORKER ? assemble(h, dao.findCase(id).orElseThrow()) : null;
    });
  }

  /** Closes the case with its outcome and the closing assessment; its check-ins still scheduled are cancelled. */
  public ReintegrationCase close(Actor actor, UUID id, int expectedVersion, String outcome,
      Map<Scores.Indicator, String> indicators) {
    if (outcome == null || outcome.isBlank() || outcome.length() > 2000) {
      throw new ValidationException("outcome", "is required, up to 2,000 characters");
    }
    Scores.Result scores = Scores.score(indicators);
    return jdbi.inTransaction(h -> {
      CaseRow c = workable(h, actor, id, true);
      requireVersion(c, expectedVersion);
      if (State.valueOf(c.state()) == State.CLOSED) {
        throw new ConflictException("state", "case " + id + " is closed already");
      }
      Instant now = clock.instant();
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      insertAssessment(h, c.id(), Assessment.Kind.CLOSURE, indicators, scores, actor, now);
      dao.cancelScheduled(id);
      dao.setState(id, "CLOSED", now, actor.username(), outcome.strip(), now);
      audit.record(h, actor, "REINTEGRATION_CASE_CLOSE", List.of(), "case " + id + ", composite "
          + scores.composite());
      return assemble(h, dao.findCase(id).orElseThrow());
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
      CaseRow c = workable(h, actor, id, true);
      requireVersion(c, expectedVersion);
      if (State.valueOf(c.state()) == State.OPEN) {
        throw new ConflictException("state", "case " + id + " is open");
      }
      Instant now = clock.instant();
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      dao.setState(id, "OPEN", null, null, null, now);
      // The follow-up resumes: the check-ins cancelled at closing that are still ahead are scheduled again; when
      // none is, a new series starts from today.
      if (dao.restoreCancelled(id, now) == 0) {
        int next = dao.checkIns(id).stream().mapToInt(ReintegrationDao.CheckInRow::seq).max().orElse(0) + 1;
        schedule(h, c, dao.members(id), now, next);
      }
      audit.record(h, actor, "REINTEGRATION_CASE_REOPEN", List.of(), "case " + id + ": " + reason.strip());
      return assemble(h, dao.findCase(id).orElseThrow());
    });
  }

  /** Records a follow-up assessment and its scores. */
  public ReintegrationCase assess(Actor actor, UUID id, Map<Scores.Indicator, String> indicators) {
    Scores.Result scores = Scores.score(indicators);
    return jdbi.inTransaction(h -> {
      CaseRow c = workable(h, actor, id, true);
      insertAssessment(h, c.id(), Assessment.Kind.FOLLOW_UP, indicators, scores, actor, clock.instant());
      audit.record(h, actor, "REINTEGRATION_ASSESSMENT", List.of(), "case " + id + ", composite "
          + scores.composite());
      return assemble(h, h.attach(ReintegrationDao.class).findCase(id).orElseThrow());
    });
  }

  private static void insertAssessment(Handle h, UUID caseId, Assessment.Kind kind,
      Map<Scores.Indicator, String> indicators, Scores.Result s, Actor actor, Instant now) {
    Map<String, String> raw = new java.util.TreeMap<>();
    indicators.forEach((k, v) -> raw.put(k.name(), v));
    h.attach(ReintegrationDao.class).insertAssessment(new ReintegrationDao.AssessmentRow(Ids.newId(), caseId,
        kind.name(), Json.write(raw), s.economic(), s.social(), s.psychosocial(), s.composite(), now,
        actor.username()));
  }

  static void requireVersion(CaseRow c, int expectedVersion) {
    if (c.version() != expectedVersion) {
      throw new ConflictException("version", "case " + c.id() + " is at version " + c.version() + ", not "
          + expectedVersion + ": read it again");
    }
  }
}
