package crisis.core.registry;

/** WGS84 coordinates in decimal degrees (latitude -90..90, longitude -180..180) and how they were obtained. */
public record Location(Double latitude, Double longitude, LocationSource source) {

  /** The point's cell in the geo index. */
  public long h3Cell() {
    return crisis.core.geo.GeoIndex.cellOf(latitude, longitude);
  }
}
