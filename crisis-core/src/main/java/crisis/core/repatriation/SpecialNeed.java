package crisis.core.repatriation;

/**
 * What a traveller needs to be moved safely. Every traveller takes a seat; {@link #STRETCHER} also takes one of a
 * leg's stretcher places and {@link #WHEELCHAIR} one of its wheelchair places. {@link #NO_TRAVEL_DOCUMENT} means a
 * laissez-passer must be issued before boarding. The others set the household's priority tier.
 */
public enum SpecialNeed {
  STRETCHER, WHEELCHAIR, OXYGEN, MEDICAL_ESCORT, PREGNANCY, UNACCOMPANIED_MINOR, ELDERLY, NO_TRAVEL_DOCUMENT
}
