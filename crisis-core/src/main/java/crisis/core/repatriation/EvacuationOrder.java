package crisis.core.repatriation;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.CrisisZone;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationStatus;
import crisis.core.registry.ZoneSearch;
import crisis.core.repatriation.EvacuationRequest.Source;
import crisis.core.repatriation.db.EvacuationDao;
import crisis.core.repatriation.remains.RemainsDao;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The crisis cell's order to leave: a request for every household inside a crisis's zones that has none, in one
 * transaction under the crisis's lock.
 */
public final class EvacuationOrder {
  private final Jdbi jdbi;
  private final CrisisService crises;
  private final ZoneSearch search;
  private final AuditTrail audit;
  private final Clock clock;

  EvacuationOrder(Jdbi jdbi, CrisisService crises, ZoneSearch search, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.crises = crises;
    this.search = search;
    this.audit = audit;
    this.clock = clock;
  }

  /** The answer to a bulk order: how many households got a request, and how many already had one. */
  public record Ordered(int opened, int alreadyRequested, int people) {}

  /**
   * The crisis cell orders everyone inside the crisis's zones to leave: one request per phone (people sharing a
   * phone are one household, as the alerts treat them), with every registration at that phone and their household
   * members. Households that already have a request, or whose people travel in one, are left as they are.
   */
  public Ordered orderEvacuation(Actor actor, UUID crisisId) {
    CrisisService.requireCell(actor);
    Crisis crisis = EvacuationRequests.activeCrisis(crises, actor, crisisId);
    Set<UUID> inside = new LinkedHashSet<>();
    for (CrisisZone z : crisis.zones()) {
      inside.addAll(search.ids(actor, z.zone()));
    }
    return jdbi.inTransaction(h -> {
      EvacuationDao dao = h.attach(EvacuationDao.class);
      dao.lockCrisis(crisis.id());
      UUID[] insideIds = inside.toArray(UUID[]::new);
      // Left as they are: people travelling in a request already; households that withdrew theirs (STAY: the
      // citizen decides, an order does not overrule them); nationals whose remains are being repatriated.
      Set<UUID> travelling = new java.util.HashSet<>(dao.travelling(crisis.id(), insideIds));
      Set<UUID> withdrawn = new java.util.HashSet<>(dao.withdrawn(crisis.id(), insideIds));
      Set<UUID> deceased = new java.util.HashSet<>(h.attach(RemainsDao.class).withCase(insideIds));
      Map<String, List<Registration>> byPhone = new LinkedHashMap<>();
      Set<String> alreadyRequested = new LinkedHashSet<>();
      crisis.core.registry.db.ZoneQueryDao registrations = h.attach(crisis.core.registry.db.ZoneQueryDao.class);
      List<UUID> ids = new ArrayList<>(inside);
      for (int i = 0; i < ids.size(); i += 1000) {
        for (Registration r : registrations.findAll(ids.subList(i, Math.min(ids.size(), i + 1000))
            .toArray(UUID[]::new))) {
          if (r.status() != RegistrationStatus.ACTIVE || deceased.contains(r.id())) {
            continue;
          }
          if (travelling.contains(r.id()) || withdrawn.contains(r.id())) {
            alreadyRequested.add(r.data().phone());
          } else {
            byPhone.computeIfAbsent(r.data().phone(), p -> new ArrayList<>()).add(r);
          }
        }
      }
      // A phone some of whose people already asked (or withdrew) is a household that already answered.
      alreadyRequested.forEach(byPhone::remove);
      // The households are disjoint (one per phone) and none of their people travels yet (checked above, under the
      // crisis's lock): they are written in batches.
      List<Households.Household> households = new ArrayList<>();
      for (List<Registration> household : byPhone.values()) {
        households.add(new Households.Household(household.get(0), Households.household(household)));
      }
      List<EvacuationRequest> created = Households.insertAll(h, crisis.id(), households, Source.ZONE, null, actor.username(),
          clock.instant());
      int opened = created.size();
      int already = alreadyRequested.size() + households.size() - opened;
      int people = created.stream().mapToInt(q -> q.travellers().size()).sum();
      audit.record(h, actor, "EVACUATION_ORDER", List.of(), "crisis " + crisisId + ": " + opened
          + " households, " + people + " people");
      return new Ordered(opened, already, people);
    });
  }
}
