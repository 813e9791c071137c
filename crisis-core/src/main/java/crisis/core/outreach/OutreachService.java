package crisis.core.outreach;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.Enums;
import crisis.core.common.NotFoundException;
import crisis.core.common.Page;
import crisis.core.common.PageRequest;
import crisis.core.outreach.db.OutreachDao;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What the crisis cell and the consulates read of the outreach: the figures of a crisis (SMS by state and by the
 * gateway's status, failures by error code, answers, evacuation requests by state), the replies people sent (crisis cell), and the assistance
 * requests (each consulate its own; the crisis cell all). Personal data read is audited.
 */
public final class OutreachService {
  public static final int MAX_PAGE = 200;

  private final Jdbi jdbi;
  private final AuditTrail audit;

  public OutreachService(Jdbi jdbi, AuditTrail audit) {
    this.jdbi = jdbi;
    this.audit = audit;
  }

  /** Figures of one crisis, counts only. */
  public record Summary(UUID crisisId, Map<String, Long> smsByState, Map<String, Long> smsByStatus,
      Map<String, Long> byKind, Map<String, Long> failuresByErrorCode, long recipients, long safe, long needsHelp,
      long replies, long openAssistanceRequests, Map<String, Long> evacuationsByState) {}

  public record Reply(UUID id, String phone, String body, String keyword, List<UUID> registrationIds,
      Instant receivedAt) {}

  public record AssistanceRequest(UUID id, UUID crisisId, UUID registrationId, String consulateId, String givenName,
      String familyName, String phone, String replyBody, String state, Instant createdAt) {}

  public Summary summary(Actor actor, UUID crisisId) {
    actor.require("read crises", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
    return jdbi.withExtension(OutreachDao.class, dao -> {
      requireCrisis(dao, crisisId);
      return new Summary(crisisId, OutreachDao.asMap(dao.smsByState(crisisId)),
          OutreachDao.asMap(dao.smsByStatus(crisisId)), OutreachDao.asMap(dao.smsByKind(crisisId)),
          OutreachDao.asMap(dao.failuresByErrorCode(crisisId)), dao.recipients(crisisId),
          dao.withStatus(crisisId, CitizenStatus.SAFE.name()), dao.withStatus(crisisId, CitizenStatus.NEEDS_HELP.name()),
          dao.countReplies(crisisId, null), dao.assistanceRequests(crisisId, AssistanceState.OPEN.name()),
          OutreachDao.asMap(dao.evacuationsByState(crisisId)));
    });
  }

  /** Replies to a crisis, newest first, optionally of one keyword (SAFE, HELP, STOP, START, OTHER). */
  public Page<Reply> replies(Actor actor, UUID crisisId, String keyword, int offset, int limit) {
    actor.require("reads the replies", Role.CRISIS_CELL);
    Keyword k = Enums.optional(Keyword.class, keyword, "keyword");
    PageRequest page = PageRequest.of(offset, limit, MAX_PAGE);
    String kw = k == null ? null : k.name();
    return jdbi.inTransaction(h -> {
      OutreachDao dao = h.attach(OutreachDao.class);
      requireCrisis(dao, crisisId);
      List<Reply> items = dao.replies(crisisId, kw, page.limit(), page.offset());
      long total = dao.countReplies(crisisId, kw);
      audit.record(h, actor, "READ_REPLIES", items.stream().flatMap(r -> r.registrationIds().stream()).toList(),
          "crisis " + crisisId);
      return page.page(items, total);
    });
  }

  /** Open (or all) assistance requests: a consular officer sees their consulate's, the crisis cell every one. */
  public Page<AssistanceRequest> assistance(Actor actor, UUID crisisId, boolean openOnly, int offset, int limit) {
    actor.require("read assistance requests", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
    PageRequest page = PageRequest.of(offset, limit, MAX_PAGE);
    String consulate = actor.role() == Role.CONSULAR_OFFICER ? actor.consulateId() : null;
    String state = openOnly ? AssistanceState.OPEN.name() : null;
    return jdbi.inTransaction(h -> {
      OutreachDao dao = h.attach(OutreachDao.class);
      List<AssistanceRequest> items = dao.assistance(consulate, crisisId, state, page.limit(), page.offset());
      long total = dao.countAssistance(consulate, crisisId, state);
      audit.record(h, actor, "READ_ASSISTANCE", items.stream().map(AssistanceRequest::registrationId).toList(),
          crisisId == null ? null : "crisis " + crisisId);
      return page.page(items, total);
    });
  }

  private static void requireCrisis(OutreachDao dao, UUID id) {
    if (!dao.crisisExists(id)) {
      throw new NotFoundException("crisis " + id);
    }
  }
}
