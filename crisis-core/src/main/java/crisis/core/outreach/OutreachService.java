package crisis.core.outreach;

import crisis.core.access.Actor;
import crisis.core.access.ForbiddenException;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.NotFoundException;
import crisis.core.common.Page;
import crisis.core.common.ValidationException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What the crisis cell and the consulates read of the outreach: the figures of a crisis (SMS by state and by the
 * gateway's status, failures by error code, answers), the replies people sent (crisis cell), and the assistance
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
      long replies, long openAssistanceRequests) {}

  public record Reply(UUID id, String phone, String body, String keyword, List<UUID> registrationIds,
      Instant receivedAt) {}

  public record AssistanceRequest(UUID id, UUID crisisId, UUID registrationId, String consulateId, String givenName,
      String familyName, String phone, String replyBody, String state, Instant createdAt) {}

  public Summary summary(Actor actor, UUID crisisId) {
    if (actor.role() != Role.CRISIS_CELL && actor.role() != Role.CONSULAR_OFFICER) {
      throw new ForbiddenException("only the crisis cell and consular officers read crises");
    }
    return jdbi.withHandle(h -> {
      requireCrisis(h, crisisId);
      return new Summary(crisisId,
          counts(h, "SELECT state, count(*) FROM sms_send WHERE crisis_id = :c GROUP BY state ORDER BY 1", crisisId),
          counts(h, "SELECT COALESCE(status, 'none'), count(*) FROM sms_send WHERE crisis_id = :c AND state = 'SENT' "
              + "GROUP BY 1 ORDER BY 1", crisisId),
          counts(h, "SELECT kind, count(*) FROM sms_send WHERE crisis_id = :c GROUP BY kind ORDER BY 1", crisisId),
          counts(h, "SELECT error_code::text, count(*) FROM sms_send WHERE crisis_id = :c AND error_code IS NOT NULL "
              + "AND (state IN ('FAILED', 'OPTED_OUT') OR status IN ('failed', 'undelivered')) GROUP BY 1 ORDER BY 1",
              crisisId),
          scalar(h, "SELECT count(*) FROM sms_recipient WHERE crisis_id = :c", crisisId),
          scalar(h, "SELECT count(*) FROM citizen_status WHERE crisis_id = :c AND status = 'SAFE'", crisisId),
          scalar(h, "SELECT count(*) FROM citizen_status WHERE crisis_id = :c AND status = 'NEEDS_HELP'", crisisId),
          scalar(h, "SELECT count(*) FROM sms_reply WHERE crisis_id = :c", crisisId),
          scalar(h, "SELECT count(*) FROM assistance_request WHERE crisis_id = :c AND state = 'OPEN'", crisisId));
    });
  }

  /** Replies to a crisis, newest first, optionally of one keyword (SAFE, HELP, STOP, START, OTHER). */
  public Page<Reply> replies(Actor actor, UUID crisisId, String keyword, int offset, int limit) {
    if (actor.role() != Role.CRISIS_CELL) {
      throw new ForbiddenException("only the crisis cell reads the replies");
    }
    String k = keyword == null || keyword.isBlank() ? null : keyword.strip().toUpperCase(java.util.Locale.ROOT);
    if (k != null && !List.of("SAFE", "HELP", "STOP", "START", "OTHER").contains(k)) {
      throw new ValidationException("keyword", "must be one of SAFE, HELP, STOP, START, OTHER");
    }
    page(offset, limit);
    return jdbi.inTransaction(h -> {
      requireCrisis(h, crisisId);
      String where = " WHERE crisis_id = :c" + (k == null ? "" : " AND keyword = :k");
      List<Reply> items = h.createQuery("SELECT id, phone, body, keyword, registration_ids, received_at FROM sms_reply"
              + where + " ORDER BY received_at DESC, id LIMIT :limit OFFSET :offset")
          .bind("c", crisisId).bind("k", k).bind("limit", limit).bind("offset", offset)
          .map((rs, ctx) -> new Reply(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
              List.of((UUID[]) rs.getArray(5).getArray()), rs.getTimestamp(6).toInstant()))
          .list();
      long total = h.createQuery("SELECT count(*) FROM sms_reply" + where).bind("c", crisisId).bind("k", k)
          .mapTo(Long.class).one();
      audit.record(h, actor, "READ_REPLIES", items.stream().flatMap(r -> r.registrationIds().stream()).toList(),
          "crisis " + crisisId);
      return new Page<>(items, total, offset, limit);
    });
  }

  /** Open (or all) assistance requests: a consular officer sees their consulate's, the crisis cell every one. */
  public Page<AssistanceRequest> assistance(Actor actor, UUID crisisId, boolean openOnly, int offset, int limit) {
    if (actor.role() != Role.CRISIS_CELL && actor.role() != Role.CONSULAR_OFFICER) {
      throw new ForbiddenException("only the crisis cell and consular officers read assistance requests");
    }
    page(offset, limit);
    String consulate = actor.role() == Role.CONSULAR_OFFICER ? actor.consulateId() : null;
    String where = " WHERE (CAST(:consulate AS text) IS NULL OR a.consulate_id = :consulate)"
        + " AND (CAST(:crisis AS uuid) IS NULL OR a.crisis_id = :crisis)" + (openOnly ? " AND a.state = 'OPEN'" : "");
    return jdbi.inTransaction(h -> {
      List<AssistanceRequest> items = h.createQuery("SELECT a.id, a.crisis_id, a.registration_id, a.consulate_id, "
              + "r.given_name_latin, r.family_name_latin, r.phone, p.body, a.state, a.created_at FROM assistance_request a "
              + "JOIN registration r ON r.id = a.registration_id JOIN sms_reply p ON p.id = a.reply_id" + where
              + " ORDER BY a.created_at, a.id LIMIT :limit OFFSET :offset")
          .bind("consulate", consulate).bind("crisis", crisisId).bind("limit", limit).bind("offset", offset)
          .map((rs, ctx) -> new AssistanceRequest(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
              rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
              rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant()))
          .list();
      long total = h.createQuery("SELECT count(*) FROM assistance_request a" + where).bind("consulate", consulate)
          .bind("crisis", crisisId).mapTo(Long.class).one();
      audit.record(h, actor, "READ_ASSISTANCE", items.stream().map(AssistanceRequest::registrationId).toList(),
          crisisId == null ? null : "crisis " + crisisId);
      return new Page<>(items, total, offset, limit);
    });
  }

  private static void page(int offset, int limit) {
    if (offset < 0) {
      throw new ValidationException("offset", "must be 0 or more");
    }
    if (limit < 1 || limit > MAX_PAGE) {
      throw new ValidationException("limit", "must be between 1 and " + MAX_PAGE);
    }
  }

  private static void requireCrisis(Handle h, UUID id) {
    if (!h.createQuery("SELECT EXISTS (SELECT 1 FROM crisis WHERE id = :id)").bind("id", id).mapTo(Boolean.class)
        .one()) {
      throw new NotFoundException("crisis " + id);
    }
  }

  private static Map<String, Long> counts(Handle h, String sql, UUID crisisId) {
    Map<String, Long> m = new LinkedHashMap<>();
    h.createQuery(sql).bind("c", crisisId).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  private static long scalar(Handle h, String sql, UUID crisisId) {
    return h.createQuery(sql).bind("c", crisisId).mapTo(Long.class).one();
  }
}
