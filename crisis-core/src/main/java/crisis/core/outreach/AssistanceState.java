package crisis.core.outreach;

/** An assistance request is OPEN until the consulate closes it; a person has at most one open per crisis. */
public enum AssistanceState {
  OPEN, CLOSED
}
