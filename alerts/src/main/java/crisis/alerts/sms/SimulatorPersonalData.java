package crisis.alerts.sms;

import crisis.core.privacy.Hold;
import crisis.core.privacy.PersonalData;
import crisis.core.retention.RetentionPolicy;
import crisis.core.privacy.SubjectRows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The simulator's phones ({@code sms_simulated}): what a phone received, under the SMS texts' period, and gone with
 * the phone's only registered owner. Holds no one.
 */
public final class SimulatorPersonalData implements PersonalData {
  private final RetentionPolicy policy;

  public SimulatorPersonalData(RetentionPolicy policy) {
    this.policy = policy;
  }

  @Override
  public Map<String, String> tables() {
    return Map.of("sms_simulated", "phone");
  }

  @Override
  public Map<UUID, Hold> holds(Handle h, UUID[] ids, Set<UUID> openCrises) {
    return Map.of();
  }

  @Override
  public Map<String, Integer> forget(Handle h, Forgotten people) {
    return Map.of("sms_simulated", h.attach(SimulatorDao.class).forget(people.phones()));
  }

  @Override
  public Map<String, List<Map<String, Object>>> export(Handle h, Subject person) {
    return Map.of("sms_simulated", SubjectRows.of(h.attach(SimulatorDao.class).receivedBy(person.phone())));
  }

  @Override
  public Map<String, Integer> expire(Handle h, Instant now, Set<UUID> openCrises) {
    return Map.of("sms_simulated", h.attach(SimulatorDao.class).expire(policy.smsBodiesBefore(now)));
  }
}
