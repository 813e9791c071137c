package crisis.core.repatriation;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * A flight, bus, ship or convoy home: what it carries, where and when it leaves (travellers must be at their assembly
 * point {@code reportMinutes} before), in which time zone its times are told to travellers, and where it lands.
 *
 * @param gateOfficer the consular officer the crisis cell named to run its gate (null: the cell alone)
 */
public record TransportLeg(UUID id, UUID crisisId, Kind kind, String carrier, String reference, int seats,
    int stretcherPlaces, int wheelchairPlaces, Instant departsAt, int reportMinutes, ZoneId timeZone,
    String destinationCity, State state, List<LegPoint> points, String gateOfficer, int version) {

  public enum Kind { FLIGHT, BUS, SHIP, CONVOY }

  public enum State { PLANNED, BOARDING, DEPARTED, ARRIVED, CANCELLED }

  /**
   * An assembly point the leg leaves from: a place, how many of the leg's travellers it holds (0: no limit), and
   * its opening hours in the leg's time zone (both null: always open).
   */
  public record LegPoint(UUID placeId, String name, double latitude, double longitude, String country, int capacity,
      LocalTime opens, LocalTime closes) {}

  /** When travellers must be at their assembly point. */
  public Instant reportBy() {
    return departsAt.minusSeconds(60L * reportMinutes);
  }

  /** Whether the planner may put households on it at {@code now}. */
  public boolean takesTravellers(Instant now) {
    return (state == State.PLANNED || state == State.BOARDING) && departsAt.isAfter(now);
  }
}
