package crisis.alerts.pipeline;

import crisis.core.geo.GeoIndex;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Registrations, by registration id: keeps each person's version and join cell, and tells the cells when a person
 * arrives, moves (gone from the old cell, arrived in the new) or stops being alertable. A stale version (a replay of
 * an older state) changes nothing.
 */
final class LocateProcessor extends GuardedProcessor<RegistrationEvent> {
  private KeyValueStore<String, String> located;

  LocateProcessor() {
    super(RegistrationEvent.class, AlertTopology.LOCATE);
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    super.init(context);
    located = context.getStateStore(AlertTopology.LOCATED_STORE);
  }

  @Override
  String check(String key, RegistrationEvent e) {
    if (e == null) {
      return null;
    }
    if (e.id() == null || !e.id().toString().equals(key)) {
      return "the registration id is missing or differs from the key";
    }
    if (e.cell() != null && (e.latitude() == null || e.longitude() == null)) {
      return "a cell without a point";
    }
    return null;
  }

  @Override
  void handle(String key, RegistrationEvent e, long timestamp) {
    String previous = located.get(key);
    int previousVersion = previous == null ? 0 : Integer.parseInt(previous.substring(0, previous.indexOf('|')));
    String previousCell = previous == null ? "" : previous.substring(previous.indexOf('|') + 1);
    if (e != null && e.version() < previousVersion) {
      return;
    }
    String cell = e != null && e.alertable()
        ? Long.toHexString(GeoIndex.parent(e.cell(), AlertTopology.JOIN_RESOLUTION)) : "";
    if (!previousCell.isEmpty() && !previousCell.equals(cell)) {
      forward(AlertTopology.CELLS, previousCell, CellEvent.personGone(UUID.fromString(key)), timestamp);
    }
    if (!cell.isEmpty()) {
      forward(AlertTopology.CELLS, cell,
          CellEvent.person(new Person(e.id(), e.latitude(), e.longitude(), e.language())), timestamp);
    }
    if (e == null) {
      located.delete(key);
    } else {
      located.put(key, e.version() + "|" + cell);
    }
  }
}
