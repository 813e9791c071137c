package crisis.core.repatriation;

import crisis.core.registry.Sex;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * One person of an evacuation request: a registered national ({@code registrationId}) or someone allowed to travel
 * with them (a foreign spouse, a child not registered), with what the gate and the manifest need.
 *
 * @param fullName the name as in the travel document
 * @param nameArabic the name in Arabic script, as registered (null when not known)
 * @param laissezPasser whether one must be issued before boarding (a traveller without a valid document)
 */
public record Traveller(UUID id, UUID registrationId, String fullName, String nameArabic, Sex sex,
    LocalDate dateOfBirth,
    String nationality, DocumentType documentType, String documentNumber, Set<SpecialNeed> needs,
    LaissezPasser laissezPasser) {

  public enum DocumentType { PASSPORT, NATIONAL_ID, LAISSEZ_PASSER, NONE }

  public enum LaissezPasser { NOT_NEEDED, REQUIRED, ISSUED }

  /** Whether nothing stops this traveller from boarding. */
  public boolean mayBoard() {
    return laissezPasser != LaissezPasser.REQUIRED;
  }
}
