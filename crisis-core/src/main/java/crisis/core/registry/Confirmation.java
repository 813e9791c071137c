package crisis.core.registry;

/**
 * Whether a registration's consulate has confirmed it: an officer's record is CONFIRMED from the start; a citizen's
 * own declaration (issue 34) is PENDING until an officer of its consulate confirms it, and alerted all the same.
 */
public enum Confirmation {
  CONFIRMED, PENDING
}
