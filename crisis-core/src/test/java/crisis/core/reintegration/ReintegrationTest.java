package crisis.core.reintegration;

import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.PARIS_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.access.Actor;
import crisis.core.access.ForbiddenException;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.CrisisInputs;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.CrisisZone;
import crisis.core.crisis.ZoneInput;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.ZoneParser;
import crisis.core.places.Place;
import crisis.core.places.PlaceKind;
import crisis.core.places.PlaceService;
import crisis.core.registry.Consent;
import crisis.core.registry.ConsentMethod;
import crisis.core.registry.ConsentPurpose;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import crisis.core.registry.ZoneSearch;
import crisis.core.reintegration.ReintegrationCase.CheckInState;
import crisis.core.reintegration.ReintegrationCase.Member;
import crisis.core.reintegration.ReintegrationCase.Need;
import crisis.core.reintegration.ReintegrationCase.Partner;
import crisis.core.repatriation.EvacuationRequest;
import crisis.core.repatriation.RequestOpening;
import crisis.core.repatriation.Gate.Operation;
import crisis.core.repatriation.Gate.Type;
import crisis.core.repatriation.Repatriation;
import crisis.core.repatriation.RepatriationSettings;
import crisis.core.repatriation.TransportLeg;
import crisis.core.repatriation.TransportLegs;
import crisis.core.repatriation.Traveller;
import crisis.core.testing.ManualClock;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import crisis.core.users.UserService;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reintegration on a real PostgreSQL, from households that really went through the repatriation flow (request, plan,
 * gate, arrival), with a controllable clock.
 */
