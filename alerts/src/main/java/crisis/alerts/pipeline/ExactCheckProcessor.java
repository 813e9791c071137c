package crisis.alerts.pipeline;

import crisis.core.crisis.CrisisZone;
import crisis.core.geo.Zone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The exact test, by crisis id: keeps each crisis's latest state and tests every candidate point against its zones
 * (a point on the edge is inside). People inside an active crisis go on with its messages; candidates of a closed or
 * unknown crisis are dropped. A state is always seen before the candidates it caused: both come through this topic
 * and the state is written first.
 */
final class ExactCheckProcessor extends GuardedProcessor<CrisisCandidates> {
  private static final JsonSerde<CrisisEvent> CRISIS = JsonSerde.of(CrisisEvent.class);
  /** Parsed zones of the crises of this task, by crisis id and version. */
  private final Map<String, List<Zone>> zones = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<Zone>> eldest) {
      return size() > 64;
    }
  };
  private KeyValueStore<String, byte[]> crises;

  ExactCheckProcessor() {
    super(CrisisCandidates.class, AlertTopology.EXACT_CHECK);
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    super.init(context);
    crises = context.getStateStore(AlertTopology.CRISES_STORE);
  }

  @Override
  String check(String key, CrisisCandidates c) {
    if (c == null || (c.state() == null) == (c.people() == null)) {
      return "a candidate record holds either a crisis state or people";
    }
    if (c.state() != null && (c.state().id() == null || !c.state().id().toString().equals(key))) {
      return "the crisis id is missing or differs from the key";
    }
    return null;
  }

  @Override
  void handle(String key, CrisisCandidates c, long timestamp) {
    if (c.state() != null) {
      CrisisEvent current = CRISIS.read(crises.get(key));
      if (current == null || c.state().version() > current.version()) {
        crises.put(key, CRISIS.write(c.state()));
      }
      return;
    }
    CrisisEvent crisis = CRISIS.read(crises.get(key));
    if (crisis == null || !crisis.active() || crisis.messages().isEmpty()) {
      return;
    }
    List<Zone> exact = zones.computeIfAbsent(key + "@" + crisis.version(), k -> {
      List<Zone> z = new ArrayList<>();
      for (CrisisZone cz : crisis.zones()) {
        z.add(cz.zone());
      }
      return z;
    });
    for (Person p : c.people()) {
      for (Zone z : exact) {
        if (z.contains(p.latitude(), p.longitude())) {
          forward(AlertTopology.PERSON_CANDIDATES, p.id().toString(),
              new PersonCandidate(p.id(), crisis.id(), crisis.messages(), p.language()), timestamp);
          break;
        }
      }
    }
  }
}
