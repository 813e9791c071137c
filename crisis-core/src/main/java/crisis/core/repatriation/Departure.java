package crisis.core.repatriation;

import crisis.core.access.Actor;
import crisis.core.common.Ids;
import crisis.core.crisis.Crisis;
import crisis.core.repatriation.EvacuationRequest.Source;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.db.EvacuationDao;
import crisis.core.repatriation.db.GateDao;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What a gate's closing and a leg's departure do to the households on it, in the gate's transaction (under the
 * crisis's lock). Nobody is left in a state no plan and no officer acts on:
 * <ul>
 *   <li>a household nobody of whom checked in is a no-show: its seats are freed and it is told so (and that replying
 *       3 puts it back on the waitlist);</li>
 *   <li>at departure, a household all of whom boarded stays BOARDED (it arrives with the leg);</li>
 *   <li>a household checked in but not aboard goes back to the waitlist (OPEN), told so;</li>
 *   <li>a household partly aboard (someone checked in and did not come to the door: boarding itself never splits a
 *       household, see {@link Gate}) keeps in its request only those who flew; those who did not get a request of
 *       their own on the waitlist ({@link Source#GATE}, anchored on the same registration, with the original time of
 *       request, so they keep their place in the order), told so.</li>
 * </ul>
 * Then the crisis is re-planned, so those back on the waitlist are seated on another leg when one has room.
 */
final class Departure {
  private final EvacuationPlanning planning;
  private final Notices notices;

  Departure(EvacuationPlanning planning, Notices notices) {
    this.planning = planning;
    this.notices = notices;
  }

  /**
   * What a departure did.
   *
   * @param aboard households that flew whole
   * @param noShows households nobody of whom came
   * @param backOnWaitlist households checked in who did not board
   * @param leftBehind the requests opened for travellers of households partly aboard who did not board
   * @param people the people back on the waitlist (of both kinds)
   */
  record Settled(int aboard, List<UUID> noShows, List<UUID> backOnWaitlist, List<UUID> leftBehind, int people,
      int notified) {
    /** The requests of households not (wholly) aboard. */
    List<UUID> unsettled() {
      List<UUID> out = new ArrayList<>(noShows);
      out.addAll(backOnWaitlist);
      out.addAll(leftBehind);
      return out;
    }

    String summary() {
      return aboard + " households aboard; " + noShows.size() + " did not come; " + backOnWaitlist.size()
          + " checked in but not aboard, back on the waitlist; " + leftBehind.size() + " partly aboard; "
          + people + " people left at the gate, back on the waitlist; " + notified + " households notified of a seat";
    }
  }

  Settled settle(Handle h, Actor actor, Crisis crisis, TransportLeg leg, Instant now) {
    EvacuationDao dao = h.attach(EvacuationDao.class);
    Map<UUID, GateDao.Passage> passages = passages(h, leg);
    int aboard = 0;
    int leftPeople = 0;
    List<UUID> back = new ArrayList<>();
    List<UUID> split = new ArrayList<>();
    List<Notices.Notice> texts = new ArrayList<>();
    List<UUID> noShows = markNoShows(h, leg, now);
    for (EvacuationRequest r : EvacuationRequests.withTravellers(h, dao.onLeg(leg.id()))) {
      List<Traveller> notAboard = r.travellers().stream()
          .filter(t -> passages.get(t.id()) == null || passages.get(t.id()).boardedAt() == null).toList();
      if (notAboard.isEmpty()) {
        dao.setState(new UUID[] {r.id()}, State.BOARDED.name(), now);
        aboard++;
      } else if (notAboard.size() == r.travellers().size()) {
        dao.unassign(r.id());
        dao.setState(new UUID[] {r.id()}, State.OPEN.name(), now);
        back.add(r.id());
        leftPeople += notAboard.size();
        texts.add(new Notices.Notice(r, "not-boarded:" + leg.id(), Notices.notBoarded(r.language(), leg,
            notAboard.size())));
      } else {
        // The request keeps who flew (it arrives with the leg); the others wait in a request of their own.
        dao.setState(new UUID[] {r.id()}, State.BOARDED.name(), now);
        EvacuationRequest left = new EvacuationRequest(Ids.newId(), r.crisisId(), r.registrationId(), r.consulateId(),
            r.country(), Source.GATE, State.OPEN, r.phone(), r.language(), r.latitude(), r.longitude(),
            "left at the gate of " + leg.kind() + " " + leg.reference(), 1, r.requestedAt(), actor.username(), now,
            notAboard, null);
        if (dao.insertAll(List.of(left), Source.GATE.name())[0] != 1) {
          throw new IllegalStateException("request " + r.id() + ": its household already waits in another request");
        }
        dao.moveTravellers(notAboard.stream().map(Traveller::id).toArray(UUID[]::new), left.id());
        split.add(left.id());
        leftPeople += notAboard.size();
        aboard++;
        texts.add(new Notices.Notice(r, "not-boarded:" + leg.id(), Notices.notBoarded(r.language(), leg,
            notAboard.size())));
      }
    }
    notices.queueAll(h, texts, now);
    int notified = back.isEmpty() && split.isEmpty() ? 0 : planning.plan(h, actor, crisis).notified();
    return new Settled(aboard, noShows, back, split, leftPeople, notified);
  }

  /**
   * Marks the leg's households nobody of whom checked in as no-shows, frees their seats and tells them; returns
   * their requests.
   */
  List<UUID> markNoShows(Handle h, TransportLeg leg, Instant now) {
    EvacuationDao dao = h.attach(EvacuationDao.class);
    Map<UUID, GateDao.Passage> passages = passages(h, leg);
    List<UUID> out = new ArrayList<>();
    List<Notices.Notice> texts = new ArrayList<>();
    for (EvacuationRequest r : EvacuationRequests.withTravellers(h, dao.onLeg(leg.id()))) {
      if (r.state() == State.ASSIGNED && r.travellers().stream().noneMatch(t -> passages.containsKey(t.id()))) {
        out.add(r.id());
        dao.unassign(r.id());
        texts.add(new Notices.Notice(r, "no-show:" + leg.id(), Notices.noShow(r.language(), leg)));
      }
    }
    dao.setState(out.toArray(UUID[]::new), State.NO_SHOW.name(), now);
    notices.queueAll(h, texts, now);
    return out;
  }

  private static Map<UUID, GateDao.Passage> passages(Handle h, TransportLeg leg) {
    Map<UUID, GateDao.Passage> out = new HashMap<>();
    h.attach(GateDao.class).passages(leg.id()).forEach(p -> out.put(p.travellerId(), p));
    return out;
  }
}
