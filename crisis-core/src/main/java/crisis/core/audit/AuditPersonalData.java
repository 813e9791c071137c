package crisis.core.audit;

import crisis.core.privacy.Hold;
import crisis.core.privacy.PersonalData;
import crisis.core.privacy.SubjectRows;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The audit trail's part of a person's data: who read or changed their registration, which their copy shows. The
 * trail is append-only evidence (the server can neither update nor delete it, 035): it names people by id only, holds
 * no one and forgets no one; its own retention is the owner role's (docs/data-protection.md, "Retention").
 */
public final class AuditPersonalData implements PersonalData {

  @Override
  public Map<String, String> tables() {
    return Map.of("audit_event", "registration_ids: ids only, append-only; outside the purge");
  }

  @Override
  public Map<UUID, Hold> holds(Handle h, UUID[] ids, Set<UUID> openCrises) {
    return Map.of();
  }

  @Override
  public Map<String, Integer> forget(Handle h, Forgotten people) {
    return Map.of();
  }

  @Override
  public Map<String, List<Map<String, Object>>> export(Handle h, Subject person) {
    return Map.of("audit_event", SubjectRows.of(h.attach(AuditDao.class).about(person.id())));
  }
}
