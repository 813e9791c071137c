package crisis.core.registry;

import java.util.UUID;

/**
 * The national is already registered: the existing record is named instead of writing a second one, when the actor
 * may see it; otherwise only the rule is told (null id), so that nobody learns of records outside their jurisdiction.
 */
public class DuplicateRegistrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final UUID existingId;
  private final String rule;

  public DuplicateRegistrationException(UUID existingId, String rule) {
    super("already registered (same " + rule + ")"
        + (existingId == null ? " in another consulate's jurisdiction" : " as " + existingId));
    this.existingId = existingId;
    this.rule = rule;
  }

  public UUID existingId() {
    return existingId;
  }

  /** The field or fields that matched: nationalId, passportNumber, phone+name+dateOfBirth or externalId. */
  public String rule() {
    return rule;
  }
}
