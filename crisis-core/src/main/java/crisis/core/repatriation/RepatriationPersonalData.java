package crisis.core.repatriation;

import crisis.core.privacy.FieldCipher;
import crisis.core.privacy.Hold;
import crisis.core.privacy.PersonalData;
import crisis.core.privacy.SubjectRows;
import crisis.core.repatriation.db.RetentionDao;
import java.util.LinkedHashMap;
import java.util.List;
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
}
