package crisis.core.repatriation;

import static crisis.core.repatriation.RepatriationFixture.op;
import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.PARIS_OFFICER;
import static crisis.core.testing.Samples.TRIPOLI_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.registry.Registration;
import crisis.core.repatriation.Gate.Operation;
import crisis.core.repatriation.Gate.Outcome;
import crisis.core.repatriation.Gate.Type;
import crisis.core.testing.Samples;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A leg shared by the households of two consulates of one country, as the security review found it: each officer
 * sees and acts on its own consulate's households only; closing, departing and arriving are the crisis cell's and
 * the named gate officer's; not days ahead; and a batch of CLOSEs re-plans once.
 */
@Tag("db")
class GateJurisdictionTest {
  /** A second consulate in France (Lyon), whose officer's jurisdiction is France too. */
  static final Actor LYON_OFFICER = new Actor("officer.lyon", Role.CONSULAR_OFFICER, "fr-lyon", Set.of("FR"),
      "127.0.0.1");

  private RepatriationFixture f;
  private EvacuationRequest paris;
  private EvacuationRequest lyon;
  private TransportLeg leg;

  @BeforeEach
  void start() {
    f = new RepatriationFixture();
    f.jdbi.useHandle(h -> {
      h.execute("INSERT INTO consulate (id, name, city, country_iso2) VALUES ('fr-lyon', 'Consulate in Lyon', "
          + "'Lyon', 'FR')");
      h.execute("INSERT INTO consulate_jurisdiction VALUES ('fr-lyon', 'FR')");
    });
    paris = f.request(f.alone(48.87, 2.35), Set.of());
    Registration r = f.registrations.create(LYON_OFFICER, Samples.at(withConsulate(Samples.parisian(900)),
        48.86, 2.34));
    lyon = f.rep.requestOpening().open(LYON_OFFICER, f.crisis.id(), new RequestOpening.RequestInput(r.id(), null,
        Set.of(), null, null));
    leg = f.bus(20, 6, f.eastGate);
    f.rep.planning().plan(CRISIS_CELL, f.crisis.id());
  }

