package crisis.core.registry;

import crisis.core.privacy.PersonalData;
import crisis.core.privacy.RetentionPolicy;
import crisis.core.privacy.RetentionPurge;
import crisis.core.registry.db.RetentionDao;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
  public Map<UUID, String> holds(Handle h, UUID[] ids, Set<UUID> openCrises) {
    return Map.of();
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
}
