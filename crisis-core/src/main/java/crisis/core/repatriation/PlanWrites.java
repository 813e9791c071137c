package crisis.core.repatriation;

import crisis.core.repatriation.EvacuationPlanning.Placement;
import crisis.core.repatriation.TransportLeg.LegPoint;
import crisis.core.repatriation.db.EvacuationDao;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * What storing a plan writes ({@link EvacuationPlanning}), gathered household by household in rank order for its
 * batched statements: the seats new or moved, the households back on the waitlist, the notices, the placements.
 */
final class PlanWrites {
  final UUID planId;
  final UUID crisisId;
  final Instant now;
  final Set<String> codes;
  final Function<Set<String>, String> newCode;
  final List<EvacuationDao.Seat> seats = new ArrayList<>();
  final List<UUID> assigned = new ArrayList<>();
  final List<UUID> reopened = new ArrayList<>();
  final List<UUID> told = new ArrayList<>();
  final List<Notices.Notice> texts = new ArrayList<>();
  final List<Placement> placements = new ArrayList<>();
  int peopleSeated;
  int peopleWaiting;

  /**
   * @param codes the boarding codes of the crisis already given (a new one is added as it is drawn)
   * @param newCode draws a boarding code not among those given, and adds it to them
   */
  PlanWrites(UUID planId, UUID crisisId, Instant now, Set<String> codes, Function<Set<String>, String> newCode) {
    this.planId = planId;
    this.crisisId = crisisId;
    this.now = now;
    this.codes = codes;
    this.newCode = newCode;
  }

  /** A household the plan leaves waiting: a seat it had is freed, and it is told if it was told of the seat. */
  void waitlist(EvacuationDao dao, Priority.Ranked k, EvacuationRequest r) {
    EvacuationRequest.Assignment before = r.assignment();
    peopleWaiting += r.travellers().size();
    if (before != null) {
      dao.unassign(r.id());
      reopened.add(r.id());
      if (before.notifiedAt() != null) {
        texts.add(new Notices.Notice(r, planId.toString(), Notices.waitlisted(r.language())));
      }
    }
    placements.add(new Placement(r.id(), k.rank(), k.reasons(), k.why(), r.travellers().size(), null, null, null));
  }

  /**
   * A household the plan seats: written when its seat is new or moved (it keeps its boarding code), told when the
   * seat is new to it.
   */
  void seat(Priority.Ranked k, EvacuationRequest r, SeatPlanner.Seat s, TransportLeg leg) {
    EvacuationRequest.Assignment before = r.assignment();
    peopleSeated += r.travellers().size();
    boolean same = before != null && before.legId().equals(s.leg()) && before.placeId().equals(s.point());
    String code = before != null ? before.boardingCode() : newCode.apply(codes);
    if (!same) {
      seats.add(new EvacuationDao.Seat(r.id(), crisisId, s.leg(), s.point(), code, planId, now));
      assigned.add(r.id());
    }
    if (!same || before.notifiedAt() == null) {
      LegPoint point = leg.points().stream().filter(p -> p.placeId().equals(s.point())).findFirst().orElseThrow();
      boolean change = before != null && before.notifiedAt() != null;
      texts.add(new Notices.Notice(r, planId.toString(), Notices.seat(r.language(), r, leg, point, code, change)));
      told.add(r.id());
    }
    placements.add(new Placement(r.id(), k.rank(), k.reasons(), k.why(), r.travellers().size(), s.leg(), s.point(),
        code));
  }
}
