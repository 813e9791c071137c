package crisis.core.reintegration;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.Json;
import crisis.core.common.ValidationException;
import crisis.core.outreach.Phrases;
import crisis.core.registry.Consent;
import crisis.core.registry.ConsentPurpose;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.reintegration.ReintegrationCase.Member;
import crisis.core.reintegration.db.ReintegrationDao;
import crisis.core.reintegration.db.ReintegrationDao.CaseRow;
import crisis.core.repatriation.EvacuationRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Opening reintegration cases: once per household that arrived home (from the {@code evacuations} topic; what it
 * starts from is asked of repatriation and the registry, {@link Arrivals}), or by hand
 * for people who came home on their own (the crisis cell, or a case worker in its own region). A case keeps of each
 * person what their consent lets it; its check-ins are scheduled ({@link CheckIns#schedule}) and it goes to the least
 * loaded case worker of its region ({@link CaseAssignment#leastLoaded}).
 */
public final class CaseOpening {
  /** Who opens the cases of arrivals (the audit trail's actor). */
  static final Actor ARRIVALS = Actor.system("reintegration");

  private final Jdbi jdbi;
  private final Regions regions;
  private final ReintegrationSettings settings;
  private final AuditTrail audit;
  private final Clock clock;

  public CaseOpening(Jdbi jdbi, Regions regions, ReintegrationSettings settings, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
  }

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
    List<Member> members = arrivedMembers(a, Arrivals.travellers(h, requestId));
    Instant now = clock.instant();
    UUID id = Ids.newId();
    Regions.Resolution where = regions.resolve(a.destinationCity());
    String region = where.found() ? where.place().region() : null;
    CaseRow row = new CaseRow(id, requestId, a.crisisId(), a.consulateId(), a.destinationCity(),
        where.found() ? where.place().name() : null, region, CaseAssignment.leastLoaded(h, region), ReintegrationCase.State.OPEN,
        a.arrivedAt(), now, ARRIVALS.username(), null, null, null, 1);
    if (dao.insertCase(row) == 0) {
      return dao.caseOfRequest(requestId).map(CaseRow::id);
    }
    dao.insertMembers(id, members);
    CheckIns.schedule(h, settings, row, members);
    audit.record(h, ARRIVALS, "REINTEGRATION_CASE_OPEN", ReintegrationCases.registrations(members), "case " + id
        + " from request " + requestId + (region == null ? "; region not resolved: " + where.reason() : " in "
        + region));
    return Optional.of(id);
  }

  /**
   * The members of an arrived household as far as their consent lets the case keep them: a registered traveller's
   * own consent; household members registered with the registrant (children, a spouse) have the registrant's, who
   * gave it for the household.
   */
  private static List<Member> arrivedMembers(Arrivals.Arrival a, List<Arrivals.Traveller> travellers) {
    Consent household = travellers.stream().filter(Arrivals.Traveller::main).findFirst()
        .map(t -> t.consent() == null ? null : Json.read(t.consent(), Consent.class)).orElse(null);
    List<Member> members = new ArrayList<>();
    for (Arrivals.Traveller t : travellers) {
      Consent consent = t.consent() != null ? Json.read(t.consent(), Consent.class)
          : t.registrationId() == null ? household : null;
      members.add(member(members.size() + 1, t.registrationId(), t.fullName(), t.sex(), t.dateOfBirth(),
          t.main() ? a.phone() : null, a.language(), consent));
    }
    return members;
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
    if (in == null) {
      throw new ValidationException("body", "is required");
    }
    Instant now = clock.instant();
    check(actor, in, now);
    Regions.Resolution where = regions.resolve(in.destinationCity());
    String region = in.region() != null ? in.region() : where.found() ? where.place().region() : null;
    if (!actor.seesRegion(region)) {
      throw new ValidationException("region", "a case worker opens cases of their own region ("
          + actor.region() + ")" + (where.found() ? "" : ": " + where.reason()));
    }
    return jdbi.inTransaction(h -> {
      List<Member> members = members(h, in.members());
      UUID id = Ids.newId();
      CaseRow row = new CaseRow(id, null, null, null, in.destinationCity().strip(),
          where.found() ? where.place().name() : null, region, CaseAssignment.leastLoaded(h, region), ReintegrationCase.State.OPEN,
          in.arrivedAt() != null ? in.arrivedAt() : now, now, actor.username(), null, null, null, 1);
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      dao.insertCase(row);
      dao.insertMembers(id, members);
      CheckIns.schedule(h, settings, row, members);
      audit.record(h, actor, "REINTEGRATION_CASE_OPEN", ReintegrationCases.registrations(members), "case " + id
          + " by hand");
      return ReintegrationCases.assemble(h, dao.findCase(id).orElseThrow());
    });
  }

  /** Refuses a case by hand that cannot be opened, naming every field at fault. */
  private void check(Actor actor, CaseInput in, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    if (in.destinationCity() == null || in.destinationCity().isBlank() || in.destinationCity().length() > 200) {
      errors.add(new FieldError("destinationCity", "is required, up to 200 characters"));
    }
    if (in.region() != null && !regions.exists(in.region())) {
      errors.add(new FieldError("region", "must be one of the kingdom's regions, MA.01 to MA.12"));
    }
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

  /** The members of a case by hand: a registered person from the registry, with its consent; the others as given. */
  private static List<Member> members(Handle h, List<MemberInput> in) {
    List<Member> members = new ArrayList<>();
    RegistrationDao registry = h.attach(RegistrationDao.class);
    for (int i = 0; i < in.size(); i++) {
      MemberInput m = in.get(i);
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
    return members;
  }

  /** A member as far as their consent lets the case keep them. */
  private static Member member(int seq, UUID registrationId, String fullName, String sex, LocalDate dateOfBirth,
      String phone, String language, Consent consent) {
    boolean followUp = consent != null && consent.purposes().contains(ConsentPurpose.REINTEGRATION_FOLLOW_UP);
    boolean sharing = followUp && consent.purposes().contains(ConsentPurpose.SHARING_WITH_HOME_SERVICES);
    return new Member(seq, registrationId, followUp ? fullName : null, followUp ? sex : null,
        followUp ? dateOfBirth : null, followUp ? phone : null, Phrases.languageOf(language), followUp, sharing);
  }
}
