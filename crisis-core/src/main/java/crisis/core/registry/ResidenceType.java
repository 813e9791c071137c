package crisis.core.registry;

/** Whether the national lives in the country or is there for a while (then with arrival and departure dates). */
public enum ResidenceType {
  RESIDENT, TEMPORARY
}
