package crisis.core.repatriation.remains;

import crisis.core.privacy.FieldCipher;
import crisis.core.privacy.Hold;
import crisis.core.privacy.PersonalData;
import crisis.core.privacy.SubjectRows;
import crisis.core.retention.RetentionPolicy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The remains cases' personal data: the deceased, their next of kin, the documents and costs. A registration a case
 * names is held while the case is kept: open, or handed over within its legal period
 * ({@link RetentionPolicy#closedRecordMonths}), after which it goes whole (docs/data-protection.md, "Retention") once
 * the deceased's registration is no longer active.
 */
public final class RemainsPersonalData implements PersonalData {
  private final RetentionPolicy policy;
  private final BiFunction<Handle, UUID[], UUID[]> stillActive;

  /**
   * @param stillActive among registrations, those still active: a case naming one stays, since it is what keeps a
   *     deceased national out of evacuation orders until their registration is archived
   */
  public RemainsPersonalData(RetentionPolicy policy, BiFunction<Handle, UUID[], UUID[]> stillActive) {
    this.policy = policy;
    this.stillActive = stillActive;
  }

  @Override
  public Map<String, String> tables() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("remains_case", "registration_id, and the deceased's and next of kin's identity");
    t.put("remains_change", "case_id");
    t.put("remains_cost", "case_id");
    t.put("remains_document", "case_id");
    return t;
  }

  @Override
  public Map<UUID, Hold> holds(Handle h, UUID[] ids, Set<UUID> openCrises) {
    return Hold.REMAINS_CASE.of(h.attach(RemainsDao.class).registrationsNamed(ids));
  }

  @Override
  public Map<String, List<Map<String, Object>>> export(Handle h, Subject person) {
    RemainsDao dao = h.attach(RemainsDao.class);
    List<Map<String, Object>> cases = SubjectRows.of(FieldCipher.of(h), dao.casesNaming(person.id()),
        Map.of("document_sealed", new SubjectRows.Sealed(FieldCipher.Field.DOCUMENT_NUMBER, "id")));
    UUID[] ids = cases.stream().map(r -> UUID.fromString((String) r.get("id"))).toArray(UUID[]::new);
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    out.put("remains_case", cases);
    out.put("remains_document", SubjectRows.of(dao.documentsOf(ids)));
    out.put("remains_cost", SubjectRows.of(dao.costsOf(ids)));
    out.put("remains_change", SubjectRows.of(dao.changesOf(ids)));
    return out;
  }

  @Override
  public Map<String, Integer> forget(Handle h, Forgotten people) {
    return Map.of();
  }

  /** Every case handed over before its legal period's start, whole, unless its deceased is still registered active. */
  @Override
  public Map<String, Integer> expire(Handle h, Instant now, Set<UUID> openCrises) {
    RemainsDao dao = h.attach(RemainsDao.class);
    UUID[] handedOver = dao.handedOverBefore(policy.recordsClosedBefore(now));
    UUID[] cases = handedOver.length == 0 ? handedOver
        : dao.namingNoneOf(handedOver, stillActive.apply(h, dao.registrationsOf(handedOver)));
    Map<String, Integer> n = new TreeMap<>();
    if (cases.length == 0) {
      return n;
    }
    n.put("remains_document", dao.deleteDocuments(cases));
    n.put("remains_cost", dao.deleteCosts(cases));
    n.put("remains_change", dao.deleteChanges(cases));
    n.put("remains_case", dao.deleteCases(cases));
    return n;
  }
}
