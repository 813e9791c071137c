package crisis.core.registry;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the national agreed to, when and how. Registrations cannot exist without it. Purposes are kept in their
 * declaration order, so that equal consents serialise identically.
 */
public record Consent(Set<ConsentPurpose> purposes, Instant givenAt, ConsentMethod method) {
  public Consent {
    if (purposes != null && !purposes.isEmpty() && !purposes.contains(null)) {
      purposes = EnumSet.copyOf(purposes);
    }
  }
}
