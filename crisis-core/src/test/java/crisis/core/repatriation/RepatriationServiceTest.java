package crisis.core.repatriation;

import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.PARIS_OFFICER;
import static crisis.core.testing.Samples.TRIPOLI_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisService;
import crisis.core.places.Place;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationService;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.Gate.Operation;
import crisis.core.repatriation.Gate.Outcome;
import crisis.core.repatriation.Gate.Type;
import crisis.core.testing.ManualClock;
import crisis.core.testing.Poll;
import crisis.core.testing.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Requests, plans, the gate and manifests on a real PostgreSQL, each test on a fresh database. */
@Tag("db")
class RepatriationServiceTest {
  private ManualClock clock;
  private Jdbi jdbi;
  private RegistrationService registrations;
  private CrisisService crises;
  private Repatriation rep;
  private Crisis crisis;
  private Place eastGate;
  private Place westGate;
  private int n = 1;

  private RepatriationFixture f;

  @BeforeEach
  void start() {
    f = new RepatriationFixture();
    clock = f.clock;
    jdbi = f.jdbi;
    registrations = f.registrations;
    crises = f.crises;
    rep = f.rep;
    crisis = f.crisis;
    eastGate = f.eastGate;
    westGate = f.westGate;
  }

  private Registration parisian(double lat, double lon) {
    return registrations.create(PARIS_OFFICER, Samples.at(Samples.parisian(n++), lat, lon));
  }

  private Registration alone(double lat, double lon) {
    return person(Samples.at(Samples.parisian(n++), lat, lon), "Fatima", false);
  }

  /** A Paris registration with another given name, and without its household members when {@code alone}. */
  private Registration person(RegistrationData d, String givenName, boolean keepHousehold) {
    return registrations.create(PARIS_OFFICER, new RegistrationData(d.externalId(), givenName,
        d.familyNameLatin(), d.givenNameArabic(), d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(),
        String.format("PP%06d", n), d.phone(), d.email(), d.preferredLanguage(), d.address(), d.location(),
        d.countryOfResidence(), d.consulateId(), d.residenceType(), d.stayPurpose(), d.arrivalDate(),
        d.departureDate(), keepHousehold ? d.household() : List.of(), Set.of(), d.emergencyContact(), d.consent()));
  }

  private EvacuationRequest request(Registration r, Set<SpecialNeed> needs) {
    return rep.requestOpening().open(PARIS_OFFICER, crisis.id(),
        new RequestOpening.RequestInput(r.id(), null, needs, null, null));
  }

  private TransportLeg bus(int seats, int hours, Place... from) {
    return f.bus(seats, hours, from);
  }

  private List<Map<String, Object>> notices() {
    return jdbi.withHandle(h -> h.createQuery("SELECT phone, body, language FROM sms_send WHERE kind = 'NOTICE' "
        + "ORDER BY created_at, body").mapToMap().list());
  }

  private static Operation op(Type type, String code) {
    return new Operation(UUID.randomUUID(), type, code, null, null);
  }

