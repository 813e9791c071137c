package crisis.core.crisis;

/** A crisis is prepared as a draft, alerts while active, and alerts no one once closed. */
public enum CrisisStatus {
  DRAFT, ACTIVE, CLOSED
}
