package crisis.core.reintegration;

import crisis.core.privacy.PersonalData;
import crisis.core.reintegration.db.RetentionDao;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Reintegration's personal data: cases, their members, needs, referrals, check-ins and assessments. A registration a
 * case's member comes from is held while the case is kept; a closed case's legal period is still to set
 * (docs/data-protection.md, "Retention").
 */
public final class ReintegrationPersonalData implements PersonalData {

  @Override
  public Map<String, String> tables() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("reintegration_case", "request_id (the household)");
    t.put("reintegration_member", "registration_id, and each member's identity and phone");
    t.put("reintegration_need", "case_id, member_seq");
    t.put("reintegration_need_history", "need_id");
    t.put("reintegration_referral", "case_id");
    t.put("reintegration_checkin", "case_id, phone");
    t.put("reintegration_assessment", "case_id");
    t.put("reintegration_partner", "no national: partners' offices");
    return t;
  }

  @Override
  public Map<UUID, String> holds(Handle h, UUID[] ids, Set<UUID> openCrises) {
    Map<UUID, String> held = new LinkedHashMap<>();
    Arrays.stream(h.attach(RetentionDao.class).named(ids)).forEach(id -> held.put(id, "reintegration case"));
    return held;
  }

  @Override
  public Map<String, Integer> forget(Handle h, Forgotten people) {
    return Map.of();
  }
}