  private static crisis.core.registry.RegistrationData withConsulate(crisis.core.registry.RegistrationData d) {
    return new crisis.core.registry.RegistrationData(d.externalId(), "Karim", d.familyNameLatin(),
        d.givenNameArabic(), d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), "PP900900", d.phone()
        .replace("+3361234", "+3361299"), d.email(), d.preferredLanguage(), d.address(), d.location(),
        d.countryOfResidence(), "fr-lyon", d.residenceType(), d.stayPurpose(), d.arrivalDate(), d.departureDate(),
        List.of(), Set.of(), d.emergencyContact(), d.consent());
  }

  private Gate.Answer as(Actor actor, Operation op) {
    return f.rep.gate().apply(actor, leg.id(), List.of(op)).get(0);
  }

  @Test
  void eachOfficerSeesAndChecksInItsOwnConsulatesHouseholdsOnly() {
    // Lyon's officer (not the gate officer) reads its own household only, in the list and the manifest.
    assertThat(f.rep.manifests().passengers(LYON_OFFICER, leg.id(), null)).extracting(Manifests.Passenger::requestId)
        .containsOnly(lyon.id());
    assertThat(f.rep.manifests().csv(LYON_OFFICER, leg.id())).doesNotContain(f.code(paris));
    // The gate officer (Paris) and the cell read the whole leg.
    assertThat(f.rep.manifests().passengers(PARIS_OFFICER, leg.id(), null)).hasSize(2);
    assertThat(f.rep.manifests().passengers(CRISIS_CELL, leg.id(), null)).hasSize(2);

    // Lyon's officer cannot check in Paris's household: answered as if the code did not exist.
    Gate.Answer other = as(LYON_OFFICER, op(Type.CHECK_IN, f.code(paris)));
    assertThat(other.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(other.message()).isEqualTo("no household has boarding code " + f.code(paris));
    assertThat(f.read(paris).state()).isEqualTo(EvacuationRequest.State.ASSIGNED);
    Traveller parisian = paris.travellers().get(0);
    assertThat(as(LYON_OFFICER, new Operation(UUID.randomUUID(), Type.CHECK_IN, null, null,
        parisian.documentNumber())).outcome()).isEqualTo(Outcome.REFUSED);
    // Nor check one of its travellers in by id, nor board it by any of the three identifiers.
    for (Operation o : List.of(new Operation(UUID.randomUUID(), Type.CHECK_IN, null, parisian.id(), null),
        op(Type.BOARD, f.code(paris)), new Operation(UUID.randomUUID(), Type.BOARD, null, parisian.id(), null),
        new Operation(UUID.randomUUID(), Type.BOARD, null, null, parisian.documentNumber()))) {
      assertThat(as(LYON_OFFICER, o).outcome()).as(o.toString()).isEqualTo(Outcome.REFUSED);
    }
    assertThat(f.read(paris).state()).isEqualTo(EvacuationRequest.State.ASSIGNED);
    assertThat(as(LYON_OFFICER, op(Type.CHECK_IN, f.code(lyon))).outcome()).isEqualTo(Outcome.DONE);

    // Tripoli's officer has nothing to do with this leg: not in its list, 404 at its gate.
    assertThat(f.rep.legs().list(LYON_OFFICER, f.crisis.id())).extracting(TransportLeg::id).contains(leg.id());
    assertThat(f.rep.legs().list(TRIPOLI_OFFICER, f.crisis.id())).isEmpty();
    assertThatThrownBy(() -> f.rep.manifests().passengers(TRIPOLI_OFFICER, leg.id(), null))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.rep.gate().apply(TRIPOLI_OFFICER, leg.id(), List.of(op(Type.CLOSE, null))))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void onlyTheCellAndTheGateOfficerCloseDepartOrArriveAndNotDaysAhead() {
    f.clock.advance(Duration.ofHours(5));
    for (Type t : List.of(Type.CLOSE, Type.DEPART, Type.ARRIVE)) {
      Gate.Answer refused = as(LYON_OFFICER, op(t, null));
      assertThat(refused.outcome()).as(t.name()).isEqualTo(Outcome.REFUSED);
      assertThat(refused.message()).contains("only the crisis cell or the leg's gate officer (officer.paris)");
    }
    assertThat(f.read(paris).state()).isEqualTo(EvacuationRequest.State.ASSIGNED);
    assertThat(f.rep.legs().get(CRISIS_CELL, leg.id()).state()).isEqualTo(TransportLeg.State.PLANNED);
    // The named officer closes it: both households are no-shows (nobody checked in).
    assertThat(as(PARIS_OFFICER, op(Type.CLOSE, null)).travellers()).containsExactlyInAnyOrder(paris.id(),
        lyon.id());
  }

  @Test
  void aGateCannotBeClosedOrDepartedDaysBeforeDeparture() {
    TransportLeg later = f.bus(20, 48, f.westGate);
    for (Type t : List.of(Type.CLOSE, Type.DEPART)) {
      Gate.Answer a = f.rep.gate().apply(CRISIS_CELL, later.id(), List.of(op(t, null))).get(0);
      assertThat(a.outcome()).as(t.name()).isEqualTo(Outcome.REFUSED);
      assertThat(a.message()).contains("opens 12 hours before departure");
    }
    assertThat(f.rep.legs().get(CRISIS_CELL, later.id()).state()).isEqualTo(TransportLeg.State.PLANNED);
  }

  @Test
  void aBatchOfCloseOperationsClosesAndReplansOnce() {
    f.clock.advance(Duration.ofHours(5));
    List<Operation> closes = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      closes.add(op(Type.CLOSE, null));
    }
    List<Gate.Answer> answers = f.rep.gate().apply(CRISIS_CELL, leg.id(), closes);
    assertThat(answers.get(0).outcome()).isEqualTo(Outcome.DONE);
    assertThat(answers.subList(1, 50)).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.ALREADY_DONE));
    long plans = f.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM evacuation_plan").mapTo(Long.class).one());
    assertThat(plans).as("the first plan, and one re-plan at the close").isEqualTo(2);
  }

  @Test
  void aGateOfficerMustBeAnOfficerOfTheLegsCountry() {
    assertThatThrownBy(() -> f.rep.legs().setGateOfficer(CRISIS_CELL, leg.id(), "nobody.here"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("gateOfficer");
    f.jdbi.useHandle(h -> new crisis.core.users.UserService(f.jdbi).add("officer.tripoli",
        "a long enough password".toCharArray(), Role.CONSULAR_OFFICER, "ly-tripoli"));
    assertThatThrownBy(() -> f.rep.legs().setGateOfficer(CRISIS_CELL, leg.id(), "officer.tripoli"))
        .isInstanceOf(ValidationException.class);
    assertThat(f.rep.legs().setGateOfficer(CRISIS_CELL, leg.id(), null).gateOfficer()).isNull();
    // With nobody named, the Paris officer is just an officer of France: its own households only.
    f.clock.advance(Duration.ofHours(5));
    assertThat(as(PARIS_OFFICER, op(Type.CLOSE, null)).outcome()).isEqualTo(Outcome.REFUSED);
  }
}
