package crisis.core.geo;

import java.util.Objects;

/**
 * A whole country as a crisis zone or a search: anyone inside its outline (Natural Earth 1:50m), and every active
 * resident of that country whose point lies within {@link CountryBoundaries#MARGIN_KM} of the outline (its coast,
 * its small islands, the outline's simplification: the same margin a registration's point is checked against) or
 * who has no point at all. A country-wide crisis leaves no resident out because of a coastline or a missing address.
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
    // Its own outline, not a second look-up: inside, or within the margin, in one test.
    return !located || CountryBoundaries.withinMargin(outline, latitude, longitude);
  }

  @Override
  public Coverage cover() {
    return outline.cover();
  }
}
