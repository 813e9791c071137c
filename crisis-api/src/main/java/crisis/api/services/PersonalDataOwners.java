package crisis.api.services;

import crisis.alerts.sms.SimulatorPersonalData;
import crisis.core.audit.AuditPersonalData;
import crisis.core.audit.AuditTrail;
import crisis.core.crisis.CrisisService;
import crisis.core.outreach.OutreachPersonalData;
import crisis.core.retention.RetentionPolicy;
import crisis.core.retention.RetentionPurge;
import crisis.core.registry.RegistryPersonalData;
import crisis.core.reintegration.ReintegrationPersonalData;
import crisis.core.repatriation.RepatriationPersonalData;
import crisis.core.repatriation.remains.RemainsPersonalData;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Every owner of a person's data, in one list: the retention purge asks each of them, and the completeness test
 * checks that together they claim every table of the catalogue that can name a person.
 */
public final class PersonalDataOwners {
  private PersonalDataOwners() {}

  public static RetentionPurge purge(Jdbi jdbi, Clock clock, RetentionPolicy policy, AuditTrail audit) {
    return new RetentionPurge(jdbi, clock, policy, new RegistryPersonalData(),
        List.of(new OutreachPersonalData(policy), new SimulatorPersonalData(policy),
            new ReintegrationPersonalData(policy), new RemainsPersonalData(policy, RegistryPersonalData::active),
            new RepatriationPersonalData(policy, ReintegrationPersonalData::followed),
            new AuditPersonalData(), new crisis.core.citizen.CitizenPersonalData()),
        CrisisService::active, audit);
  }
}
