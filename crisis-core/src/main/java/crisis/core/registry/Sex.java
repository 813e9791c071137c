package crisis.core.registry;

/** Sex as recorded in the civil register; X when not stated. */
public enum Sex {
  F, M, X
}
