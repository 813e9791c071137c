package crisis.core.registry;

/** Why a temporary stay happens. */
public enum StayPurpose {
  STUDY, TOURISM, PILGRIMAGE, WORK, FAMILY_VISIT, MEDICAL, OTHER
}
