package crisis.core.geo;

/**
 * An area of the Earth a question is asked about: who of ours is inside? Implementations are immutable and
 * thread-safe.
 */
public sealed interface Zone permits PolygonZone, CircleZone {

  /** The exact test of one point, in degrees (latitude -90..90, longitude -180..180). */
  boolean contains(double latitude, double longitude);

  /** The fine-cell ranges that hold every point of the zone, some marked as needing no exact test. */
  Coverage cover();
}
