package crisis.core.crisis;

/** What kind of event a crisis is. */
public enum CrisisType {
  ARMED_CONFLICT, CIVIL_UNREST, EARTHQUAKE, FLOOD, STORM, EPIDEMIC, HEAT, OTHER
}
