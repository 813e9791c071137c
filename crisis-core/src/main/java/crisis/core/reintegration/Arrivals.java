package crisis.core.reintegration;

import crisis.core.registry.db.RegistrationDao;
import crisis.core.repatriation.EvacuationRequest;
import crisis.core.repatriation.db.EvacuationDao;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What a case opened from an arrival starts from, asked of the owners: the request, its leg and its arrival from
 * repatriation, the travellers' consents from the registry (reintegration names none of their tables).
 */
final class Arrivals {
  private Arrivals() {}

  /** An evacuation request on its leg, arrived or not. */
  record Arrival(UUID id, UUID crisisId, String consulateId, EvacuationRequest.State state, String phone,
      String language, String destinationCity, Instant arrivedAt) {}

  /** A traveller of an arrived request, with the consent of their registration (null when not registered). */
  record Traveller(UUID registrationId, String fullName, String sex, LocalDate dateOfBirth, String consent,
      boolean main) {}

  /** The request with its leg's destination and arrival; empty when it has no seat. */
  static Optional<Arrival> arrival(Handle h, UUID requestId) {
    return h.attach(EvacuationDao.class).arrival(requestId).map(a -> new Arrival(a.id(), a.crisisId(),
        a.consulateId(), a.state(), a.phone(), a.language(), a.destinationCity(), a.arrivedAt()));
  }

  /** The request's travellers in their order, each registered one with the consent of their registration. */
  static List<Traveller> travellers(Handle h, UUID requestId) {
    List<EvacuationDao.Aboard> aboard = h.attach(EvacuationDao.class).aboard(requestId);
    Map<UUID, String> consents = new HashMap<>();
    h.attach(RegistrationDao.class).consents(aboard.stream().map(EvacuationDao.Aboard::registrationId)
            .filter(java.util.Objects::nonNull).distinct().toArray(UUID[]::new))
        .forEach(c -> consents.put(c.id(), c.consent()));
    return aboard.stream().map(t -> new Traveller(t.registrationId(), t.fullName(), t.sex(), t.dateOfBirth(),
        t.registrationId() == null ? null : consents.get(t.registrationId()), t.main())).toList();
  }
}
