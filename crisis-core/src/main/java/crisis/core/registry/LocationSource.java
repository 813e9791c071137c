package crisis.core.registry;

/** How a registration's coordinates were obtained, from the most to the least precise. */
public enum LocationSource {
  GPS, GEOCODED, CONSULAR_ESTIMATE
}
