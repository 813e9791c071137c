package crisis.core.repatriation.remains;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A national who died abroad, until the remains are handed to the family at home: who they were, the family
 * contact, the four documents and their state, the transport, the costs and who bears them, the status.
 */
public record RemainsCase(UUID id, UUID crisisId, UUID registrationId, String consulateId, String country,
    String deceasedName, LocalDate dateOfBirth, LocalDate dateOfDeath, String placeOfDeath, String documentNumber,
    Family family, String destinationCity, Transport transport, Status status, List<Document> documents,
    List<Cost> costs, int version, Instant createdAt, String createdBy, Instant updatedAt) {

  /** In order; a case only moves forward, one step or more. */
  public enum Status {
    OPENED, DOCUMENTS_IN_PROGRESS, CLEARED_FOR_TRANSPORT, IN_TRANSIT, ARRIVED, HANDED_OVER
  }

  public enum DocumentKind { DEATH_CERTIFICATE, BURIAL_PERMIT, MORTUARY_PASS, TRANSPORT_PERMIT }

  public enum DocumentState {
    MISSING, REQUESTED, RECEIVED, ISSUED;

    public boolean inHand() {
      return this == RECEIVED || this == ISSUED;
    }
  }

  public enum BorneBy { FAMILY, STATE, INSURER, EMPLOYER, OTHER }

  /** Who the consulate speaks to. */
  public record Family(String name, String phone, String relation) {}

  /** How the remains travel home. */
  public record Transport(String mode, String carrier, String reference, Instant departsAt) {}

  public record Document(DocumentKind kind, DocumentState state, String reference, Instant updatedAt) {}

  public record Cost(UUID id, String item, BigDecimal amount, String currency, BorneBy borneBy, Instant addedAt,
      String addedBy) {}
}
