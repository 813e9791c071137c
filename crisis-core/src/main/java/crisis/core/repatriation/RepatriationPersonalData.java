package crisis.core.repatriation;

import crisis.core.privacy.PersonalData;
import crisis.core.repatriation.db.RetentionDao;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Repatriation's personal data: evacuation requests and their travellers, seats, gate passages and the gate's
 * answers. An evacuation is a record of the State's assistance: a person one names is held while it is kept, and
 * the evacuation records' own period (with the closed reintegration cases') is still to set (docs/data-protection.md,
 * "Retention"), so none is purged yet.
 */
public final class RepatriationPersonalData implements PersonalData {

  @Override
  public Map<String, String> tables() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("evacuation_request", "registration_id (the household), phone");
    t.put("evacuation_traveller", "registration_id, and each traveller's identity");
    t.put("evacuation_assignment", "request_id");
    t.put("evacuation_plan", "request ids in its summary");
    t.put("gate_passage", "traveller_id");
    t.put("gate_operation", "traveller ids and names in its result");
    t.put("transport_leg", "no national: staff names only");
    t.put("leg_assembly_point", "no person");
    return t;
  }

  @Override
  public Map<UUID, String> holds(Handle h, UUID[] ids, Set<UUID> openCrises) {
    Map<UUID, String> held = new LinkedHashMap<>();
    Arrays.stream(h.attach(RetentionDao.class).named(ids)).forEach(id -> held.put(id, "evacuation record"));
    return held;
  }

  /** Never called with a person an evacuation names (they are held), and it names no one else. */
  @Override
  public Map<String, Integer> forget(Handle h, Forgotten people) {
    return Map.of();
  }
}
