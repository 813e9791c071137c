package crisis.core.retention;

import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.PARIS_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.CrisisInputs;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.CrisisZone;
import crisis.core.crisis.ZoneInput;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.ZoneParser;
import crisis.core.outreach.OutreachService;
import crisis.core.places.Place;
import crisis.core.places.PlaceKind;
import crisis.core.places.PlaceService;
import crisis.core.privacy.PersonalData;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import crisis.core.registry.ZoneSearch;
import crisis.core.reintegration.NeedKind;
import crisis.core.reintegration.Needs;
import crisis.core.reintegration.Referrals;
import crisis.core.reintegration.Reintegration;
import crisis.core.reintegration.ReintegrationCase;
import crisis.core.reintegration.ReintegrationSettings;
import crisis.core.reintegration.Scores;
import crisis.core.repatriation.EvacuationRequest;
import crisis.core.repatriation.Gate.Operation;
import crisis.core.repatriation.Gate.Type;
import crisis.core.repatriation.Repatriation;
import crisis.core.repatriation.RepatriationSettings;
import crisis.core.repatriation.RequestOpening;
import crisis.core.repatriation.TransportLeg;
import crisis.core.repatriation.TransportLegs;
import crisis.core.repatriation.Traveller;
import crisis.core.repatriation.remains.RemainsCase;
import crisis.core.repatriation.remains.RemainsCase.DocumentKind;
import crisis.core.repatriation.remains.RemainsCase.DocumentState;
import crisis.core.repatriation.remains.RemainsCase.Status;
import crisis.core.repatriation.remains.RemainsCases;
import crisis.core.repatriation.remains.RemainsProgress;
import crisis.core.testing.CoreOwners;
import crisis.core.testing.ManualClock;
import crisis.core.testing.OutreachRows;
import crisis.core.citizen.PhoneProofs;
import crisis.core.citizen.SmsDeclarations;
import crisis.core.geo.Gazetteer;
import crisis.core.registry.PendingRegistrations;
import crisis.core.outreach.SenderPlan;
import crisis.core.testing.PersonTraces;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import crisis.core.users.UserService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Records of the State's assistance and their legal period (issue 31), through the services that write them: a
 * household alerted, evacuated through the gate and followed at home until its case closed, and a national who died
 * abroad and whose remains were handed over. Every table an owner of personal data claims then holds a row; the
 * records and the people they name are kept through the last day of the period and gone, everywhere, the day after
 * it, in one run; a second run does nothing.
 */
