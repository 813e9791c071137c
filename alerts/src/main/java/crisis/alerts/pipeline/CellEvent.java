package crisis.alerts.pipeline;

import java.util.UUID;

/**
 * A change seen by one coarse H3 cell (topic {@code pipeline-cells}, key: the cell in hex): a person arriving or
 * leaving, a crisis starting or stopping to cover it. Registrations and crises meet here, partitioned by cell.
 */
public record CellEvent(Kind kind, Person person, UUID registrationId, UUID crisisId) {

  public enum Kind { PERSON, PERSON_GONE, CRISIS, CRISIS_GONE }

  public static CellEvent person(Person p) {
    return new CellEvent(Kind.PERSON, p, p.id(), null);
  }

  public static CellEvent personGone(UUID id) {
    return new CellEvent(Kind.PERSON_GONE, null, id, null);
  }

  public static CellEvent crisis(UUID id) {
    return new CellEvent(Kind.CRISIS, null, null, id);
  }

  public static CellEvent crisisGone(UUID id) {
    return new CellEvent(Kind.CRISIS_GONE, null, null, id);
  }
}
