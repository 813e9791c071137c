package crisis.core.repatriation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.Page;
import crisis.core.common.PageRequest;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.CrisisTitle;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.db.EvacuationDao;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The consular officer's evacuation queue: the requests of every active crisis that the actor sees (an officer its
 * consulate's, the crisis cell all), in the queue's one order, decided here and nowhere else (the console shows it as
 * it comes):
 *
 * <ol>
 *   <li>by state, in {@link #STATE_ORDER}: the households still waiting for a seat first;
 *   <li>then the households with a special need (a traveller with any {@link SpecialNeed});
 *   <li>then the newest request first (and by id, so that pages never overlap).
 * </ol>
 *
 * The order is the ORDER BY of {@link EvacuationDao#queue}, given the states in this order. Every read is audited.
 */
public final class EvacuationQueue {
  public static final int MAX_PAGE = PageRequest.MAX_LIMIT;

  /**
   * The states in the queue's order: a request waiting for its first seat, then a household that missed its departure
   * (waiting for a seat again), then those with a seat, at the gate, aboard, arrived; the cancelled last.
   */
  public static final List<State> STATE_ORDER = List.of(State.OPEN, State.NO_SHOW, State.ASSIGNED,
      State.CHECKED_IN, State.BOARDED, State.ARRIVED, State.CANCELLED);

  static {
    if (STATE_ORDER.size() != State.values().length || !EnumSet.copyOf(STATE_ORDER).equals(EnumSet.allOf(State.class))) {
      throw new IllegalStateException("the queue's order must name every state once: " + STATE_ORDER);
    }
  }

  /**
   * One request of the queue: the request as the crisis's own list gives it, and the title of its crisis (in JSON,
   * the request's fields and {@code crisisTitle} side by side).
   */
  public record Item(String crisisTitle, @JsonUnwrapped EvacuationRequest request) {}

  private final Jdbi jdbi;
  private final CrisisService crises;
  private final AuditTrail audit;

  EvacuationQueue(Jdbi jdbi, CrisisService crises, AuditTrail audit) {
    this.jdbi = jdbi;
    this.crises = crises;
    this.audit = audit;
  }

  /** One page of the queue across the active crises, in the queue's order, with each request's travellers. */
  public Page<Item> list(Actor actor, int offset, int limit) {
    EvacuationRequests.requireActor(actor);
    PageRequest page = PageRequest.of(offset, limit, MAX_PAGE);
    Map<UUID, String> titles = new HashMap<>();
    for (CrisisTitle c : crises.activeTitles(actor)) {
      titles.put(c.id(), c.title());
    }
    UUID[] active = titles.keySet().toArray(UUID[]::new);
    String consulate = actor.consulateScope();
    String[] order = STATE_ORDER.stream().map(State::name).toArray(String[]::new);
    return jdbi.inTransaction(h -> {
      EvacuationDao dao = h.attach(EvacuationDao.class);
      List<EvacuationRequest> requests = EvacuationRequests.withTravellers(h,
          dao.queue(active, consulate, order, page.limit(), page.offset()));
      long total = dao.queueSize(active, consulate);
      audit.record(h, actor, "READ_EVACUATION_REQUESTS", requests.stream().map(EvacuationRequest::registrationId)
          .toList(), "queue of the active crises");
      return page.page(requests.stream().map(r -> new Item(titles.get(r.crisisId()), r)).toList(), total);
    });
  }
}