@Tag("db")
class ReintegrationTest {
  private static final Actor CASA_1 = new Actor("cw.casa1", Role.CASEWORKER, null, null, "127.0.0.1", "MA.06");
  private static final Actor CASA_2 = new Actor("cw.casa2", Role.CASEWORKER, null, null, "127.0.0.1", "MA.06");
  private static final Actor RABAT = new Actor("cw.rabat", Role.CASEWORKER, null, null, "127.0.0.1", "MA.04");
  private static final Set<ConsentPurpose> FULL = EnumSet.of(ConsentPurpose.CRISIS_CONTACT,
      ConsentPurpose.REPATRIATION, ConsentPurpose.REINTEGRATION_FOLLOW_UP, ConsentPurpose.SHARING_WITH_HOME_SERVICES);
  private static final Set<ConsentPurpose> NO_SHARING = EnumSet.of(ConsentPurpose.CRISIS_CONTACT,
      ConsentPurpose.REPATRIATION, ConsentPurpose.REINTEGRATION_FOLLOW_UP);
  private static final Set<ConsentPurpose> NO_FOLLOW_UP = EnumSet.of(ConsentPurpose.CRISIS_CONTACT,
      ConsentPurpose.REPATRIATION);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));
  private Jdbi jdbi;
  private RegistrationService registrations;
  private Repatriation rep;
  private Reintegration rei;
  private Crisis crisis;
  private Place gate;
  private int n = 1;

  @BeforeEach
  void start() {
    TestDatabase db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    AuditTrail audit = new AuditTrail(jdbi, clock);
    registrations = new RegistrationService(jdbi, new RegistrationValidator(), audit, java.time.Clock.systemUTC());
    CrisisService crises = new CrisisService(jdbi, new CrisisInputs(new ZoneParser(100_000),
        CountryBoundaries.shared()), clock);
    rep = Repatriation.build(jdbi, crises, new ZoneSearch(jdbi, audit), audit, null,
        RepatriationSettings.DEFAULTS, clock);
    rei = Reintegration.build(jdbi, audit, null, ReintegrationSettings.DEFAULTS, clock);
    crisis = crises.create(CRISIS_CELL, new CrisisDraft("Floods in Paris", "FLOOD", "SEVERE",
        List.of(new ZoneInput("Paris", null, new CrisisZone.Circle(48.8566, 2.3522, 20.0), null)), null,
        List.of(Map.of("fr", "Quittez les quais."))));
    crises.activate(CRISIS_CELL, crisis.id());
    gate = new PlaceService(jdbi, clock).create(CRISIS_CELL, new PlaceService.PlaceInput(PlaceKind.ASSEMBLY_POINT,
        "Gare de l'Est", 48.8768, 2.3592, "FR", null));
    UserService users = new UserService(jdbi);
    for (Actor a : List.of(CASA_1, CASA_2, RABAT)) {
      users.add(a.username(), "a long enough password".toCharArray(), Role.CASEWORKER, null, a.region());
    }
    users.add(PARIS_OFFICER.username(), "a long enough password".toCharArray(), Role.CONSULAR_OFFICER,
        PARIS_OFFICER.consulateId());
  }

  /** A household of Paris (the registrant, a child, a spouse) that was evacuated and landed in {@code city}. */
  private EvacuationRequest arrived(String city, Set<ConsentPurpose> consent) {
    EvacuationRequest q = registered(consent);
    // The household boards together: its members without documents get their laissez-passers first.
    for (Traveller t : q.travellers()) {
      if (!t.mayBoard()) {
        q = rep.requestChanges().issueLaissezPasser(PARIS_OFFICER, crisis.id(), q.id(), q.version(), t.id(),
            "LP-" + t.id().toString().substring(0, 8));
      }
    }
    EvacuationRequest household = q;
    TransportLeg leg = rep.legs().create(CRISIS_CELL, crisis.id(), new TransportLegs.LegInput(TransportLeg.Kind.FLIGHT,
        "RAM", "AT" + n, 10, 0, 0, clock.instant().plus(Duration.ofHours(6)), 60, "Europe/Paris", city,
        List.of(new TransportLegs.PointInput(gate.id(), 0, null, null)), PARIS_OFFICER.username()));
    String code = rep.planning().plan(CRISIS_CELL, crisis.id()).placements().stream()
        .filter(p -> p.requestId().equals(household.id())).findFirst().orElseThrow().boardingCode();
    for (Type t : List.of(Type.CHECK_IN, Type.BOARD, Type.DEPART, Type.ARRIVE)) {
      rep.gate().apply(PARIS_OFFICER, leg.id(), List.of(new Operation(UUID.randomUUID(), t,
          t == Type.CHECK_IN || t == Type.BOARD ? code : null, null, null)));
    }
    return rep.requests().get(CRISIS_CELL, crisis.id(), household.id());
  }

  private EvacuationRequest registered(Set<ConsentPurpose> consent) {
    RegistrationData d = Samples.parisian(n++);
    Registration r = registrations.create(PARIS_OFFICER, new RegistrationData(d.externalId(), d.givenNameLatin(),
        d.familyNameLatin(), d.givenNameArabic(), d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(),
        String.format("PP%06d", n), d.phone(), d.email(), d.preferredLanguage(), d.address(), d.location(),
        d.countryOfResidence(), d.consulateId(), d.residenceType(), d.stayPurpose(), d.arrivalDate(),
        d.departureDate(), d.household(), Set.of(), d.emergencyContact(),
        new Consent(consent, Instant.parse("2024-01-10T09:00:00Z"), ConsentMethod.IN_PERSON)));
    return rep.requestOpening().open(PARIS_OFFICER, crisis.id(),
        new RequestOpening.RequestInput(r.id(), null, Set.of(), null, null));
  }

  private java.util.Optional<CheckIns.Answered> reply(String phone, String body) {
    return jdbi.inTransaction(h -> CheckIns.answerFromReply(h, phone, body, clock.instant()));
  }

  /** The Casablanca case worker a case was given (the two share the region's cases). */
  private Actor workerOf(UUID caseId) {
    String name = jdbi.withHandle(h -> h.createQuery("SELECT caseworker FROM reintegration_case WHERE id = :id")
        .bind("id", caseId).mapTo(String.class).one());
    return name.equals(CASA_1.username()) ? CASA_1 : CASA_2;
  }

  private UUID open(EvacuationRequest q) {
    return jdbi.inTransaction(h -> rei.opening().openFromArrival(h, q.id())).orElseThrow();
  }

  @Test
  void anArrivalOpensOneCaseInItsRegionEvenWhenReplayedAndCaseWorkersShareTheLoad() {
    EvacuationRequest q = arrived("Casablanca (CMN)", FULL);
    UUID id = open(q);
    assertThat(open(q)).as("the same arrival again").isEqualTo(id);
    int cases = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM reintegration_case").mapTo(Integer.class)
        .one());
    assertThat(cases).isEqualTo(1);
    ReintegrationCase c = rei.cases().get(CASA_1, id);
    assertThat(c.region()).isEqualTo("MA.06");
    assertThat(c.placeName()).isEqualTo("Casablanca");
    assertThat(c.caseworker()).isEqualTo("cw.casa1");
    assertThat(c.requestId()).isEqualTo(q.id());
    assertThat(c.members()).extracting(Member::fullName)
        .containsExactly("Fatima El Amrani", "Youssef El Amrani", "Jean Dupont");
    assertThat(c.members().get(0).phone()).isEqualTo(q.phone());
    assertThat(c.checkIns()).extracting(ReintegrationCase.CheckIn::label)
        .containsExactly("1 week", "1 month", "3 months", "6 months");
    assertThat(c.checkIns().get(0).dueAt()).isEqualTo(c.arrivedAt().plus(Duration.ofDays(7)));
    assertThat(c.nextDueAt()).isEqualTo(c.checkIns().get(0).dueAt());

    // The next household of the region goes to the other case worker (fewest open cases); Tanger is MA.01's.
    UUID second = open(arrived("Casablanca", FULL));
    assertThat(rei.cases().get(CASA_2, second).caseworker()).isEqualTo("cw.casa2");
    UUID north = open(arrived("Tanger", FULL));
    assertThat(rei.cases().list(CRISIS_CELL, "MA.01", null, false, 10, 0)).singleElement()
        .satisfies(s -> assertThat(s.caseworker()).isNull());
    assertThat(north).isNotNull();

    // A request that has not arrived opens nothing.
    EvacuationRequest waiting = registered(FULL);
    java.util.Optional<UUID> none = jdbi.inTransaction(h -> rei.opening().openFromArrival(h, waiting.id()));
    assertThat(none).isEmpty();
  }

  @Test
  void aCaseWorkerOfAnotherRegionFindsNothingAndTheCrisisCellReadsNoContent() {
    UUID id = open(arrived("Casablanca", FULL));
    assertThatThrownBy(() -> rei.cases().get(RABAT, id)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> rei.needs().add(RABAT, id, new Needs.NeedInput(null, NeedKind.HOUSING, null)))
        .isInstanceOf(NotFoundException.class);
    assertThat(rei.cases().list(RABAT, null, null, false, 50, 0)).isEmpty();
    assertThat(rei.cases().list(RABAT, "MA.06", null, false, 50, 0)).isEmpty();
    assertThat(rei.cases().worklist(RABAT, 50, 0)).isEmpty();
    assertThat(rei.cases().list(CASA_2, null, null, false, 50, 0)).extracting(ReintegrationCase.Summary::id)
        .containsExactly(id);
    assertThatThrownBy(() -> rei.cases().get(CRISIS_CELL, id)).isInstanceOf(ForbiddenException.class);
    Actor noRegion = new Actor("cw.new", Role.CASEWORKER, null, null, "127.0.0.1", null);
    assertThatThrownBy(() -> rei.cases().get(noRegion, id)).isInstanceOf(NotFoundException.class);
    // The officer who evacuated them learns there is a case, not what is in it.
    ReintegrationCases.CaseStatus s = rei.cases().statusOfRequest(
        jdbi.withHandle(h -> h.createQuery("SELECT request_id FROM reintegration_case").mapTo(UUID.class).one()));
    assertThat(s.exists()).isTrue();
    assertThat(s.region()).isEqualTo("MA.06");
  }

  @Test
  void partnersUnresolvedCasesAndReportsFollowTheCaseWorkersRegion() {
    rei.referrals().addPartner(CRISIS_CELL, new Referrals.PartnerInput("MA.06", "Casa Logement", "casa@example.org",
        List.of(NeedKind.HOUSING)));
    rei.referrals().addPartner(CRISIS_CELL, new Referrals.PartnerInput("MA.04", "Rabat Emploi", "rabat@example.org",
        List.of(NeedKind.EMPLOYMENT)));
    Actor noRegion = new Actor("cw.new", Role.CASEWORKER, null, null, "127.0.0.1", null);
    assertThat(rei.referrals().partners(CRISIS_CELL, null)).hasSize(2);
    assertThat(rei.referrals().partners(CRISIS_CELL, "MA.04")).extracting(Partner::name)
        .containsExactly("Rabat Emploi");
    assertThat(rei.referrals().partners(CASA_1, null)).extracting(Partner::name).containsExactly("Casa Logement");
    assertThat(rei.referrals().partners(CASA_1, "MA.06")).extracting(Partner::name).containsExactly("Casa Logement");
    assertThat(rei.referrals().partners(CASA_1, "MA.04")).isEmpty();
    assertThat(rei.referrals().partners(noRegion, null)).isEmpty();

    UUID unresolved = open(arrived("Ifrane", FULL));  // two places of that name in two regions: not guessed
    assertThat(rei.cases().list(CRISIS_CELL, null, null, true, 50, 0)).extracting(ReintegrationCase.Summary::id)
        .containsExactly(unresolved);
    assertThat(rei.cases().list(CASA_1, null, null, true, 50, 0)).isEmpty();
    assertThat(rei.cases().list(noRegion, null, null, false, 50, 0)).isEmpty();
    assertThatThrownBy(() -> rei.reports().report(noRegion, null)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aCaseKeepsOnlyWhatPeopleConsentedToAndReferralsCarryNoPersonalDataWithoutSharing() {
    UUID none = open(arrived("Casablanca", NO_FOLLOW_UP));
    ReintegrationCase c = rei.cases().get(CASA_1, none);
    assertThat(c.members()).allSatisfy(m -> {
      assertThat(m.fullName()).isNull();
      assertThat(m.phone()).isNull();
      assertThat(m.dateOfBirth()).isNull();
    });
    assertThat(c.checkIns()).allSatisfy(k -> assertThat(k.bySms()).isFalse());

    Partner housing = rei.referrals().addPartner(CRISIS_CELL, new Referrals.PartnerInput("MA.06",
        "Programme logement Casablanca", "+212522000000", List.of(NeedKind.HOUSING)));
    UUID withoutSharing = open(arrived("Casablanca", NO_SHARING));
    UUID withSharing = open(arrived("Casablanca", FULL));
    for (UUID id : List.of(withoutSharing, withSharing)) {
      Actor worker = workerOf(id);
      Need need = rei.needs().add(worker, id, new Needs.NeedInput(null, NeedKind.HOUSING, "no home")).needs().get(0);
      ReintegrationCase referred = rei.referrals().refer(worker, id, new Referrals.ReferralInput(need.id(),
          housing.id(), "Social housing for a family of three"));
      assertThat(referred.needs().get(0).status()).isEqualTo(NeedStatus.REFERRED);
      Referrals.ForPartner sent = rei.referrals().forPartner(worker, id, referred.referrals().get(0).id());
      if (id.equals(withoutSharing)) {
        assertThat(referred.referrals().get(0).personalData()).isFalse();
        assertThat(sent.people()).isEmpty();
      } else {
        assertThat(referred.referrals().get(0).personalData()).isTrue();
        assertThat(sent.people()).hasSize(3).first().asString().startsWith("Fatima El Amrani, born 1985-03-14");
      }
      assertThat(sent.caseReference()).isEqualTo(id.toString());
    }
    // A partner of another region, or one that does not take the need, is refused.
    Partner rabat = rei.referrals().addPartner(CRISIS_CELL, new Referrals.PartnerInput("MA.04", "ANAPEC Rabat",
        "rabat@example.org", List.of(NeedKind.EMPLOYMENT)));
    Actor worker = workerOf(withSharing);
    UUID job = rei.needs().add(worker, withSharing, new Needs.NeedInput(1, NeedKind.EMPLOYMENT, null)).needs().stream()
        .filter(x -> x.kind() == NeedKind.EMPLOYMENT).findFirst().orElseThrow().id();
    assertThatThrownBy(() -> rei.referrals().refer(worker, withSharing, new Referrals.ReferralInput(job, rabat.id(),
        "a job"))).isInstanceOf(ValidationException.class).hasMessageContaining("partnerId");
    assertThatThrownBy(() -> rei.referrals().refer(worker, withSharing, new Referrals.ReferralInput(job,
        housing.id(), "a job"))).isInstanceOf(ValidationException.class).hasMessageContaining("does not take");
  }

  @Test
  void aReferralReminderFiresAfterItsDelayAndNotBeforeAndPutsTheCaseFirst() {
    UUID quiet = open(arrived("Casablanca", FULL));
    clock.advance(Duration.ofHours(1));
    UUID referred = open(arrived("Casablanca", FULL));
    Actor worker = workerOf(referred);
    // Both cases to the same worker, so that the list orders them.
    rei.assignment().assign(CRISIS_CELL, quiet, null, worker.username());
    Partner p = rei.referrals().addPartner(CRISIS_CELL, new Referrals.PartnerInput("MA.06", "Santé Casablanca",
        "sante@example.org", List.of(NeedKind.HEALTH_COVERAGE)));
    UUID need = rei.needs().add(worker, referred, new Needs.NeedInput(null, NeedKind.HEALTH_COVERAGE, null)).needs()
        .get(0).id();
    rei.referrals().refer(worker, referred, new Referrals.ReferralInput(need, p.id(), "AMO coverage"));
    Instant due = clock.instant().plus(ReintegrationSettings.DEFAULTS.referralReminderAfter());

    // Before the check-ins of a week: the quiet case's first check-in is due first.
    assertThat(rei.cases().worklist(worker, 10, 0)).extracting(ReintegrationCase.Summary::id)
        .containsExactly(quiet, referred);
    clock.set(due.minusSeconds(1));
    assertThat(rei.referrals().remindDue()).isZero();
    clock.set(due);
    assertThat(rei.referrals().remindDue()).isEqualTo(1);
    assertThat(rei.referrals().remindDue()).as("once").isZero();
    assertThat(rei.cases().get(worker, referred).referrals().get(0).remindedAt()).isEqualTo(due);
    // Answering it takes the reminder away from the list's order.
    rei.referrals().answer(worker, referred, rei.cases().get(worker, referred).referrals().get(0).id(),
        "enrolled in AMO");
    assertThat(rei.cases().get(worker, referred).nextDueAt()).isEqualTo(
        rei.cases().get(worker, referred).checkIns().get(0).dueAt());
  }

  @Test
  void overdueCasesComeFirstInTheCaseWorkersList() {
    UUID a = open(arrived("Casablanca", FULL));
    clock.advance(Duration.ofDays(2));
    UUID b = open(arrived("Casablanca", FULL));
    rei.assignment().assign(CRISIS_CELL, b, null, "cw.casa1");
    rei.assignment().assign(CRISIS_CELL, a, null, "cw.casa1");
    clock.advance(Duration.ofDays(6));  // a's first check-in (day 7) is overdue, b's (day 9) not yet
    List<ReintegrationCase.Summary> list = rei.cases().worklist(CASA_1, 10, 0);
    assertThat(list).extracting(ReintegrationCase.Summary::id).containsExactly(a, b);
    assertThat(list).extracting(ReintegrationCase.Summary::overdue).containsExactly(true, false);
  }

  @Test
  void anSmsDigitAnswersTheRightNeedOfTheRightCaseAndNothingWithoutAnOpenCheckIn() {
    EvacuationRequest qa = arrived("Casablanca", FULL);
    EvacuationRequest qb = arrived("Casablanca", FULL);
    UUID a = open(qa);
    UUID b = open(qb);
    Actor wa = workerOf(a);
    Actor wb = wa == CASA_1 ? CASA_2 : CASA_1;
    UUID school = rei.needs().add(wa, a, new Needs.NeedInput(2, NeedKind.SCHOOL_ENROLMENT, null)).needs().get(0).id();
    UUID housingB = rei.needs().add(wb, b, new Needs.NeedInput(null, NeedKind.HOUSING, null)).needs().get(0).id();

    // No check-in is open yet: "1" is nobody's answer here.
    assertThat(reply(qa.phone(), "1")).isEmpty();

    clock.advance(Duration.ofDays(7).plusMinutes(1));
    assertThat(rei.checkIns().sendDue()).isEqualTo(2);
    assertThat(rei.checkIns().sendDue()).isZero();
    List<Map<String, Object>> sent = jdbi.withHandle(h -> h.createQuery(
        "SELECT phone, body, language FROM sms_send WHERE kind = 'CHECK_IN' ORDER BY phone").mapToMap().list());
    assertThat(sent).hasSize(2);
    assertThat(sent).anySatisfy(m -> {
      assertThat(m.get("phone")).isEqualTo(qa.phone());
      assertThat(m.get("language")).isEqualTo("ar");
      assertThat((String) m.get("body")).isEqualTo(NeedKind.SCHOOL_ENROLMENT.question("ar"));
    });

    // "نعم" (yes) from A's phone: A's school need is met, B's housing untouched.
    assertThat(reply(qa.phone(), "نعم"))
        .hasValueSatisfying(x -> {
          assertThat(x.caseId()).isEqualTo(a);
          assertThat(x.needId()).isEqualTo(school);
          assertThat(x.answer()).isEqualTo(1);
        });
    ReintegrationCase ca = rei.cases().get(wa, a);
    assertThat(ca.needs().get(0).status()).isEqualTo(NeedStatus.MET);
    assertThat(ca.needs().get(0).metAt()).isEqualTo(clock.instant());
    assertThat(ca.checkIns().get(0).state()).isEqualTo(CheckInState.ANSWERED);
    assertThat(rei.cases().get(wb, b).needs()).singleElement()
        .satisfies(x -> assertThat(x.status()).isEqualTo(NeedStatus.IDENTIFIED));
    assertThat(housingB).isNotNull();
    // A second answer finds no open check-in; a phone never asked finds none either; words are not answers.
    assertThat(reply(qa.phone(), "1")).isEmpty();
    assertThat(reply("+33600000000", "1"))
        .isEmpty();
    assertThat(reply(qb.phone(), "bonjour"))
        .isEmpty();
    // An alert sent to B after the question: a digit may answer the alert, so it answers no check-in; an alert that
    // failed was not sent, and the digit answers the check-in again.
    clock.advance(Duration.ofMinutes(1));
    jdbi.useHandle(h -> h.createUpdate("""
        INSERT INTO sms_send (id, dedupe_key, kind, crisis_id, phone, language, sender, body, segments, state,
          next_attempt_at, created_at, sent_at)
        VALUES (gen_random_uuid(), 'alert-after-check-in', 'ALERT', :crisis, :phone, 'fr', 'test', 'Quittez les quais.',
          1, 'SENT', :at, :at, :at)""")
        .bind("crisis", crisis.id()).bind("phone", qb.phone()).bind("at", clock.instant()).execute());
    assertThat(reply(qb.phone(), "٢")).isEmpty();
    jdbi.useHandle(h -> h.execute("UPDATE sms_send SET state = 'FAILED' WHERE dedupe_key = 'alert-after-check-in'"));
    // "2" from B: the housing need stays, with the answer in its history.
    assertThat(reply(qb.phone(), "٢"))
        .hasValueSatisfying(x -> assertThat(x.answer()).isEqualTo(2));
    Need housing = rei.cases().get(wb, b).needs().get(0);
    assertThat(housing.status()).isEqualTo(NeedStatus.IDENTIFIED);
    assertThat(housing.history()).last().satisfies(x -> assertThat(x.note()).contains("answered 2"));
  }

  @Test
  void aClosedCaseKeepsItsScoresAndCanBeReopened() {
    UUID id = open(arrived("Casablanca", FULL));
    Actor w = workerOf(id);
    ReintegrationCase c = rei.cases().get(w, id);
    assertThatThrownBy(() -> rei.closing().close(w, id, c.version(), "settled", Map.of()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("indicators.INCOME");
    ReintegrationCase closed = rei.closing().close(w, id, c.version(), "settled", ScoresTest.example());
    assertThat(closed.state()).isEqualTo(ReintegrationCase.State.CLOSED);
    assertThat(closed.assessments()).singleElement().satisfies(x -> assertThat(x.scores())
        .isEqualTo(new Scores.Result(0.725, 0.781, 0.75, 0.752)));
    assertThat(closed.checkIns()).allSatisfy(k -> assertThat(k.state()).isEqualTo(CheckInState.CANCELLED));
    assertThat(closed.nextDueAt()).isNull();
    ReintegrationCase reopened = rei.closing().reopen(w, id, closed.version(), "lost the job");
    assertThat(reopened.state()).isEqualTo(ReintegrationCase.State.OPEN);
    // The follow-up resumes: the four check-ins still ahead are scheduled again, and the case has a next date.
    assertThat(reopened.checkIns()).hasSize(4)
        .allSatisfy(k -> assertThat(k.state()).isEqualTo(CheckInState.SCHEDULED));
    assertThat(reopened.nextDueAt()).isEqualTo(reopened.checkIns().get(0).dueAt());

    // Closed again and reopened after the last check-in's date: a new series starts from the reopening.
    ReintegrationCase again = rei.closing().close(w, id, reopened.version(), "settled again", ScoresTest.example());
    clock.advance(Duration.ofDays(200));
    ReintegrationCase late = rei.closing().reopen(w, id, again.version(), "evicted");
    assertThat(late.checkIns()).hasSize(8);
    assertThat(late.checkIns().subList(4, 8)).allSatisfy(k -> {
      assertThat(k.state()).isEqualTo(CheckInState.SCHEDULED);
      assertThat(k.dueAt()).isAfter(clock.instant());
    });
    assertThat(late.nextDueAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
  }

  @Test
  void reportsCountTheCasesCreatedWithoutPersonalData() {
    UUID a = open(arrived("Casablanca", FULL));
    UUID b = open(arrived("Rabat", FULL));
    open(arrived("Ifrane", FULL));  // two places of that name in two regions: not guessed
    Actor wa = workerOf(a);
    UUID need = rei.needs().add(wa, a, new Needs.NeedInput(null, NeedKind.HOUSING, null)).needs().get(0).id();
    rei.needs().add(RABAT, b, new Needs.NeedInput(null, NeedKind.EMPLOYMENT, null));
    clock.advance(Duration.ofDays(10));
    rei.needs().setStatus(wa, a, need, 1, NeedStatus.MET, "keys received");
    ReintegrationCase ca = rei.cases().get(wa, a);
    rei.closing().close(wa, a, ca.version(), "housed", ScoresTest.example());

    ReintegrationReports.Report all = rei.reports().report(CRISIS_CELL, null);
    assertThat(all.cases()).extracting(ReintegrationReports.RegionCount::region, ReintegrationReports.RegionCount::open,
        ReintegrationReports.RegionCount::closed, ReintegrationReports.RegionCount::unassigned)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("MA.04", 1L, 0L, 0L),
            org.assertj.core.api.Assertions.tuple("MA.06", 0L, 1L, 0L),
            org.assertj.core.api.Assertions.tuple(null, 1L, 0L, 1L));
    // The Rabat case's first check-in (day 7) is overdue at day 10; the closed case's were cancelled.
    assertThat(all.cases().get(0).overdueCheckIns()).isEqualTo(1);
    assertThat(all.needs()).extracting(ReintegrationReports.NeedCount::dimension,
        ReintegrationReports.NeedCount::status, ReintegrationReports.NeedCount::needs)
        .containsExactly(org.assertj.core.api.Assertions.tuple("ECONOMIC", "IDENTIFIED", 1L),
            org.assertj.core.api.Assertions.tuple("SOCIAL", "MET", 1L));
    assertThat(all.timeToMet()).singleElement().satisfies(t -> {
      assertThat(t.kind()).isEqualTo("HOUSING");
      assertThat(t.medianDays()).isEqualTo(10.0);
    });
    assertThat(all.scores().get(3).cases()).isEqualTo(1);
    assertThat(all.scores().get(3).median()).isEqualTo(0.752);
    assertThat(all.scores().get(3).bins()[7]).isEqualTo(1);
    String csv = ReintegrationReports.csv(all);
    assertThat(csv).contains("cases,MA.06,closed,1\n", "time_to_met,HOUSING,median_days,10.0\n")
        .doesNotContain("Fatima", "El Amrani", "+33");
    // A case worker reads its own region only.
    assertThat(rei.reports().report(RABAT, "MA.06").cases()).extracting(ReintegrationReports.RegionCount::region)
        .containsExactly("MA.04");
  }

  @Test
  void aCaseOpenedByHandRefusesWhatItCannotUseAndNamesTheField() {
    assertThatThrownBy(() -> rei.opening().open(CRISIS_CELL, new CaseOpening.CaseInput(" ", "MA.13", null,
        List.of(new CaseOpening.MemberInput(null, null, "Z", null, "0612", null, null, null)))))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(f -> f.field())
            .containsExactlyInAnyOrder("destinationCity", "region", "members[0].followUp", "members[0].sex",
                "members[0].phone"));
    ReintegrationCase c = rei.opening().open(CRISIS_CELL, new CaseOpening.CaseInput("مراكش", null, null,
        List.of(new CaseOpening.MemberInput(null, "Salma Idrissi", "F", null, "+212612345678", "ar", true,
            false))));
    assertThat(c.region()).isEqualTo("MA.07");
    assertThat(c.caseworker()).isNull();  // no case worker in Marrakesh-Safi yet
    assertThatThrownBy(() -> rei.opening().open(RABAT, new CaseOpening.CaseInput("Casablanca", null, null,
        List.of(new CaseOpening.MemberInput(null, null, null, null, null, null, false, false)))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("own region");
    // Pages are checked as every list's (PageRequest).
    assertThatThrownBy(() -> rei.cases().worklist(CASA_1, 0, 0)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> rei.cases().list(CRISIS_CELL, null, null, false, 50, -1))
        .isInstanceOf(ValidationException.class).hasMessageContaining("offset");
    // A case worker reads no registration, not even to open a case.
    UUID someone = registered(FULL).registrationId();
    assertThatThrownBy(() -> rei.opening().open(CASA_1, new CaseOpening.CaseInput("Casablanca", null, null,
        List.of(new CaseOpening.MemberInput(someone, null, null, null, null, null, null, null)))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("members[0].registrationId");
  }

  /** Indicators by name, for tests. */
  static Map<Scores.Indicator, String> indicators(Map<String, String> byName) {
    Map<Scores.Indicator, String> m = new EnumMap<>(Scores.Indicator.class);
    byName.forEach((k, v) -> m.put(Scores.Indicator.valueOf(k), v));
    return m;
  }
}
