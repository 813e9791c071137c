package crisis.core.repatriation;

import crisis.core.privacy.FieldCipher;
import crisis.core.privacy.Hold;
import crisis.core.privacy.PersonalData;
import crisis.core.privacy.SubjectRows;
import crisis.core.repatriation.db.RetentionDao;
import crisis.core.retention.RetentionPolicy;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Repatriation's personal data: evacuation requests and their travellers, seats, gate passages and the gate's
 * answers. An evacuation is a record of the State's assistance: a person one names is held while it is kept, until
 * its legal period ({@link RetentionPolicy#closedRecordMonths}) after it ended (arrived, no show, cancelled); then it
 * goes whole, unless a reintegration case still follows it or its crisis is still active (docs/data-protection.md,
 * "Retention").
 */
public final class RepatriationPersonalData implements PersonalData {
  private final RetentionPolicy policy;
  private final BiFunction<Handle, UUID[], UUID[]> followed;

  /**
   * @param followed among evacuation requests, those another owner's record still follows (a reintegration case):
   *     they stay while it is kept
   */
  public RepatriationPersonalData(RetentionPolicy policy, BiFunction<Handle, UUID[], UUID[]> followed) {
    this.policy = policy;
    this.followed = followed;
  }

  @Override
  public Map<String, String> tables() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("evacuation_request", "registration_id (the household), phone");
    t.put("evacuation_traveller", "registration_id, and each traveller's identity");
    t.put("evacuation_assignment", "request_id");
    t.put("evacuation_plan", "request ids in its summary (the copy shows the seats themselves)");
    t.put("gate_passage", "traveller_id");
    t.put("gate_operation", "traveller ids and names in its result (a gate's replayed answer: the copy shows the"
        + " passages themselves)");
    t.put("transport_leg", "no national: staff names only");
    t.put("leg_assembly_point", "no person");
    return t;
  }

  @Override
  public Map<UUID, Hold> holds(Handle h, UUID[] ids, Set<UUID> openCrises) {
    return Hold.EVACUATION_RECORD.of(h.attach(RetentionDao.class).named(ids));
  }

  /**
   * The evacuation requests that name them (their household's, notes opened), their own traveller rows (document
   * numbers opened), the seats of those requests, their passages at the gate and the legs they were put on.
   */
  @Override
  public Map<String, List<Map<String, Object>>> export(Handle h, Subject person) {
    RetentionDao dao = h.attach(RetentionDao.class);
    FieldCipher cipher = FieldCipher.of(h);
    List<Map<String, Object>> requests = SubjectRows.of(cipher, dao.requests(person.id()),
        Map.of("notes_sealed", new SubjectRows.Sealed(FieldCipher.Field.EVACUATION_NOTES, "id")));
    List<Map<String, Object>> travellers = SubjectRows.of(cipher, dao.travellers(person.id()),
        Map.of("document_sealed", new SubjectRows.Sealed(FieldCipher.Field.DOCUMENT_NUMBER, "id")));
    UUID[] requestIds = ids(requests);
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    out.put("evacuation_request", requests);
    out.put("evacuation_traveller", travellers);
    out.put("evacuation_assignment", SubjectRows.of(dao.assignments(requestIds)));
    out.put("gate_passage", SubjectRows.of(dao.passages(ids(travellers))));
    out.put("transport_leg", SubjectRows.of(dao.legs(requestIds)));
    out.put("evacuation_plan", List.of());
    out.put("gate_operation", List.of());
    out.put("leg_assembly_point", List.of());
    return out;
  }

  static UUID[] ids(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> UUID.fromString((String) r.get("id"))).toArray(UUID[]::new);
  }

  /** Never called with a person an evacuation names (they are held), and it names no one else. */
  @Override
  public Map<String, Integer> forget(Handle h, Forgotten people) {
    return Map.of();
  }

  /**
   * Every request that ended before its legal period's start and that no other record follows, with its travellers,
   * seats and passages; the gates' replayed answers of that age, and the plans no seat comes from any more.
   */
  @Override
  public Map<String, Integer> expire(Handle h, Instant now, Set<UUID> openCrises) {
    RetentionDao dao = h.attach(RetentionDao.class);
    Instant before = policy.recordsClosedBefore(now);
    UUID[] ended = dao.endedBefore(before, openCrises.toArray(UUID[]::new));
    Set<UUID> kept = Set.of(followed.apply(h, ended));
    UUID[] requests = Arrays.stream(ended).filter(id -> !kept.contains(id)).toArray(UUID[]::new);
    Map<String, Integer> n = new TreeMap<>();
    if (requests.length > 0) {
      n.put("gate_passage", dao.deletePassages(requests));
      n.put("evacuation_assignment", dao.deleteAssignments(requests));
      n.put("evacuation_traveller", dao.deleteTravellers(requests));
      n.put("evacuation_request", dao.deleteRequests(requests));
    }
    n.put("gate_operation", dao.deleteGateOperations(before));
    n.put("evacuation_plan", dao.deletePlans(before));
    return n;
  }
}
