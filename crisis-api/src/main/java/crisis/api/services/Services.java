package crisis.api.services;

import crisis.api.config.Limits;
import crisis.core.audit.AuditTrail;
import crisis.core.crisis.CrisisInputs;
import crisis.core.crisis.CrisisPreview;
import crisis.core.crisis.CrisisService;
import crisis.core.outreach.OutreachService;
import crisis.core.citizen.CitizenRecords;
import crisis.core.citizen.Declarations;
import crisis.core.citizen.PhoneProofs;
import crisis.core.registry.PendingRegistrations;
import crisis.core.outreach.SenderPlan;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.ZoneParser;
import crisis.core.consulate.ConsulateService;
import crisis.core.country.CountryService;
import crisis.core.places.PlaceService;
import crisis.core.registry.DensityMap;
import crisis.core.registry.ZoneSearch;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import crisis.core.registry.importing.ImportMappings;
import crisis.core.registry.importing.RegistrationImporter;
import crisis.core.reintegration.Reintegration;
import crisis.core.reintegration.ReintegrationSettings;
import crisis.core.repatriation.RepatriationSettings;
import crisis.core.repatriation.Repatriation;
import crisis.core.users.UserService;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Every service of the system, built by constructor in one place; the server and the commands share it. */
public record Services(Jdbi jdbi, AuditTrail audit, RegistrationService registrations,
    RegistrationImporter importer, ImportMappings importMappings, ZoneSearch zoneSearch, DensityMap density, CountryService countries,
    ConsulateService consulates, UserService users, PlaceService places, ZoneParser zoneParser,
    CountryBoundaries boundaries, CrisisService crises, CrisisPreview crisisPreview, OutreachService outreach,
    Repatriation repatriation, Reintegration reintegration, PhoneProofs phoneProofs,
    PendingRegistrations pendingRegistrations, Declarations declarations, CitizenRecords citizenRecords) {

  /** With the default limit on zone vertices. */
  public static Services build(Jdbi jdbi, Clock clock) {
    return build(jdbi, clock, new Limits().maxZoneVertices);
  }

  public static Services build(Jdbi jdbi, Clock clock, int maxZoneVertices) {
    return build(jdbi, clock, maxZoneVertices, null);
  }

  /** @param senders the SMS senders, for the crisis preview's expected times (null: no estimate) */
  public static Services build(Jdbi jdbi, Clock clock, int maxZoneVertices, SenderPlan senders) {
    return build(jdbi, clock, maxZoneVertices, senders, RepatriationSettings.DEFAULTS,
        ReintegrationSettings.DEFAULTS);
  }

  /**
   * @param repatriation who gets seats first, how far households travel to a point, when gates close
   * @param reintegration when check-ins fall due and referrals remind
   */
  public static Services build(Jdbi jdbi, Clock clock, int maxZoneVertices, SenderPlan senders,
      RepatriationSettings repatriation, ReintegrationSettings reintegration) {
    AuditTrail audit = new AuditTrail(jdbi, clock);
    RegistrationValidator validator = new RegistrationValidator(clock);
    ZoneSearch zoneSearch = new ZoneSearch(jdbi, audit);
    ZoneParser zoneParser = new ZoneParser(maxZoneVertices);
    CountryBoundaries boundaries = CountryBoundaries.shared();
    CrisisService crises = new CrisisService(jdbi, new CrisisInputs(zoneParser, boundaries), clock);
    PhoneProofs proofs = new PhoneProofs(jdbi, senders == null ? SenderPlan.single("CRISIS", 1) : senders, clock);
    PendingRegistrations pending = new PendingRegistrations(jdbi, validator, audit, clock);
    Declarations declarations = new Declarations(jdbi, proofs, pending, clock);
    return new Services(jdbi, audit, new RegistrationService(jdbi, validator, audit, clock),
        new RegistrationImporter(jdbi, validator, audit, clock), new ImportMappings(jdbi, audit, clock), zoneSearch, new DensityMap(jdbi),
        new CountryService(jdbi, clock),
        new ConsulateService(jdbi), new UserService(jdbi), new PlaceService(jdbi, clock), zoneParser, boundaries,
        crises, new CrisisPreview(jdbi, crises, zoneSearch, audit, senders),
        new OutreachService(jdbi, audit, clock, new OutreachCrisisFacts()),
        Repatriation.build(jdbi, crises, zoneSearch, audit, senders, repatriation, clock),
        Reintegration.build(jdbi, audit, senders, reintegration, clock),
        proofs, pending, declarations, new CitizenRecords(jdbi, declarations, audit, clock));
  }
}
