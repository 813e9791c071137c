package crisis.core.geo;

import java.util.Objects;

/**
 * A whole country as a crisis zone or a search: anyone inside its outline (Natural Earth 1:50m), and every active
 * resident of that country whose point lies where a registration's point is accepted for it (within the
 * {@linkplain CountryBoundaries#COASTAL_BAND_KM coastal band} of the outline, or of land the outline leaves out:
 * {@link CountryBoundaries#landBeyondOutline}) or who has no point at all. A country-wide crisis leaves no resident out
 * because of a coastline, a small island, a disputed border or a missing address.
 */
public final class CountryZone implements Zone {
  private final String iso2;
  private final PolygonZone outline;

  public CountryZone(String iso2, PolygonZone outline) {
    this.iso2 = Objects.requireNonNull(iso2);
    this.outline = Objects.requireNonNull(outline);
  }

  /** ISO 3166-1 alpha-2. */
  public String country() {
    return iso2;
  }

  public PolygonZone outline() {
    return outline;
  }

  @Override
  public boolean contains(double latitude, double longitude) {
    return outline.contains(latitude, longitude);
  }

  @Override
  public boolean reaches(Double latitude, Double longitude, String residence) {
    boolean located = latitude != null && longitude != null;
    if (!iso2.equals(residence)) {
      return located && outline.contains(latitude, longitude);
    }
    // Its own outline (as stored with the crisis) first; the land it leaves out only for the few beyond its band.
    return !located || CountryBoundaries.withinBand(outline, latitude, longitude)
        || CountryBoundaries.shared().landBeyondOutline(iso2, latitude, longitude);
  }

  @Override
  public Coverage cover() {
    return outline.cover();
  }
}
