package crisis.api;

import crisis.core.audit.AuditTrail;
import crisis.core.consulate.ConsulateService;
import crisis.core.country.CountryService;
import crisis.core.geo.DensityMap;
import crisis.core.places.PlaceService;
import crisis.core.registry.ZoneSearch;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import crisis.core.registry.importing.RegistrationImporter;
import crisis.core.users.UserService;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Every service of the system, built by constructor in one place; the server and the commands share it. */
public record Services(Jdbi jdbi, AuditTrail audit, RegistrationService registrations,
    RegistrationImporter importer, ZoneSearch zoneSearch, DensityMap density, CountryService countries,
    ConsulateService consulates, UserService users, PlaceService places) {

  public static Services build(Jdbi jdbi, Clock clock) {
    AuditTrail audit = new AuditTrail(jdbi, clock);
    RegistrationValidator validator = new RegistrationValidator(clock);
    return new Services(jdbi, audit, new RegistrationService(jdbi, validator, audit, clock),
        new RegistrationImporter(jdbi, validator, audit, clock), new ZoneSearch(jdbi, audit), new DensityMap(jdbi),
        new CountryService(jdbi, clock),
        new ConsulateService(jdbi), new UserService(jdbi), new PlaceService(jdbi, clock));
  }
}