@Tag("db")
class RecordsRetentionTest {
  private static final Actor CASA = new Actor("cw.casa1", Role.CASEWORKER, null, null, "127.0.0.1", "MA.06");
  /** Tables an owner claims that the purge does not empty, and why. */
  private static final Map<String, String> NOT_EMPTIED = Map.of(
      "transport_leg", "no national: a leg, its staff",
      "leg_assembly_point", "no person: a place",
      "reintegration_partner", "no national: partners' offices",
      "audit_event", "append-only evidence, outside the purge (ids only)",
      "import_run", "no person: a run's file name, hash and counts",
      "import_mapping", "no person: a consulate's header names",
      "sms_status_early", "no person: a gateway id and a status, for an hour",
      "sms_opt_out", "a STOP outlives the person, so that the phone is never sent to again (RetentionPurgeTest)");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));
  private TestDatabase db;
  private Jdbi jdbi;
  private RegistrationService registrations;
  private CrisisService crises;
  private Repatriation rep;
  private Reintegration rei;
  private RetentionPurge purge;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    AuditTrail audit = new AuditTrail(jdbi, clock);
    registrations = new RegistrationService(jdbi, new RegistrationValidator(), audit, clock);
    crises = new CrisisService(jdbi, new CrisisInputs(new ZoneParser(100_000), CountryBoundaries.shared()), clock);
    rep = Repatriation.build(jdbi, crises, new ZoneSearch(jdbi, audit), audit, null, RepatriationSettings.DEFAULTS,
        clock);
    rei = Reintegration.build(jdbi, audit, null, ReintegrationSettings.DEFAULTS, clock);
    UserService users = new UserService(jdbi);
    users.add(CASA.username(), "a long enough password".toCharArray(), Role.CASEWORKER, null, CASA.region());
    users.add(PARIS_OFFICER.username(), "a long enough password".toCharArray(), Role.CONSULAR_OFFICER,
        PARIS_OFFICER.consulateId());
    purge = CoreOwners.purge(jdbi, clock, audit);
  }

  @AfterEach
  void stop() {
    db.drop();
  }

  private Crisis floods() {
    Crisis c = crises.create(CRISIS_CELL, new CrisisDraft("Crue de la Seine", "FLOOD", "SEVERE",
        List.of(new ZoneInput("Paris", null, new CrisisZone.Circle(48.8566, 2.3522, 20.0), null)), null,
        List.of(Map.of("fr", "Quittez les quais."))));
    return crises.activate(CRISIS_CELL, c.id());
  }

  /**
   * The household of {@code r}, alerted, evacuated to Casablanca through the gate and followed there, its case closed
   * a day later when {@code close}; the case.
   */
  private UUID evacuatedAndFollowed(Crisis crisis, Registration r, boolean close) {
    UUID help = OutreachRows.alertedAndAskedForHelp(jdbi, crisis, r, "Quittez les quais avant 18 h.",
        clock.instant());
    EvacuationRequest q = rep.requestOpening().open(PARIS_OFFICER, crisis.id(),
        new RequestOpening.RequestInput(null, help, Set.of(), null, null));
    new OutreachService(jdbi, new AuditTrail(jdbi, clock), clock, null).close(PARIS_OFFICER, help,
        "Demande d'évacuation ouverte pour le foyer");
    for (Traveller t : q.travellers()) {
      if (!t.mayBoard()) {
        q = rep.requestChanges().issueLaissezPasser(PARIS_OFFICER, crisis.id(), q.id(), q.version(), t.id(),
            "LP-" + t.id().toString().substring(0, 8));
      }
    }
    UUID household = q.id();
    Place gate = new PlaceService(jdbi, clock).create(CRISIS_CELL, new PlaceService.PlaceInput(
        PlaceKind.ASSEMBLY_POINT, "Gare de l'Est", 48.8768, 2.3592, "FR", null));
    TransportLeg leg = rep.legs().create(CRISIS_CELL, crisis.id(), new TransportLegs.LegInput(
        TransportLeg.Kind.FLIGHT, "RAM", "AT 781", 10, 0, 0, clock.instant().plus(Duration.ofHours(6)), 60,
        "Europe/Paris", "Casablanca (CMN)", List.of(new TransportLegs.PointInput(gate.id(), 0, null, null)),
        PARIS_OFFICER.username()));
    String code = rep.planning().plan(CRISIS_CELL, crisis.id()).placements().stream()
        .filter(p -> p.requestId().equals(household)).findFirst().orElseThrow().boardingCode();
    for (Type t : List.of(Type.CHECK_IN, Type.BOARD, Type.DEPART, Type.ARRIVE)) {
      rep.gate().apply(PARIS_OFFICER, leg.id(), List.of(new Operation(UUID.randomUUID(), t,
          t == Type.CHECK_IN || t == Type.BOARD ? code : null, null, null)));
    }
    UUID id = jdbi.inTransaction(h -> rei.opening().openFromArrival(h, household)).orElseThrow();
    ReintegrationCase.Partner housing = rei.referrals().addPartner(CRISIS_CELL, new Referrals.PartnerInput("MA.06",
        "Programme logement Casablanca", "+212522000000", List.of(NeedKind.HOUSING)));
    ReintegrationCase.Need need = rei.needs().add(CASA, id, new Needs.NeedInput(null, NeedKind.HOUSING,
        "Hébergés chez un cousin, trois personnes dans une pièce")).needs().get(0);
    rei.referrals().refer(CASA, id, new Referrals.ReferralInput(need.id(), housing.id(), "Logement social"));
    clock.advance(Duration.ofDays(1));
    if (!close) {
      return id;
    }
    Map<Scores.Indicator, String> answers = new EnumMap<>(Scores.Indicator.class);
    for (Scores.Indicator i : Scores.Indicator.values()) {
      answers.put(i, i.answers().get(i.answers().size() - 1));
    }
    rei.closing().close(CASA, id, rei.cases().get(CASA, id).version(), "relogés", answers);
    return id;
  }

  /** A remains case for {@code deceased}, from the death to the family at home. */
  private void handedOver(Registration deceased) {
    RemainsProgress progress = new RemainsProgress(jdbi, new AuditTrail(jdbi, clock), clock);
    RemainsCase c = new RemainsCases(jdbi, new AuditTrail(jdbi, clock), clock).open(PARIS_OFFICER,
        new RemainsCases.CaseInput(deceased.id(), null, null, null, LocalDate.of(2026, 11, 29),
            "Hôpital Lariboisière, Paris", "FR", null, "Ahmed El Amrani", "+212 522 123456", "frère", "Fès"));
    for (DocumentKind k : DocumentKind.values()) {
      c = progress.setDocument(PARIS_OFFICER, c.id(), c.version(), k, DocumentState.ISSUED, "N° 2026-" + k.ordinal());
    }
    c = progress.advance(PARIS_OFFICER, c.id(), c.version(), Status.CLEARED_FOR_TRANSPORT);
    c = progress.setTransport(PARIS_OFFICER, c.id(), c.version(), new RemainsCase.Transport("FLIGHT",
        "Royal Air Maroc", "AT 781", clock.instant().plus(Duration.ofHours(20))));
    c = progress.addCost(PARIS_OFFICER, c.id(), c.version(), new RemainsProgress.CostInput("Fret aérien", "1850.50",
        "EUR", RemainsCase.BorneBy.STATE));
    c = progress.advance(PARIS_OFFICER, c.id(), c.version(), Status.IN_TRANSIT);
    progress.advance(PARIS_OFFICER, c.id(), c.version(), Status.HANDED_OVER);
  }

  private UUID requestOf(UUID caseId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT request_id FROM reintegration_case WHERE id = :id")
        .bind("id", caseId).mapTo(UUID.class).one());
  }

  /** Records of the outbox for an aggregate (no relay runs here: they stay). */
  private long outbox(String aggregate, UUID id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM outbox WHERE aggregate = :a AND aggregate_id = :id")
        .bind("a", aggregate).bind("id", id).mapTo(Long.class).one());
  }

  /** Rows of each table the owners claim. */
  private Map<String, Long> rowsOfClaimedTables() {
    Map<String, Long> rows = new TreeMap<>();
    for (PersonalData o : purge.owners()) {
      for (String t : o.tables().keySet()) {
        rows.put(t, jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + t).mapTo(Long.class).one()));
      }
    }
    return rows;
  }

  @Test
  void recordsOfAssistanceAndThePeopleTheyNameGoTheDayAfterTheirLegalPeriodEverywhere() {
    Crisis crisis = floods();
    Registration returned = registrations.create(PARIS_OFFICER, Samples.parisian(7));
    Registration deceased = registrations.create(PARIS_OFFICER, Samples.parisian(8));
    // The returned national once asked for a code to declare a trip of their own (issue 34).
    new PhoneProofs(jdbi, SenderPlan.single("+33757000000", 1), clock)
        .send(returned.data().phone(), "fr", "203.0.113.9");
    // ... and began registering by SMS, without finishing.
    jdbi.useTransaction(h -> new SmsDeclarations(new PendingRegistrations(jdbi, new RegistrationValidator(clock),
        new AuditTrail(jdbi, clock), clock), Gazetteer::shared).receive(h, returned.data().phone(), "INSCRIPTION",
        clock.instant()));
    UUID caseId = evacuatedAndFollowed(crisis, returned, true);
    UUID requestId = requestOf(caseId);
    handedOver(deceased);
    crises.close(CRISIS_CELL, crisis.id(), "l'eau s'est retirée");
    registrations.archive(PARIS_OFFICER, returned.id(), "returned home");
    registrations.archive(PARIS_OFFICER, deceased.id(), "deceased");
    Instant closed = clock.instant();

    Map<String, Long> before = rowsOfClaimedTables();
    Set<String> empty = new TreeSet<>();
    before.forEach((t, n) -> {
      if (n == 0 && !NOT_EMPTIED.containsKey(t)) {
        empty.add(t);
      }
    });
    assertThat(empty).as("claimed tables the scenario left empty (the test must fill every one)").isEmpty();

    // The registrations' own period (18 months after the archive) ends long before the records': they are held.
    clock.set(closed.plus(Duration.ofDays(600)));
    RetentionPurge.Result early = purge.run();
    assertThat(early.removed()).doesNotContainKeys("registration", "reintegration_case", "remains_case");
    assertThat(early.held()).containsEntry("reintegration case", 1).containsEntry("remains case", 1);

    // The last day of the records' period (60 months after the case closed): everything kept.
    clock.set(java.time.ZonedDateTime.ofInstant(closed, java.time.ZoneOffset.UTC).plusMonths(60).minusDays(1)
        .toInstant());
    RetentionPurge.Result lastDay = purge.run();
    assertThat(lastDay.removed()).as("removed on the last day").doesNotContainKeys("reintegration_case",
        "remains_case", "evacuation_request", "registration");
    assertThat(lastDay.held()).containsEntry("reintegration case", 1).containsEntry("remains case", 1);

    // The day after: the records go whole, and the people they held in the same run.
    clock.set(java.time.ZonedDateTime.ofInstant(closed, java.time.ZoneOffset.UTC).plusMonths(60).plusDays(1)
        .toInstant());
    long evacuationEvents = outbox("evacuation", requestId);
    long caseEvents = outbox("reintegration", caseId);
    RetentionPurge.Result after = purge.run();
    assertThat(outbox("evacuation", requestId)).as("the request's tombstone on its way to `evacuations`")
        .isGreaterThan(evacuationEvents);
    assertThat(outbox("reintegration", caseId)).as("the case's tombstone on its way to `reintegration-cases`")
        .isGreaterThan(caseEvents);
    assertThat(after.removed()).containsEntry("reintegration_case", 1).containsEntry("remains_case", 1)
        .containsEntry("evacuation_request", 1).containsEntry("registration", 2);
    assertThat(after.held()).isEmpty();
    Map<String, Long> left = rowsOfClaimedTables();
    left.keySet().removeAll(NOT_EMPTIED.keySet());
    for (String counts : List.of("registration_cell_count", "registration_cell_total")) {
      // Counts by cell, written as deltas and folded later: what matters is that they count no one any more.
      left.put(counts, jdbi.withHandle(h -> h.createQuery("SELECT coalesce(sum(n), 0) FROM " + counts)
          .mapTo(Long.class).one()));
    }
    assertThat(left).as("rows left in the claimed tables").allSatisfy((t, n) -> assertThat(n).as(t).isZero());
    for (Registration r : List.of(returned, deceased)) {
      assertThat(PersonTraces.of(jdbi, r.id(), r.data().phone(), Set.of("audit_event", "outbox"))).isEmpty();
    }
    long audited = jdbi.withHandle(h -> h.createQuery("""
        SELECT count(*) FROM audit_event WHERE action = 'RETENTION' AND detail LIKE 'past their period%'
          AND detail LIKE '%reintegration_case 1%' AND detail NOT LIKE '%El Amrani%'""").mapTo(Long.class).one());
    assertThat(audited).isEqualTo(1);

    assertThat(purge.run().nothing()).as("a second run").isTrue();
  }

  @Test
  void anOpenCaseIsKeptWhateverItsAgeAndAFollowedEvacuationWithIt() {
    Crisis crisis = floods();
    Registration returned = registrations.create(PARIS_OFFICER, Samples.parisian(9));
    UUID id = evacuatedAndFollowed(crisis, returned, true);
    jdbi.useHandle(h -> h.createUpdate("UPDATE reintegration_case SET state = 'OPEN', closed_at = NULL WHERE id = :id")
        .bind("id", id).execute());
    crises.close(CRISIS_CELL, crisis.id(), "l'eau s'est retirée");
    registrations.archive(PARIS_OFFICER, returned.id(), "returned home");
    clock.set(clock.instant().plus(Duration.ofDays(3650)));
    RetentionPurge.Result r = purge.run();
    assertThat(r.removed("reintegration_case") + r.removed("evacuation_request") + r.removed("registration"))
        .isZero();
    assertThat(r.held()).containsEntry("reintegration case", 1);
  }

  /**
   * An evacuation of a crisis still active stays whatever its age (a withdrawn request is what keeps its household out
   * of a new order), and so does a remains case whose deceased is still registered active (what keeps them out of
   * evacuation orders); the closed case of that evacuation goes all the same.
   */
  @Test
  void anActiveCrisissEvacuationAndTheRemainsOfSomeoneStillRegisteredStay() {
    Crisis crisis = floods();
    Registration returned = registrations.create(PARIS_OFFICER, Samples.parisian(10));
    Registration deceased = registrations.create(PARIS_OFFICER, Samples.parisian(11));
    UUID caseId = evacuatedAndFollowed(crisis, returned, true);
    UUID requestId = requestOf(caseId);
    handedOver(deceased);
    registrations.archive(PARIS_OFFICER, returned.id(), "returned home");
    clock.set(clock.instant().plus(Duration.ofDays(3650)));
    RetentionPurge.Result r = purge.run();
    assertThat(r.removed()).containsEntry("reintegration_case", 1).doesNotContainKeys("evacuation_request",
        "remains_case", "registration");
    assertThat(r.held()).as("the returned national, whom the active crisis alerted").containsEntry("open crisis", 1);
    long cases = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM remains_case").mapTo(Long.class).one());
    assertThat(cases).isEqualTo(1);
    long requests = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM evacuation_request WHERE id = :id")
        .bind("id", requestId).mapTo(Long.class).one());
    assertThat(requests).isEqualTo(1);
  }

  /**
   * A request cancelled before it had a seat leaves its topic too: no seat's deletion writes its event, the request's
   * own delete trigger does (044).
   */
  @Test
  void aCancelledRequestWithoutASeatLeavesWithATombstone() {
    Crisis crisis = floods();
    Registration r = registrations.create(PARIS_OFFICER, Samples.parisian(12));
    EvacuationRequest q = rep.requestOpening().open(PARIS_OFFICER, crisis.id(),
        new RequestOpening.RequestInput(r.id(), null, Set.of(), null, null));
    rep.requestChanges().cancel(PARIS_OFFICER, crisis.id(), q.id(), "la famille reste chez des voisins");
    crises.close(CRISIS_CELL, crisis.id(), "l'eau s'est retirée");
    long events = outbox("evacuation", q.id());
    clock.set(clock.instant().plus(Duration.ofDays(61 * 31)));
    RetentionPurge.Result result = purge.run();
    assertThat(result.removed()).containsEntry("evacuation_request", 1).containsEntry("evacuation_assignment", 0);
    assertThat(outbox("evacuation", q.id())).as("the request's tombstone on its way to `evacuations`")
        .isGreaterThan(events);
  }
}
