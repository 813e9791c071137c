package crisis.core.registry;

/** What a national agreed that the data may be used for. */
public enum ConsentPurpose {
  CRISIS_CONTACT, REPATRIATION, REINTEGRATION_FOLLOW_UP, SHARING_WITH_HOME_SERVICES
}
