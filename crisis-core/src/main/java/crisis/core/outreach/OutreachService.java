package crisis.core.outreach;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.Enums;
import crisis.core.common.NotFoundException;
import crisis.core.common.Page;
import crisis.core.common.PageRequest;
import crisis.core.common.ValidationException;
import crisis.core.outreach.db.OutreachDao;
import crisis.core.outreach.db.OutreachDao.AssistanceRow;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.registry.db.RegistrationDao.Card;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What the crisis cell and the consulates read of the outreach: the figures of a crisis (SMS by state and by the
 * gateway's status, failures by error code, answers, evacuation requests by state), the replies people sent (crisis cell), and the assistance
 * requests (each consulate its own; the crisis cell all). Personal data read is audited. Who a request is for
 * (name, phone, vulnerabilities, household) is read from the registry; whether a crisis exists and its evacuation
 * requests, from {@link CrisisFacts}.
 */
public final class OutreachService {
  public static final int MAX_PAGE = 200;

  private final Jdbi jdbi;
  private final AuditTrail audit;
  private final java.time.Clock clock;
  private final CrisisFacts crises;

  public OutreachService(Jdbi jdbi, AuditTrail audit, java.time.Clock clock, CrisisFacts crises) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.crises = crises;
  }

  /** Figures of one crisis, counts only. */
  /**
   * A crisis's outreach in figures. {@code unconfirmed}: of its recipients, the citizens' own declarations still
   * pending their consulate's confirmation (alerted all the same, issue 34).
   */
  public record Summary(UUID crisisId, Map<String, Long> smsByState, Map<String, Long> smsByStatus,
      Map<String, Long> byKind, Map<String, Long> failuresByErrorCode, long recipients, long unconfirmed, long safe,
      long needsHelp, long replies, long openAssistanceRequests, Map<String, Long> evacuationsByState) {}

  public record Reply(UUID id, String phone, String body, String keyword, List<UUID> registrationIds,
      Instant receivedAt) {}

  /**
   * A HELP answer waiting for a consulate: who (with the registration's vulnerabilities and household size, what
   * makes it urgent), what they wrote, and where it is in the queue (taken by an officer, closed with an outcome).
   */
  public record AssistanceRequest(UUID id, UUID crisisId, UUID registrationId, String consulateId, String givenName,
      String familyName, String phone, String replyBody, String state, Instant createdAt,
      List<String> vulnerabilities, int people, String takenBy, Instant takenAt, String closedBy, Instant closedAt,
      String outcome) {}

  public Summary summary(Actor actor, UUID crisisId) {
    actor.require("read crises", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
    return jdbi.withHandle(h -> {
      requireCrisis(h, crisisId);
      OutreachDao dao = h.attach(OutreachDao.class);
      return new Summary(crisisId, OutreachDao.asMap(dao.smsByState(crisisId)),
          OutreachDao.asMap(dao.smsByStatus(crisisId)), OutreachDao.asMap(dao.smsByKind(crisisId)),
          OutreachDao.asMap(dao.failuresByErrorCode(crisisId)), dao.recipients(crisisId),
          // The registry's pending ids first (its own statement), then which of them this crisis reached.
          dao.recipientsAmong(crisisId, h.attach(RegistrationDao.class).allPending().toArray(UUID[]::new)),
          dao.withStatus(crisisId, CitizenStatus.SAFE.name()), dao.withStatus(crisisId, CitizenStatus.NEEDS_HELP.name()),
          dao.countReplies(crisisId, null), dao.assistanceRequests(crisisId, AssistanceState.OPEN.name()),
          crises.evacuationsByState(h, crisisId));
    });
  }

  /** Replies to a crisis, newest first, optionally of one keyword (SAFE, HELP, STOP, START, OTHER). */
  public Page<Reply> replies(Actor actor, UUID crisisId, String keyword, int offset, int limit) {
    actor.require("reads the replies", Role.CRISIS_CELL);
    Keyword k = Enums.optional(Keyword.class, keyword, "keyword");
    PageRequest page = PageRequest.of(offset, limit, MAX_PAGE);
    String kw = k == null ? null : k.name();
    return jdbi.inTransaction(h -> {
      requireCrisis(h, crisisId);
      OutreachDao dao = h.attach(OutreachDao.class);
      List<Reply> items = dao.replies(crisisId, kw, page.limit(), page.offset());
      long total = dao.countReplies(crisisId, kw);
      audit.record(h, actor, "READ_REPLIES", items.stream().flatMap(r -> r.registrationIds().stream()).toList(),
          "crisis " + crisisId);
      return page.page(items, total);
    });
  }

  /** Open (or all) assistance requests: a consular officer sees their consulate's, the crisis cell every one. */
  public Page<AssistanceRequest> assistance(Actor actor, UUID crisisId, boolean openOnly, int offset, int limit) {
    return assistance(actor, crisisId, openOnly, false, offset, limit);
  }

  /**
   * As {@link #assistance(Actor, UUID, boolean, int, int)}; {@code urgent}: the queue's order — people with a
   * vulnerability first, then newest first — instead of oldest first.
   */
  public Page<AssistanceRequest> assistance(Actor actor, UUID crisisId, boolean openOnly, boolean urgent, int offset,
      int limit) {
    actor.require("read assistance requests", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
    PageRequest page = PageRequest.of(offset, limit, MAX_PAGE);
    String consulate = actor.consulateScope();
    String state = openOnly ? AssistanceState.OPEN.name() : null;
    return jdbi.inTransaction(h -> {
      OutreachDao dao = h.attach(OutreachDao.class);
      UUID[] vulnerable = urgent ? h.attach(RegistrationDao.class)
          .vulnerable(dao.assistanceRegistrations(consulate, crisisId, state).toArray(UUID[]::new))
          .toArray(UUID[]::new) : new UUID[0];
      List<AssistanceRequest> items = withPeople(h,
          dao.assistance(consulate, crisisId, state, urgent, vulnerable, page.limit(), page.offset()));
      long total = dao.countAssistance(consulate, crisisId, state);
      audit.record(h, actor, "READ_ASSISTANCE", items.stream().map(AssistanceRequest::registrationId).toList(),
          crisisId == null ? null : "crisis " + crisisId);
      return page.page(items, total);
    });
  }

  /**
   * An officer takes an open request of its consulate (the crisis cell any): the first to take it has it; taking
   * one already taken by someone else is a conflict naming who has it. Taking it again is harmless.
   */
  public AssistanceRequest take(Actor actor, UUID id) {
    actor.require("take assistance requests", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
    return jdbi.inTransaction(h -> {
      OutreachDao dao = h.attach(OutreachDao.class);
      OutreachDao.AssistanceLock a = lockVisible(dao, actor, id);
      if (!AssistanceState.OPEN.name().equals(a.state())) {
        throw new ConflictException("state", "assistance request " + id + " is closed");
      }
      if (a.takenBy() != null && !a.takenBy().equals(actor.username())) {
        throw new ConflictException("state", "assistance request " + id + " is taken by " + a.takenBy());
      }
      if (a.takenBy() == null) {
        dao.take(id, actor.username(), clock.instant());
      }
      return read(h, actor, id, "TAKE_ASSISTANCE");
    });
  }

  /** Closes an open request with what was done (1 to 2,000 characters), by whoever of its consulate. */
  public AssistanceRequest close(Actor actor, UUID id, String outcome) {
    actor.require("close assistance requests", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
    String text = outcome == null ? "" : outcome.strip();
    if (text.isEmpty() || text.length() > 2000 || text.indexOf('\0') >= 0) {
      throw new ValidationException("outcome", "is required: what was done, 1 to 2000 characters");
    }
    return jdbi.inTransaction(h -> {
      OutreachDao dao = h.attach(OutreachDao.class);
      OutreachDao.AssistanceLock a = lockVisible(dao, actor, id);
      if (!AssistanceState.OPEN.name().equals(a.state())) {
        throw new ConflictException("state", "assistance request " + id + " is closed already");
      }
      dao.closeAssistance(id, actor.username(), clock.instant(), text);
      return read(h, actor, id, "CLOSE_ASSISTANCE");
    });
  }

  /** The request, locked; another consulate's is unknown to an officer (404, as for a registration). */
  private static OutreachDao.AssistanceLock lockVisible(OutreachDao dao, Actor actor, UUID id) {
    OutreachDao.AssistanceLock a = dao.lockAssistance(id)
        .orElseThrow(() -> new NotFoundException("assistance request " + id));
    if (!actor.seesConsulate(a.consulateId())) {
      throw new NotFoundException("assistance request " + id);
    }
    return a;
  }

  private AssistanceRequest read(org.jdbi.v3.core.Handle h, Actor actor, UUID id, String action) {
    AssistanceRequest r = withPeople(h, List.of(h.attach(OutreachDao.class).assistanceById(id))).get(0);
    audit.record(h, actor, action, List.of(r.registrationId()), "assistance request " + id);
    return r;
  }

  /** The requests with whom each is for, read from the registry, in the same order. */
  private static List<AssistanceRequest> withPeople(Handle h, List<AssistanceRow> rows) {
    Map<UUID, Card> cards = new HashMap<>();
    if (!rows.isEmpty()) {
      h.attach(RegistrationDao.class).cards(rows.stream().map(AssistanceRow::registrationId).distinct()
          .toArray(UUID[]::new)).forEach(c -> cards.put(c.id(), c));
    }
    return rows.stream().filter(a -> cards.containsKey(a.registrationId())).map(a -> {
      Card p = Objects.requireNonNull(cards.get(a.registrationId()));
      return new AssistanceRequest(a.id(), a.crisisId(), a.registrationId(), a.consulateId(), p.givenNameLatin(),
          p.familyNameLatin(), p.phone(), a.body(), a.state(), a.createdAt(), p.vulnerabilities(), p.people(),
          a.takenBy(), a.takenAt(), a.closedBy(), a.closedAt(), a.outcome());
    }).toList();
  }

  private void requireCrisis(Handle h, UUID id) {
    if (!crises.crisisExists(h, id)) {
      throw new NotFoundException("crisis " + id);
    }
  }
}
