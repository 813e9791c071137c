package crisis.core.registry;

import crisis.core.privacy.Hold;
import crisis.core.privacy.PersonalData;
import crisis.core.retention.RetentionPolicy;
import crisis.core.retention.RetentionPurge;
import crisis.core.registry.db.RetentionDao;
import com.fasterxml.jackson.core.type.TypeReference;
import crisis.core.common.Json;
import crisis.core.registry.db.RegistrationDao;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The register's personal data: the registrations, their history, and the counts by cell, which hold no one but
 * follow every deletion. A temporary stay is past its period some days after its departure date; a registration
 * archived (the person left or came home) or merged, some months after that.
 */
public final class RegistryPersonalData implements RetentionPurge.Register {

  @Override
  public Map<String, String> tables() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("registration", "id");
    t.put("registration_change", "registration_id");
    t.put("registration_cell_count", "counts only, by cell: follow each deletion (trigger)");
    t.put("registration_cell_total", "counts only, by cell: follow each deletion (trigger)");
    t.put("import_run", "no person: a run's file name, hash and counts");
    t.put("import_mapping", "no person: a consulate's header names and the columns they are read as");
    return t;
  }

  @Override
  public UUID[] pastRetention(Handle h, UUID after, RetentionPolicy policy, Instant now, int limit) {
    return h.attach(RetentionDao.class).pastRetention(after, policy.staysEndedBefore(now), policy.retiredBefore(now),
        limit);
  }

  @Override
  public String[] phonesOnlyOf(Handle h, UUID[] ids) {
    return h.attach(RetentionDao.class).phonesOnlyOf(ids);
  }

  /** The register holds no one itself: the holds are the other owners' (a crisis, an evacuation, a case). */
  @Override
  public Map<UUID, Hold> holds(Handle h, UUID[] ids, Set<UUID> openCrises) {
    return Map.of();
  }

  @Override
  public void lock(Handle h, UUID[] ids) {
    h.attach(RetentionDao.class).lock(ids);
  }

  @Override
  public Optional<Subject> subject(Handle h, UUID id) {
    return h.attach(RegistrationDao.class).find(id)
        .map(r -> new Subject(r.id(), r.data().phone(), r.data().countryOfResidence()));
  }

  /**
   * The registration as the register holds it (identity numbers opened), with its consent; its whole history, each
   * change with the previous values (a consent's changes among them, with when and through what), and the history of
   * records merged into it.
   */
  @Override
  public Map<String, List<Map<String, Object>>> export(Handle h, Subject person) {
    RegistrationDao dao = h.attach(RegistrationDao.class);
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    out.put("registration", dao.find(person.id()).map(r -> List.of(asMap(r))).orElse(List.of()));
    out.put("registration_change", dao.history(person.id()).stream().map(RegistryPersonalData::asMap).toList());
    out.put("registration_cell_count", List.of());
    out.put("registration_cell_total", List.of());
    out.put("import_run", List.of());
    out.put("import_mapping", List.of());
    return out;
  }

  private static Map<String, Object> asMap(Object value) {
    return Json.read(Json.write(value), new TypeReference<Map<String, Object>>() {});
  }

  @Override
  public Map<String, Integer> forget(Handle h, Forgotten people) {
    RetentionDao dao = h.attach(RetentionDao.class);
    dao.unlinkMerged(people.ids());
    dao.unlinkChanges(people.ids());
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("registration_change", dao.deleteChanges(people.ids()));
    counts.put("registration", dao.delete(people.ids()));
    return counts;
  }

  /** Among {@code ids}, the registrations still active (a person the register still counts as living there). */
  public static UUID[] active(Handle h, UUID[] ids) {
    return h.attach(RetentionDao.class).active(ids);
  }
}
