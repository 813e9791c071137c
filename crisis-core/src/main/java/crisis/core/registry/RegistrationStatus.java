package crisis.core.registry;

/** ACTIVE records are alerted; ARCHIVED ones are kept for history; MERGED ones live on in the record named by mergedInto. */
public enum RegistrationStatus {
  ACTIVE, ARCHIVED, MERGED
}
