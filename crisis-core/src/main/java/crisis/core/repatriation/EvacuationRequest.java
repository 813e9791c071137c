package crisis.core.repatriation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One household's request to leave a crisis: who travels, where they are, and where the last plan put them
 * ({@code assignment}, null while waiting).
 */
public record EvacuationRequest(UUID id, UUID crisisId, UUID registrationId, String consulateId, String country,
    Source source, State state, String phone, String language, Double latitude, Double longitude, String notes,
    int version, Instant requestedAt, String requestedBy, Instant updatedAt, List<Traveller> travellers,
    Assignment assignment) {

  /**
   * How the request was opened: a LEAVE reply, an officer from a HELP request or at a desk, an order over a zone, or
   * at a departure for the travellers of a household partly aboard who did not board.
   */
  public enum Source { SMS, ASSISTANCE, DESK, ZONE, GATE }

  public enum State {
    OPEN, ASSIGNED, CHECKED_IN, BOARDED, ARRIVED, NO_SHOW, CANCELLED;

    /** Whether the planner may still give the household a seat, or move it. */
    public boolean plannable() {
      return this == OPEN || this == ASSIGNED;
    }
  }

  /** A seat on a leg, from an assembly point, with the household's boarding code. */
  public record Assignment(UUID legId, UUID placeId, String boardingCode, Instant assignedAt, Instant notifiedAt) {}

  public EvacuationRequest withTravellers(List<Traveller> t) {
    return new EvacuationRequest(id, crisisId, registrationId, consulateId, country, source, state, phone, language,
        latitude, longitude, notes, version, requestedAt, requestedBy, updatedAt, List.copyOf(t), assignment);
  }

  public EvacuationRequest withAssignment(Assignment a) {
    return new EvacuationRequest(id, crisisId, registrationId, consulateId, country, source, state, phone, language,
        latitude, longitude, notes, version, requestedAt, requestedBy, updatedAt, travellers, a);
  }

  /** What the household needs on a leg: every traveller a seat, and the special places. */
  public SeatPlanner.Demand demand() {
    int stretchers = 0;
    int wheelchairs = 0;
    for (Traveller t : travellers) {
      stretchers += t.needs().contains(SpecialNeed.STRETCHER) ? 1 : 0;
      wheelchairs += t.needs().contains(SpecialNeed.WHEELCHAIR) ? 1 : 0;
    }
    return new SeatPlanner.Demand(travellers.size(), stretchers, wheelchairs);
  }
}
