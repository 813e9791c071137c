package crisis.core.reintegration;

/** Where a need stands. MET, NOT_MET and NO_LONGER_NEEDED end it (it can be set open again, with a note). */
public enum NeedStatus {
  IDENTIFIED, REFERRED, IN_PROGRESS, MET, NOT_MET, NO_LONGER_NEEDED;

  public boolean open() {
    return this == IDENTIFIED || this == REFERRED || this == IN_PROGRESS;
  }
}
