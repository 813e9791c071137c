package crisis.core.repatriation;

import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationStatus;
import crisis.core.repatriation.EvacuationRequest.Source;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.db.EvacuationDao;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** What the citizens' LEAVE and STAY replies do to their household's evacuation request, in the reply's transaction. */
public final class EvacuationReplies {
  private EvacuationReplies() {}

  /**
   * What a LEAVE reply does, in the reply's transaction: one request for the household of the phone (the people the
   * alert was for) in the crisis of the alert, unless it or one of its people already has one; a household that
   * was a no-show is put back on the waitlist (its request OPEN again).
   *
   * @return the request opened or reopened, or null when there was one already (or nobody to open it for)
   */
  public static UUID openFromReply(Handle h, UUID crisisId, List<UUID> registrationIds, String phone,
      Instant now) {
    if (crisisId == null || registrationIds.isEmpty()) {
      return null;
    }
    EvacuationDao dao = h.attach(EvacuationDao.class);
    dao.lockCrisis(crisisId);
    UUID[] ids = registrationIds.toArray(UUID[]::new);
    // A household that missed its leg (told its seats were gone, and that 3 puts it back on the list) asks again.
    List<EvacuationRequest> missed = dao.withTravellersAmong(crisisId, ids, new String[] {State.NO_SHOW.name()});
    if (!missed.isEmpty()) {
      dao.setState(missed.stream().map(EvacuationRequest::id).toArray(UUID[]::new), State.OPEN.name(), now);
      return missed.get(0).id();
    }
    if (!dao.travelling(crisisId, ids).isEmpty()) {
      return null;
    }
    List<Registration> people = h.attach(crisis.core.registry.db.ZoneQueryDao.class)
        .findAll(registrationIds.toArray(UUID[]::new)).stream()
        .filter(r -> r.status() == RegistrationStatus.ACTIVE).toList();
    if (people.isEmpty()) {
      return null;
    }
    List<Traveller> travellers = Households.household(people);
    Registration first = people.stream().min(java.util.Comparator.comparing(Registration::createdAt)
        .thenComparing(Registration::id)).orElseThrow();
    EvacuationRequest q = Households.insert(h, crisisId, first, Source.SMS, null, travellers, "sms:" + phone, now);
    return q == null ? null : q.id();
  }

  /** What a STAY reply does: cancels the household's request while it still waits or is only assigned. */
  public static boolean cancelFromReply(Handle h, UUID crisisId, List<UUID> registrationIds, String phone,
      Instant now) {
    if (crisisId == null || registrationIds.isEmpty()) {
      return false;
    }
    EvacuationDao dao = h.attach(EvacuationDao.class);
    dao.lockCrisis(crisisId);
    boolean any = false;
    for (EvacuationRequest r : dao.ofRegistrations(crisisId, registrationIds.toArray(UUID[]::new),
        new String[] {State.OPEN.name(), State.ASSIGNED.name()})) {
      dao.cancelRequest(r.id(), "sms:" + phone, "the citizen answered STAY", now);
      dao.markWithdrawn(r.id());
      any = true;
    }
    return any;
  }
}