  @Test
  void opensOneRequestPerHouseholdWithItsPeopleAndRefusesASecond() {
    Registration r = parisian(48.86, 2.35);
    EvacuationRequest q = request(r, Set.of());
    // The registered national and the two household members of the registration; the members' documents are not on
    // file, so each needs a laissez-passer before boarding.
    assertThat(q.travellers()).extracting(Traveller::fullName)
        .containsExactly("Fatima El Amrani", "Youssef El Amrani", "Jean Dupont");
    assertThat(q.travellers()).extracting(Traveller::laissezPasser).containsExactly(
        Traveller.LaissezPasser.NOT_NEEDED, Traveller.LaissezPasser.REQUIRED, Traveller.LaissezPasser.REQUIRED);
    assertThat(q.state()).isEqualTo(State.OPEN);
    assertThatThrownBy(() -> request(r, Set.of())).isInstanceOf(ConflictException.class);
    // Tripoli's officer does not see a Paris household.
    assertThatThrownBy(() -> rep.requests().get(TRIPOLI_OFFICER, crisis.id(), q.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(rep.requests().list(TRIPOLI_OFFICER, crisis.id(), null)).isEmpty();
  }

  @Test
  void anAssistanceRequestOfTheCrisisOpensARequestForItsPersonAndAnUnknownOneIsNotFound() {
    Registration r = alone(48.86, 2.35);
    UUID reply = UUID.randomUUID();
    UUID help = UUID.randomUUID();
    jdbi.useHandle(h -> {
      h.createUpdate("""
          INSERT INTO sms_reply (id, sid, phone, body, keyword, crisis_id, registration_ids, received_at)
          VALUES (:id, 'SM-help', :phone, 'AIDE', 'HELP', :crisis, ARRAY[CAST(:person AS uuid)], :at)""")
          .bind("id", reply).bind("phone", r.data().phone()).bind("crisis", crisis.id()).bind("person", r.id())
          .bind("at", clock.instant()).execute();
      h.createUpdate("""
          INSERT INTO assistance_request (id, crisis_id, registration_id, consulate_id, reply_id, created_at)
          VALUES (:id, :crisis, :person, 'fr-paris', :reply, :at)""")
          .bind("id", help).bind("crisis", crisis.id()).bind("person", r.id()).bind("reply", reply)
          .bind("at", clock.instant()).execute();
    });
    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(() -> rep.requestOpening().open(PARIS_OFFICER, crisis.id(),
        new RequestOpening.RequestInput(null, unknown, Set.of(), null, null)))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("assistance request " + unknown);

    EvacuationRequest q = rep.requestOpening().open(PARIS_OFFICER, crisis.id(),
        new RequestOpening.RequestInput(null, help, Set.of(), null, null));
    assertThat(q.registrationId()).isEqualTo(r.id());
    assertThat(q.source()).isEqualTo(EvacuationRequest.Source.ASSISTANCE);
  }

  @Test
  void orderingAnEvacuationOpensARequestPerPhoneInsideTheZoneOnce() {
    Registration a = parisian(48.86, 2.35);
    Registration b = person(Samples.withPhone(Samples.at(Samples.parisian(n++), 48.87, 2.36), a.data().phone()),
        "Salma", true);
    parisian(48.80, 2.30);
    parisian(43.30, 5.37); // Marseille: outside the zone
    EvacuationOrder.Ordered first = rep.evacuationOrder().orderEvacuation(CRISIS_CELL, crisis.id());
    assertThat(first.opened()).isEqualTo(2);
    List<EvacuationRequest> all = rep.requests().list(CRISIS_CELL, crisis.id(), null);
    EvacuationRequest shared = all.stream().filter(q -> q.phone().equals(a.data().phone())).findFirst().orElseThrow();
    // Both registrations at the phone travel together; the household members the two share are listed once.
    assertThat(shared.travellers()).extracting(Traveller::registrationId).contains(a.id(), b.id());
    assertThat(shared.travellers()).hasSize(4);
    assertThat(rep.evacuationOrder().orderEvacuation(CRISIS_CELL, crisis.id()).opened()).isZero();
  }

  @Test
  void plansByPriorityNotifiesWithABoardingCodeAndSendsEachToItsNearestPoint() {
    Registration walking = alone(48.879, 2.290); // near Porte Maillot, asked first
    clock.advance(Duration.ofMinutes(5));
    Registration pregnant = alone(48.875, 2.358); // near Gare de l'Est
    EvacuationRequest first = request(walking, Set.of());
    clock.advance(Duration.ofMinutes(5));
    EvacuationRequest urgent = request(pregnant, Set.of(SpecialNeed.PREGNANCY));
    TransportLeg leg = bus(1, 6, eastGate, westGate);

    EvacuationPlanning.Result plan = rep.planning().plan(CRISIS_CELL, crisis.id());
    assertThat(plan.placements()).extracting(EvacuationPlanning.Placement::requestId)
        .containsExactly(urgent.id(), first.id());
    assertThat(plan.placements().get(0).reasons().get(0)).startsWith("tier 3 of 6: pregnancy");
    // The same reasons in parts, for the console to say in the reader's language.
    Priority.Why why = plan.placements().get(0).why();
    assertThat(why.tier()).isEqualTo(3);
    assertThat(why.tiers()).isEqualTo(6);
    assertThat(why.criteria()).extracting(Priority.Because::criterion).containsExactly(Priority.Criterion.PREGNANCY);
    assertThat(why.criteria().get(0).member()).isNotBlank();
    assertThat(why.exposureCounts()).isTrue();
    assertThat(why.exposureKm()).isPositive();
    assertThat(why.requestedAt()).isEqualTo(urgent.requestedAt());
    assertThat(plan.placements().get(1).why().criteria()).isEmpty();
    assertThat(plan.placements().get(1).why().tier()).isEqualTo(6);
    assertThat(plan.placements().get(0).legId()).isEqualTo(leg.id());
    assertThat(plan.placements().get(0).placeId()).isEqualTo(eastGate.id());
    assertThat(plan.placements().get(1).legId()).isNull();
    String code = plan.placements().get(0).boardingCode();
    assertThat(code).matches("[" + EvacuationPlanning.CODE_ALPHABET + "]{8}");
    List<Map<String, Object>> sms = notices();
    assertThat(sms).hasSize(1);
    assertThat((String) sms.get(0).get("body")).contains(code, "Gare de l'Est", "B6", "Tanger", "14:10");
    assertThat(sms.get(0).get("phone")).isEqualTo(pregnant.data().phone());

    // Planned again with nothing new: nobody moves, nobody is told twice, same code.
    EvacuationPlanning.Result again = rep.planning().plan(CRISIS_CELL, crisis.id());
    assertThat(again.moved()).isEmpty();
    assertThat(again.notified()).isZero();
    assertThat(again.placements().get(0).boardingCode()).isEqualTo(code);
    assertThat(notices()).hasSize(1);
  }

  @Test
  void aBatchSentTwiceAndTwoDevicesCheckInOnce() throws Exception {
    EvacuationRequest q = request(alone(48.87, 2.35), Set.of());
    TransportLeg leg = bus(10, 6, eastGate);
    String code = rep.planning().plan(CRISIS_CELL, crisis.id()).placements().get(0).boardingCode();

    List<Operation> batch = List.of(op(Type.CHECK_IN, code.toLowerCase(java.util.Locale.ROOT)));
    List<Gate.Answer> once = rep.gate().apply(PARIS_OFFICER, leg.id(), batch);
    List<Gate.Answer> twice = rep.gate().apply(PARIS_OFFICER, leg.id(), batch);
    assertThat(once.get(0).outcome()).isEqualTo(Outcome.DONE);
    assertThat(twice.get(0).replayed()).isTrue();
    assertThat(twice.get(0).outcome()).isEqualTo(Outcome.DONE);

    // Two devices, each with its own operation id, board the same person at the same moment.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Gate.Answer>>> devices = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      devices.add(pool.submit(() -> {
        go.await();
        return rep.gate().apply(PARIS_OFFICER, leg.id(), List.of(op(Type.BOARD, code)));
      }));
    }
    go.countDown();
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<List<Gate.Answer>> f : devices) {
      outcomes.add(f.get().get(0).outcome());
    }
    pool.shutdown();
    assertThat(outcomes).containsExactlyInAnyOrder(Outcome.DONE, Outcome.ALREADY_DONE);
    long passages = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM gate_passage").mapTo(Long.class).one());
    assertThat(passages).isEqualTo(1);
    assertThat(rep.requests().get(CRISIS_CELL, crisis.id(), q.id()).state()).isEqualTo(State.BOARDED);
  }

  @Test
  void aNoShowsSeatsGoToTheNextHouseholdOnTheWaitlistWhoIsTold() {
    EvacuationRequest early = request(alone(48.87, 2.35), Set.of(SpecialNeed.ELDERLY));
    clock.advance(Duration.ofMinutes(1));
    EvacuationRequest waiting = request(alone(48.88, 2.36), Set.of());
    TransportLeg leg = bus(1, 6, eastGate);
    rep.planning().plan(CRISIS_CELL, crisis.id());
    assertThat(rep.requests().get(CRISIS_CELL, crisis.id(), waiting.id()).state()).isEqualTo(State.OPEN);

    clock.advance(Duration.ofHours(5));
    List<Gate.Answer> closed = rep.gate().apply(PARIS_OFFICER, leg.id(), List.of(op(Type.CLOSE, null)));
    assertThat(closed.get(0).travellers()).containsExactly(early.id());
    assertThat(rep.requests().get(CRISIS_CELL, crisis.id(), early.id()).state()).isEqualTo(State.NO_SHOW);
    EvacuationRequest promoted = rep.requests().get(CRISIS_CELL, crisis.id(), waiting.id());
    assertThat(promoted.state()).isEqualTo(State.ASSIGNED);
    assertThat(promoted.assignment().legId()).isEqualTo(leg.id());
    // The no-show is told its seats are gone; the household promoted, its seat.
    assertThat(notices()).extracting(m -> m.get("phone")).containsExactlyInAnyOrder(early.phone(), early.phone(),
        waiting.phone());
  }

  @Test
  void theClockClosesAGateNoOfficerClosedOnTimeAndNotBeforeAndDepartureMarksWhoMissedIt() {
    EvacuationRequest came = request(alone(48.87, 2.35), Set.of(SpecialNeed.ELDERLY));
    EvacuationRequest stayedAway = request(alone(48.871, 2.351), Set.of(SpecialNeed.ELDERLY));
    clock.advance(Duration.ofMinutes(1));
    EvacuationRequest waiting = request(alone(48.88, 2.36), Set.of());
    TransportLeg leg = bus(2, 6, eastGate);
    Instant departure = leg.departsAt();
    String code = rep.planning().plan(CRISIS_CELL, crisis.id()).placements().stream()
        .filter(p -> p.requestId().equals(came.id())).findFirst().orElseThrow().boardingCode();
    rep.gate().apply(PARIS_OFFICER, leg.id(), List.of(op(Type.CHECK_IN, code)));

    clock.set(departure.minus(Repatriation.GATE_CLOSES_BEFORE).minusSeconds(1));
    assertThat(rep.gateClosing().closeDue()).isZero();
    assertThat(rep.requests().get(CRISIS_CELL, crisis.id(), stayedAway.id()).state()).isEqualTo(State.ASSIGNED);

    clock.set(departure.minus(Repatriation.GATE_CLOSES_BEFORE));
    assertThat(rep.gateClosing().closeDue()).isEqualTo(1);
    assertThat(rep.requests().get(CRISIS_CELL, crisis.id(), came.id()).state()).isEqualTo(State.CHECKED_IN);
    assertThat(rep.requests().get(CRISIS_CELL, crisis.id(), stayedAway.id()).state()).isEqualTo(State.NO_SHOW);
    EvacuationRequest promoted = rep.requests().get(CRISIS_CELL, crisis.id(), waiting.id());
    assertThat(promoted.state()).isEqualTo(State.ASSIGNED);
    assertThat(promoted.assignment().legId()).isEqualTo(leg.id());
    assertThat(notices()).extracting(m -> m.get("phone")).contains(waiting.phone(), stayedAway.phone());
    assertThat(rep.gateClosing().closeDue()).as("a gate closes once").isZero();
    List<String> closers = jdbi.withHandle(h -> h.createQuery(
        "SELECT actor FROM audit_event WHERE action = 'GATE_CLOSE'").mapTo(String.class).list());
    assertThat(closers).containsExactly("system:gate-clock");

    // The promoted household did not come either: at departure it is a no-show; the one checked in who did not
    // board goes back to the waitlist (no other leg: it waits).
    clock.set(departure);
    List<Gate.Answer> departed = rep.gate().apply(PARIS_OFFICER, leg.id(), List.of(op(Type.DEPART, null)));
    assertThat(departed.get(0).travellers()).containsExactlyInAnyOrder(waiting.id(), came.id());
    assertThat(rep.requests().get(CRISIS_CELL, crisis.id(), waiting.id()).state()).isEqualTo(State.NO_SHOW);
    assertThat(rep.requests().get(CRISIS_CELL, crisis.id(), came.id()).state()).isEqualTo(State.OPEN);
  }

  @Test
  void noSeatIsGivenTwiceWhenPlansAndCheckInsRace() throws Exception {
    List<EvacuationRequest> requests = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      requests.add(request(alone(48.85 + i * 0.002, 2.35), Set.of()));
      clock.advance(Duration.ofSeconds(1));
    }
    TransportLeg leg = bus(5, 6, eastGate);
    rep.planning().plan(CRISIS_CELL, crisis.id());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> work = new ArrayList<>();
    List<Registration> late = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      late.add(alone(48.80 + i * 0.002, 2.30));
    }
    for (int round = 0; round < 8; round++) {
      work.add(pool.submit(() -> rep.planning().plan(CRISIS_CELL, crisis.id())));
      work.add(pool.submit(() -> rep.planning().plan(CRISIS_CELL, crisis.id())));
      // An urgent household arrives while plans run: it displaces the last households seated.
      Registration urgent = late.get(round);
      work.add(pool.submit(() -> request(urgent, Set.of(SpecialNeed.OXYGEN))));
      work.add(pool.submit(() -> {
        for (EvacuationRequest q : rep.requests().list(CRISIS_CELL, crisis.id(), State.ASSIGNED)) {
          rep.gate().apply(PARIS_OFFICER, leg.id(), List.of(op(Type.CHECK_IN, q.assignment().boardingCode())));
        }
        return null;
      }));
      // Cancellations free seats while plans run.
      int k = round;
      work.add(pool.submit(() -> rep.requestChanges().cancel(PARIS_OFFICER, crisis.id(), requests.get(k).id(), null)));
    }
    for (Future<?> f : work) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        // A cancellation of a household already checked in is refused: that is the rule, not a failure.
        assertThat(e.getCause()).isInstanceOf(ConflictException.class);
      }
    }
    pool.shutdown();
    long onLeg = jdbi.withHandle(h -> h.createQuery("""
        SELECT count(*) FROM evacuation_assignment a JOIN evacuation_request q ON q.id = a.request_id
        WHERE a.leg_id = :leg AND q.state IN ('ASSIGNED', 'CHECKED_IN', 'BOARDED')""").bind("leg", leg.id())
        .mapTo(Long.class).one());
    assertThat(onLeg).isLessThanOrEqualTo(5);
    long codes = jdbi.withHandle(h -> h.createQuery("SELECT count(DISTINCT boarding_code) = count(*) "
        + "FROM evacuation_assignment").mapTo(Boolean.class).one()) ? 1 : 0;
    assertThat(codes).isEqualTo(1);
  }

  @Test
  void aPlanWaitsWhileAGateChangeOfTheSameCrisisIsUnderWay() throws Exception {
    request(alone(48.87, 2.35), Set.of());
    bus(5, 6, eastGate);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (org.jdbi.v3.core.Handle gate = jdbi.open()) {
      gate.begin();
      gate.attach(crisis.core.repatriation.db.EvacuationDao.class).lockCrisis(crisis.id());
      Future<EvacuationPlanning.Result> plan = pool.submit(() -> rep.planning().plan(CRISIS_CELL, crisis.id()));
      // The positive signal: another backend waits on the crisis's lock (a plan that ends first fails below).
      Poll.until(Duration.ofSeconds(20), () -> plan.isDone() || jdbi.withHandle(h -> h.createQuery(
          "SELECT count(*) > 0 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'")
          .mapTo(Boolean.class).one()), "a backend waiting on the crisis's lock, or the plan done");
      assertThat(plan.isDone()).as("the plan waits for the crisis's lock").isFalse();
      gate.commit();
      assertThat(plan.get(20, java.util.concurrent.TimeUnit.SECONDS).householdsSeated()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manifestsListEveryTravellerWithTheirStatus() throws Exception {
    EvacuationRequest family = request(parisian(48.87, 2.35), Set.of());
    TransportLeg leg = bus(10, 6, eastGate);
    String code = rep.planning().plan(CRISIS_CELL, crisis.id()).placements().get(0).boardingCode();
    rep.gate().apply(PARIS_OFFICER, leg.id(), List.of(op(Type.CHECK_IN, code)));
    // The child has its laissez-passer; the spouse not yet: the household cannot board.
    Traveller child = family.travellers().get(1);
    rep.requestChanges().issueLaissezPasser(PARIS_OFFICER, crisis.id(), family.id(),
        rep.requests().get(PARIS_OFFICER, crisis.id(), family.id()).version(), child.id(), "LP-1");
    Gate.Answer refused = rep.gate().apply(PARIS_OFFICER, leg.id(), List.of(op(Type.BOARD, code))).get(0);
    assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(refused.message()).contains("Jean Dupont needs a laissez-passer").doesNotContain("Youssef");

    String csv = rep.manifests().csv(PARIS_OFFICER, leg.id());
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo(String.join(",", Manifests.COLUMNS));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).contains("Fatima El Amrani", "NATIONAL_ID", code, "Gare de l'Est", "CHECKED_IN");
    assertThat(lines.get(2)).contains("Youssef El Amrani", "LAISSEZ_PASSER", "LP-1", "CHECKED_IN");

    byte[] pdf = rep.manifests().pdf(PARIS_OFFICER, leg.id());
    try (var doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains("Passenger manifest - BUS B6", "Fatima El Amrani", "Youssef El Amrani",
          "Jean Dupont", "CHECKED_IN", "Travellers: 3.");
    }
    long audited = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_event WHERE action IN "
        + "('MANIFEST_CSV', 'MANIFEST_PDF')").mapTo(Long.class).one());
    assertThat(audited).isEqualTo(2);
    assertThatThrownBy(() -> rep.manifests().csv(TRIPOLI_OFFICER, leg.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aCancelledLegsHouseholdsAreMovedAndToldAtOnceAndAnOfficersCancellationIsTold() {
    EvacuationRequest first = request(alone(48.87, 2.35), Set.of(SpecialNeed.ELDERLY));
    clock.advance(Duration.ofMinutes(1));
    EvacuationRequest second = request(alone(48.88, 2.36), Set.of());
    TransportLeg early = bus(1, 3, eastGate);
    TransportLeg late = bus(1, 9, westGate);
    rep.planning().plan(CRISIS_CELL, crisis.id());
    assertThat(rep.requests().get(CRISIS_CELL, crisis.id(), first.id()).assignment().legId()).isEqualTo(early.id());

    clock.advance(Duration.ofMinutes(10));
    rep.legs().cancel(CRISIS_CELL, early.id());
    // At once: the first household takes the late bus's seat (it ranks first), the second goes back to the waitlist.
    assertThat(rep.requests().get(CRISIS_CELL, crisis.id(), first.id()).assignment().legId()).isEqualTo(late.id());
    assertThat(rep.requests().get(CRISIS_CELL, crisis.id(), second.id()).state()).isEqualTo(State.OPEN);
    List<String> toFirst = notices().stream().filter(m -> m.get("phone").equals(first.phone()))
        .map(m -> (String) m.get("body")).toList();
    assertThat(toFirst).hasSize(2);
    assertThat(toFirst.get(1)).startsWith("تغيير.").contains("Porte Maillot", "B9");
    assertThat(notices().stream().filter(m -> m.get("phone").equals(second.phone()))
        .map(m -> (String) m.get("body")).toList()).last().asString().contains("قائمة الانتظار");

    clock.advance(Duration.ofMinutes(10));
    rep.requestChanges().cancel(PARIS_OFFICER, crisis.id(), second.id(), "left by road");
    assertThat(notices().stream().filter(m -> m.get("phone").equals(second.phone()))
        .map(m -> (String) m.get("body")).toList()).last().asString().contains("ألغت قنصليتكم");
  }

  @Test
  void refusesALegWhoseTravellersWouldBeDueAtAClosedPoint() {
    // Departure 14:00 UTC, report 60 minutes before: 14:00 in Paris, when the point is open 06:00 to 12:00.
    List<TransportLegs.PointInput> points = List.of(new TransportLegs.PointInput(eastGate.id(), 0, "06:00", "12:00"));
    assertThatThrownBy(() -> rep.legs().create(CRISIS_CELL, crisis.id(), new TransportLegs.LegInput(
        TransportLeg.Kind.BUS, "Transports du Nord", "B1", 50, 0, 0, clock.instant().plus(Duration.ofHours(6)), 60,
        "Europe/Paris", "Tanger", points))).isInstanceOfSatisfying(ValidationException.class, e ->
        assertThat(e.errors()).singleElement().satisfies(f -> {
          assertThat(f.field()).isEqualTo("points[0].opens");
          assertThat(f.reason()).contains("06:00 to 12:00", "by 14:00");
        }));
    // Open through the night, 22:00 to 16:00: accepted.
    assertThat(rep.legs().create(CRISIS_CELL, crisis.id(), new TransportLegs.LegInput(TransportLeg.Kind.BUS,
        "Transports du Nord", "B2", 50, 0, 0, clock.instant().plus(Duration.ofHours(6)), 60, "Europe/Paris", "Tanger",
        List.of(new TransportLegs.PointInput(eastGate.id(), 0, "22:00", "16:00")))).points()).hasSize(1);
  }

  @Test
  void refusesALegWithoutAssemblyPointOrInThePastNamingTheFields() {
    assertThatThrownBy(() -> rep.legs().create(CRISIS_CELL, crisis.id(), new TransportLegs.LegInput(
        TransportLeg.Kind.FLIGHT, "RAM", "AT 1", 0, null, null, clock.instant().minusSeconds(60), null, "Mars/Olympus",
        "Casablanca", List.of()))).isInstanceOfSatisfying(ValidationException.class, e ->
        assertThat(e.errors()).extracting(FieldError::field)
            .containsExactlyInAnyOrder("seats", "departsAt", "timeZone", "points"));
  }
}
