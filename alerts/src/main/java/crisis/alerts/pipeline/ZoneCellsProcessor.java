package crisis.alerts.pipeline;

import crisis.core.crisis.CrisisZone;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Crises, by crisis id: passes each new state to the exact test first, then tells every coarse cell the active
 * crisis covers (all of them, so a new message or a larger zone reaches everyone there) and every cell it no longer
 * covers. A state already seen (same or older version) changes nothing; a state ahead of the database's version is
 * refused and reported to the crisis ({@link Versions}): it would make the crisis cell's next real change stale.
 */
final class ZoneCellsProcessor extends GuardedProcessor<CrisisEvent> {
  private final Versions database;
  private KeyValueStore<String, String> versions;
  private KeyValueStore<String, String> cells;

  ZoneCellsProcessor(Versions database) {
    super(CrisisEvent.class, AlertTopology.ZONE_CELLS, false);
    this.database = database;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    super.init(context);
    versions = context.getStateStore(AlertTopology.CRISIS_VERSION_STORE);
    cells = context.getStateStore(AlertTopology.CRISIS_CELLS_STORE);
  }

  @Override
  String check(String key, CrisisEvent e) {
    if (e == null) {
      return null;
    }
    if (e.id() == null || !e.id().toString().equals(key)) {
      return "the crisis id is missing or differs from the key";
    }
    if (e.status() == null || e.zones() == null || e.messages() == null) {
      return "status, zones and messages are required";
    }
    int stored = database.crisis(e.id());
    if (e.version() > stored) {
      return "version " + e.version() + " is ahead of the database's (" + stored + "): not written by the relay";
    }
    if (e.active()) {
      for (CrisisZone z : e.zones()) {
        z.zone();
      }
    }
    return null;
  }

  /** A crisis whose zones cannot be read or covered: its tally says so (the crisis page, the health check). */
  @Override
  void failed(String key, CrisisEvent value, String reason, long timestamp) {
    java.util.UUID id = crisisIdOf(key);
    if (id != null) {
      reportToCrisis(id, value == null ? 0 : value.version(), reason, timestamp);
    }
  }

  @Override
  void handle(String key, CrisisEvent event, long timestamp) {
    // A deleted crisis (a tombstone) stops like a closed one.
    CrisisEvent e = event != null ? event
        : new CrisisEvent(java.util.UUID.fromString(key), Integer.MAX_VALUE, "DELETED", List.of(), List.of());
    String seen = versions.get(key);
    if (seen != null && e.version() <= Integer.parseInt(seen)) {
      return;
    }
    Set<String> now = new HashSet<>();
    if (e.active()) {
      for (CrisisZone z : e.zones()) {
        for (long c : z.zone().cover().joinCells()) {
          now.add(Long.toHexString(c));
        }
        if (z.country() != null) {
          now.add(AlertTopology.countryCell(z.country()));
        }
      }
    }
    forward(AlertTopology.CANDIDATES, key, CrisisCandidates.state(e), timestamp);
    List<String> gone = new ArrayList<>();
    try (KeyValueIterator<String, String> it = cells.prefixScan(key + "|", AlertTopology.STRING_SERIALIZER)) {
      while (it.hasNext()) {
        KeyValue<String, String> kv = it.next();
        String cell = kv.key.substring(key.length() + 1);
        if (!now.contains(cell)) {
          gone.add(cell);
        }
      }
    }
    java.util.UUID id = java.util.UUID.fromString(key);
    for (String cell : gone) {
      cells.delete(key + "|" + cell);
      forward(AlertTopology.CELLS, cell, CellEvent.crisisGone(id), timestamp);
    }
    for (String cell : now) {
      cells.put(key + "|" + cell, "");
      forward(AlertTopology.CELLS, cell, CellEvent.crisis(id), timestamp);
    }
    if (event == null) {
      versions.delete(key);
    } else {
      versions.put(key, Integer.toString(e.version()));
    }
  }
}
