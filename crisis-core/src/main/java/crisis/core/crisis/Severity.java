package crisis.core.crisis;

/** How grave a crisis is, from a call for vigilance to a threat to life. */
public enum Severity {
  ADVISORY, WARNING, SEVERE, EXTREME
}
