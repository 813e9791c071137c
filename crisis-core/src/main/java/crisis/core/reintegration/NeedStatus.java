package crisis.core.reintegration;

/** Where a need stands. MET, NOT_MET and NO_LONGER_NEEDED end it (it can be set open again, with a note). */
public enum NeedStatus {
  IDENTIFIED, REFERRED, IN_PROGRESS, MET, NOT_MET, NO_LONGER_NEEDED;

  /** Whether the need still waits for something to be done: the one rule, which SQL is given by {@link #openNames}. */
  public boolean open() {
    return this == IDENTIFIED || this == REFERRED || this == IN_PROGRESS;
  }

  /** The names of the open statuses, for SQL ({@code status = ANY(:open)}). */
  public static String[] openNames() {
    return java.util.Arrays.stream(values()).filter(NeedStatus::open).map(Enum::name).toArray(String[]::new);
  }
}
