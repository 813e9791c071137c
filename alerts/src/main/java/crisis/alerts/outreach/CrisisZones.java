package crisis.alerts.outreach;

import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisZone;
import crisis.core.geo.Zone;
import crisis.core.registry.db.RegistrationDao;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The zones of the crises alerts are checked against, parsed once per crisis version (a country's outline is costly
 * to read): the last few crises, since alerts come crisis by crisis.
 */
final class CrisisZones {
  private record Key(UUID crisis, int version) {}

  private final Map<Key, List<Zone>> parsed = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, List<Zone>> eldest) {
      return size() > 16;
    }
  };

  /** Whether the person is inside one of the crisis's zones (a country zone also reaches its residents). */
  synchronized boolean reach(Crisis crisis, RegistrationDao.Whereabouts person) {
    List<Zone> zones = parsed.computeIfAbsent(new Key(crisis.id(), crisis.version()), k -> {
      List<Zone> z = new ArrayList<>();
      for (CrisisZone cz : crisis.zones()) {
        z.add(cz.zone());
      }
      return z;
    });
    for (Zone z : zones) {
      if (z.reaches(person.latitude(), person.longitude(), person.countryOfResidence())) {
        return true;
      }
    }
    return false;
  }
}
