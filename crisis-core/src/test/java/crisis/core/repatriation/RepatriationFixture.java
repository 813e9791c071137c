package crisis.core.repatriation;

import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.PARIS_OFFICER;

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
import crisis.core.places.Place;
import crisis.core.places.PlaceKind;
import crisis.core.places.PlaceService;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import crisis.core.registry.ZoneSearch;
import crisis.core.repatriation.Gate.Operation;
import crisis.core.repatriation.Gate.Type;
import crisis.core.testing.ManualClock;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import crisis.core.users.UserService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A fresh database with the repatriation services, an active crisis over Paris (a 20 km circle) and two assembly
 * points in Paris; helpers to register people, open requests, add legs and read the notices queued.
 */
final class RepatriationFixture {
  final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));
  final Jdbi jdbi;
  final RegistrationService registrations;
  final CrisisService crises;
  final PlaceService places;
  final Repatriation rep;
  final Crisis crisis;
  final Place eastGate;
  final Place westGate;
  private int n = 1;

  RepatriationFixture() {
    TestDatabase db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    AuditTrail audit = new AuditTrail(jdbi, clock);
    registrations = new RegistrationService(jdbi, new RegistrationValidator(), audit, java.time.Clock.systemUTC());
    crises = new CrisisService(jdbi, new CrisisInputs(new ZoneParser(100_000), CountryBoundaries.shared()), clock);
    places = new PlaceService(jdbi, clock);
    rep = Repatriation.build(jdbi, crises, new ZoneSearch(jdbi, audit), audit, null, RepatriationSettings.DEFAULTS,
        clock);
    crisis = crises.create(CRISIS_CELL, new CrisisDraft("Floods in Paris", "FLOOD", "SEVERE",
        List.of(new ZoneInput("Paris", null, new CrisisZone.Circle(48.8566, 2.3522, 20.0), null)), null,
        List.of(Map.of("fr", "Quittez les quais."))));
    crises.activate(CRISIS_CELL, crisis.id());
    new UserService(jdbi).add(PARIS_OFFICER.username(), "a long enough password".toCharArray(),
        Role.CONSULAR_OFFICER, PARIS_OFFICER.consulateId());
    eastGate = place("Gare de l'Est", 48.8768, 2.3592, "FR");
    westGate = place("Porte Maillot", 48.8781, 2.2826, "FR");
  }

  Place place(String name, double lat, double lon, String country) {
    return places.create(CRISIS_CELL, new PlaceService.PlaceInput(PlaceKind.ASSEMBLY_POINT, name, lat, lon, country,
        null));
  }

  /** A Paris national at a point, with the two household members of the sample (whose documents are not on file). */
  Registration family(double lat, double lon) {
    return registrations.create(PARIS_OFFICER, Samples.at(Samples.parisian(n++), lat, lon));
  }

  /** A Paris national at a point, alone. */
  Registration alone(double lat, double lon) {
    RegistrationData d = Samples.at(Samples.parisian(n++), lat, lon);
    return registrations.create(PARIS_OFFICER, new RegistrationData(d.externalId(), "Fatima", d.familyNameLatin(),
        d.givenNameArabic(), d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(),
        String.format("PP%06d", n), d.phone(), d.email(), d.preferredLanguage(), d.address(), d.location(),
        d.countryOfResidence(), d.consulateId(), d.residenceType(), d.stayPurpose(), d.arrivalDate(),
        d.departureDate(), List.of(), Set.of(), d.emergencyContact(), d.consent()));
  }

  EvacuationRequest request(Registration r, Set<SpecialNeed> needs) {
    return rep.requestOpening().open(PARIS_OFFICER, crisis.id(),
        new RequestOpening.RequestInput(r.id(), null, needs, null, null));
  }

  EvacuationRequest read(EvacuationRequest r) {
    return rep.requests().get(CRISIS_CELL, crisis.id(), r.id());
  }

  /** A bus leaving in {@code hours}, its gate run by the Paris officer with the crisis cell. */
  TransportLeg bus(int seats, int hours, Place... from) {
    List<TransportLegs.PointInput> points = new ArrayList<>();
    for (Place p : from) {
      points.add(new TransportLegs.PointInput(p.id(), 0, null, null));
    }
    return rep.legs().create(CRISIS_CELL, crisis.id(), new TransportLegs.LegInput(TransportLeg.Kind.BUS,
        "Transports du Nord", "B" + hours, seats, 0, 1, clock.instant().plus(Duration.ofHours(hours)), 60,
        "Europe/Paris", "Tanger", points, PARIS_OFFICER.username()));
  }

  /** The notices queued, oldest first: phone, body, language. */
  List<Map<String, Object>> notices() {
    return jdbi.withHandle(h -> h.createQuery("SELECT phone, body, language FROM sms_send WHERE kind = 'NOTICE' "
        + "ORDER BY created_at, body").mapToMap().list());
  }

  /** The boarding code the last plan gave a request. */
  String code(EvacuationRequest r) {
    return read(r).assignment().boardingCode();
  }

  static Operation op(Type type, String code) {
    return new Operation(UUID.randomUUID(), type, code, null, null);
  }

  static Operation byTraveller(Type type, UUID travellerId) {
    return new Operation(UUID.randomUUID(), type, null, travellerId, null);
  }

  Gate.Answer gate(UUID legId, Operation op) {
    return rep.gate().apply(PARIS_OFFICER, legId, List.of(op)).get(0);
  }
}
