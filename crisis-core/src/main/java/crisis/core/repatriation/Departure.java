package crisis.core.repatriation;

import crisis.core.privacy.FieldCipher;
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
 *       household, see {@link Boarding}) keeps in its request only those who flew; those who did not get a request of
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
    // The leg's passages and households, read once: the no-shows are settled from them too.
    Map<UUID, GateDao.Passage> passages = passages(h, leg);
    List<EvacuationRequest> onLeg = EvacuationRequests.withTravellers(h, dao.onLeg(leg.id()));
    List<UUID> noShows = markNoShows(h, leg, passages, onLeg, now);
    List<UUID> boarded = new ArrayList<>();
    List<UUID> back = new ArrayList<>();
    List<UUID> split = new ArrayList<>();
    int leftPeople = 0;
    List<Notices.Notice> texts = new ArrayList<>();
    for (EvacuationRequest r : onLeg) {
      if (noShows.contains(r.id())) {
        continue;
      }
      List<Traveller> notAboard = r.travellers().stream()
          .filter(t -> passages.get(t.id()) == null || passages.get(t.id()).boardedAt() == null).toList();
      if (notAboard.isEmpty()) {
        boarded.add(r.id());
        continue;
      }
      leftPeople += notAboard.size();
      texts.add(new Notices.Notice(r, "not-boarded:" + leg.id(), Notices.notBoarded(r.language(), leg,
          notAboard.size())));
      if (notAboard.size() == r.travellers().size()) {
        dao.unassign(r.id());
        back.add(r.id());
      } else {
        // The request keeps who flew (it arrives with the leg); the others wait in a request of their own. The
        // household leaves the states that hold the anchor first (one waiting or seated request per anchor).
        dao.setState(new UUID[] {r.id()}, State.BOARDED.name(), now);
        boarded.add(r.id());
        split.add(splitOff(dao, FieldCipher.of(h), actor, leg, r, notAboard, now));
      }
    }
    dao.setState(boarded.toArray(UUID[]::new), State.BOARDED.name(), now);
    dao.setState(back.toArray(UUID[]::new), State.OPEN.name(), now);
    notices.queueAll(h, texts, now);
    int notified = back.isEmpty() && split.isEmpty() ? 0 : planning.plan(h, actor, crisis).notified();
    return new Settled(boarded.size(), noShows, back, split, leftPeople, notified);
  }

  /** A request of their own, on the waitlist, for the travellers of {@code r} who did not board; its id. */
  private static UUID splitOff(EvacuationDao dao, FieldCipher cipher, Actor actor, TransportLeg leg, EvacuationRequest r,
      List<Traveller> notAboard, Instant now) {
    EvacuationRequest left = new EvacuationRequest(Ids.newId(), r.crisisId(), r.registrationId(), r.consulateId(),
        r.country(), Source.GATE, State.OPEN, r.phone(), r.language(), r.latitude(), r.longitude(),
        "left at the gate of " + leg.kind() + " " + leg.reference(), 1, r.requestedAt(), actor.username(), now,
        notAboard, null);
    byte[] notes = cipher.seal(FieldCipher.Field.EVACUATION_NOTES, left.id(), left.notes());
    if (dao.insertAll(List.of(left), java.util.Collections.singletonList(notes), Source.GATE.name())[0] != 1) {
      throw new IllegalStateException("request " + r.id() + ": its household already waits in another request");
    }
    dao.moveTravellers(notAboard.stream().map(Traveller::id).toArray(UUID[]::new), left.id());
    return left.id();
  }

  /**
   * Marks the leg's households nobody of whom checked in as no-shows, frees their seats and tells them; returns
   * their requests.
   */
  List<UUID> markNoShows(Handle h, TransportLeg leg, Instant now) {
    return markNoShows(h, leg, passages(h, leg),
        EvacuationRequests.withTravellers(h, h.attach(EvacuationDao.class).onLeg(leg.id())), now);
  }

  private List<UUID> markNoShows(Handle h, TransportLeg leg, Map<UUID, GateDao.Passage> passages,
      List<EvacuationRequest> onLeg, Instant now) {
    EvacuationDao dao = h.attach(EvacuationDao.class);
    List<UUID> out = new ArrayList<>();
    List<Notices.Notice> texts = new ArrayList<>();
    for (EvacuationRequest r : onLeg) {
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
