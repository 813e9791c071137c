package crisis.core.places;

/** What a place is for. */
public enum PlaceKind {
  ASSEMBLY_POINT, CONSULATE, AIRPORT, HOSPITAL, SHELTER, OTHER
}
