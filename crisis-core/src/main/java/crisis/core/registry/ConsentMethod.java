package crisis.core.registry;

/** How consent was collected. */
public enum ConsentMethod {
  IN_PERSON, PAPER_FORM, ONLINE_FORM, PHONE
}
