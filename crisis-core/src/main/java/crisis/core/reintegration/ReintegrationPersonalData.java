package crisis.core.reintegration;

import crisis.core.privacy.FieldCipher;
import crisis.core.privacy.Hold;
import crisis.core.privacy.PersonalData;
import crisis.core.privacy.SubjectRows;
import crisis.core.privacy.SubjectRows.Sealed;
import crisis.core.reintegration.db.RetentionDao;
import crisis.core.retention.RetentionPolicy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Reintegration's personal data: cases, their members, needs, referrals, check-ins and assessments. A registration a
 * case's member comes from is held while the case is kept: open, or closed within its legal period
 * ({@link RetentionPolicy#closedRecordMonths}), after which the case goes whole (docs/data-protection.md, "Retention").
 */
public final class ReintegrationPersonalData implements PersonalData {
  private final RetentionPolicy policy;

  public ReintegrationPersonalData(RetentionPolicy policy) {
    this.policy = policy;
  }

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
  public Map<UUID, Hold> holds(Handle h, UUID[] ids, Set<UUID> openCrises) {
    return Hold.REINTEGRATION_CASE.of(h.attach(RetentionDao.class).named(ids));
  }

  /** The cases they are a member of, with every member's row, need, referral, check-in and assessment, notes opened. */
  @Override
  public Map<String, List<Map<String, Object>>> export(Handle h, Subject person) {
    RetentionDao dao = h.attach(RetentionDao.class);
    FieldCipher cipher = FieldCipher.of(h);
    List<Map<String, Object>> members = SubjectRows.of(dao.members(person.id()));
    UUID[] cases = members.stream().map(m -> UUID.fromString((String) m.get("case_id"))).distinct()
        .toArray(UUID[]::new);
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    out.put("reintegration_case", SubjectRows.of(dao.cases(cases)));
    out.put("reintegration_member", members);
    out.put("reintegration_need", SubjectRows.of(cipher, dao.needs(cases),
        Map.of("notes_sealed", new Sealed(FieldCipher.Field.NEED_NOTES, "id"))));
    out.put("reintegration_need_history", SubjectRows.of(cipher, dao.needHistory(cases),
        Map.of("note_sealed", new Sealed(FieldCipher.Field.NEED_HISTORY_NOTE, "need_id"))));
    out.put("reintegration_referral", SubjectRows.of(cipher, dao.referrals(cases),
        Map.of("asked_sealed", new Sealed(FieldCipher.Field.REFERRAL_ASKED, "id"),
            "answer_sealed", new Sealed(FieldCipher.Field.REFERRAL_ANSWER, "id"))));
    out.put("reintegration_checkin", SubjectRows.of(cipher, dao.checkIns(cases),
        Map.of("notes_sealed", new Sealed(FieldCipher.Field.CHECK_IN_NOTES, "id"))));
    out.put("reintegration_assessment", SubjectRows.of(dao.assessments(cases)));
    out.put("reintegration_partner", List.of());
    return out;
  }

  @Override
  public Map<String, Integer> forget(Handle h, Forgotten people) {
    return Map.of();
  }

  /** Every case closed before its legal period's start, whole. */
  @Override
  public Map<String, Integer> expire(Handle h, Instant now, Set<UUID> openCrises) {
    RetentionDao dao = h.attach(RetentionDao.class);
    UUID[] cases = dao.closedBefore(policy.recordsClosedBefore(now));
    Map<String, Integer> n = new TreeMap<>();
    if (cases.length == 0) {
      return n;
    }
    n.put("reintegration_checkin", dao.deleteCheckIns(cases));
    n.put("reintegration_referral", dao.deleteReferrals(cases));
    n.put("reintegration_assessment", dao.deleteAssessments(cases));
    n.put("reintegration_need_history", dao.deleteNeedHistory(cases));
    n.put("reintegration_need", dao.deleteNeeds(cases));
    n.put("reintegration_member", dao.deleteMembers(cases));
    n.put("reintegration_case", dao.deleteCases(cases));
    return n;
  }

  /** Among {@code requests} (evacuation requests), those a case still follows. */
  public static UUID[] followed(Handle h, UUID[] requests) {
    return h.attach(RetentionDao.class).followed(requests);
  }
}
