package crisis.api.api;

import crisis.core.registry.PendingRegistrations;
import java.util.List;

/**
 * A declaration in the consulate's queue: the record as declared and the records it may duplicate ({@code id} null
 * for one outside the officer's jurisdiction).
 */
public record PendingView(RegistrationView registration, List<PendingRegistrations.PossibleDuplicate>
    possibleDuplicates) {
  public static PendingView of(PendingRegistrations.Pending p) {
    return new PendingView(RegistrationView.of(p.registration()), p.possibleDuplicates());
  }
}
