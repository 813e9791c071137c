package crisis.core.testing;

import crisis.core.audit.AuditPersonalData;
import crisis.core.audit.AuditTrail;
import crisis.core.crisis.CrisisService;
import crisis.core.outreach.OutreachPersonalData;
import crisis.core.registry.RegistryPersonalData;
import crisis.core.reintegration.ReintegrationPersonalData;
import crisis.core.repatriation.RepatriationPersonalData;
import crisis.core.repatriation.remains.RemainsPersonalData;
import crisis.core.retention.RetentionPolicy;
import crisis.core.retention.RetentionPurge;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The retention purge over the core's owners of personal data, as {@code crisis.api.services.PersonalDataOwners}
 * builds it without the simulator's phones (an alerts-module table the core's tests do not have).
 */
public final class CoreOwners {
  private CoreOwners() {}

  public static RetentionPurge purge(Jdbi jdbi, Clock clock, AuditTrail audit) {
    RetentionPolicy policy = RetentionPolicy.DEFAULT;
    return new RetentionPurge(jdbi, clock, policy, new RegistryPersonalData(),
        List.of(new OutreachPersonalData(policy), new ReintegrationPersonalData(policy),
            new RemainsPersonalData(policy, RegistryPersonalData::active),
            new RepatriationPersonalData(policy, ReintegrationPersonalData::followed),
            new AuditPersonalData(), new crisis.core.citizen.CitizenPersonalData()),
        CrisisService::active, audit);
  }
}
