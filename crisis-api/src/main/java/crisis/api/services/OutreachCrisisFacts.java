package crisis.api.services;

import crisis.core.crisis.db.CrisisDao;
import crisis.core.outreach.CrisisFacts;
import crisis.core.repatriation.db.EvacuationDao;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The outreach's answers about crises, from the tables' owners: the crisis's {@link CrisisDao}, repatriation's
 * {@link EvacuationDao} (outreach cannot name them: both use it).
 */
final class OutreachCrisisFacts implements CrisisFacts {
  @Override
  public boolean crisisExists(Handle h, UUID crisisId) {
    return h.attach(CrisisDao.class).exists(crisisId);
  }

  @Override
  public Map<String, Long> evacuationsByState(Handle h, UUID crisisId) {
    Map<String, Long> byState = new LinkedHashMap<>();
    h.attach(EvacuationDao.class).countByState(crisisId).stream()
        .sorted(Comparator.comparing(EvacuationDao.StateCount::state))
        .forEach(c -> byState.put(c.state(), c.n()));
    return byState;
  }
}
