package crisis.alerts.pipeline;

import crisis.core.registry.RegistrationStatus;
import crisis.core.geo.GeoIndex;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Registrations, by registration id: keeps each person's version and join cell, and tells the cells when a person
 * arrives, moves (gone from the old cell, arrived in the new) or stops being alertable. A stale version (a replay of
 * an older state) changes nothing. A version ahead of the database's is refused ({@link Versions}); the database is
 * asked only when a version skips (the first seen above 1, or more than one above the last), which the relay's
 * states do only when several changes were committed between two of its rounds.
 */
final class LocateProcessor extends GuardedProcessor<RegistrationEvent> {
  private final Versions versions;
  private KeyValueStore<String, String> located;

  LocateProcessor(Versions versions) {
    super(RegistrationEvent.class, AlertTopology.LOCATE, true);
    this.versions = versions;
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
    if ((e.cell() == null) != (e.position() == null)) {
      return "a cell without a position, or a position without a cell";
    }
    return null;
  }

  /**
   * Each active person is in three join cells: the H3 cells of their point (when they have one) at
   * {@link AlertTopology#JOIN_RESOLUTION} and at {@link AlertTopology#WIDE_JOIN_RESOLUTION}, and their country of
   * residence ({@code country:XX}), where country-wide crises reach every resident, located or not. Kept as
   * {@code version|cell|country cell|wide cell} (a state written before the wide cell existed has three parts).
   */
  @Override
  void handle(String key, RegistrationEvent e, long timestamp) {
    String previous = located.get(key);
    String[] was = previous == null ? new String[] {"0", "", "", ""} : (previous + "||").split("\\|", -1);
    int previousVersion = Integer.parseInt(was[0]);
    if (e != null && e.version() < previousVersion) {
      return;
    }
    // Checked here, with the stored state already read: the database is asked only when the version skips.
    if (e != null && e.version() > previousVersion + 1 && e.version() > versions.registration(e.id())) {
      throw new Refused("version " + e.version() + " is ahead of the database's: not written by the relay");
    }
    boolean active = e != null && e.status() == RegistrationStatus.ACTIVE;
    boolean alertable = e != null && e.alertable();
    String cell = alertable ? Long.toHexString(GeoIndex.parent(e.cell(), AlertTopology.JOIN_RESOLUTION)) : "";
    String wideCell = alertable
        ? Long.toHexString(GeoIndex.parent(e.cell(), AlertTopology.WIDE_JOIN_RESOLUTION)) : "";
    String countryCell = active && e.country() != null ? AlertTopology.countryCell(e.country()) : "";
    String[] now = {cell, countryCell, wideCell};
    UUID id = UUID.fromString(key);
    for (String old : new String[] {was[1], was[2], was[3]}) {
      if (!old.isEmpty() && !old.equals(cell) && !old.equals(countryCell) && !old.equals(wideCell)) {
        forward(AlertTopology.CELLS, old, CellEvent.personGone(id), timestamp);
      }
    }
    if (!cell.isEmpty() || !countryCell.isEmpty()) {
      Person p = new Person(e.id(), e.position(), e.language(), e.country());
      for (String c : now) {
        if (!c.isEmpty()) {
          forward(AlertTopology.CELLS, c, CellEvent.person(p), timestamp);
        }
      }
    }
    if (e == null) {
      located.delete(key);
    } else {
      located.put(key, e.version() + "|" + cell + "|" + countryCell + "|" + wideCell);
    }
  }
}
