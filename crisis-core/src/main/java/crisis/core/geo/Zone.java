package crisis.core.geo;

/**
 * An area of the Earth a question is asked about: who of ours is inside? Implementations are immutable and
 * thread-safe.
 */
public sealed interface Zone permits PolygonZone, CircleZone, CountryZone {

  /** The exact test of one point, in degrees (latitude -90..90, longitude -180..180). */
  boolean contains(double latitude, double longitude);

  /**
   * Whether a registration is reached: its point (null when it has none) inside the zone; a country zone also
   * reaches the residents of its country ({@code residence}, ISO alpha-2) as {@link CountryZone} says.
   */
  default boolean reaches(Double latitude, Double longitude, String residence) {
    return latitude != null && longitude != null && contains(latitude, longitude);
  }

  /** The fine-cell ranges that hold every point of the zone, some marked as needing no exact test. */
  Coverage cover();
}
