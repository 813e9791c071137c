package crisis.core.crisis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import crisis.core.common.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Reads and writes crises, their messages and their history, in the caller's transaction. */
public final class CrisisStore {
  private static final TypeReference<List<CrisisZone>> ZONES = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {};

  private CrisisStore() {}

  public static Optional<Crisis> find(Handle h, UUID id, boolean lock) {
    Optional<Crisis> c = h.createQuery("SELECT * FROM crisis WHERE id = :id" + (lock ? " FOR UPDATE" : ""))
        .bind("id", id).map((rs, ctx) -> crisis(rs)).findOne();
    return c.map(x -> x.withMessages(messages(h, List.of(id)).getOrDefault(id, List.of())));
  }

  /** Several crises with their messages, in no particular order; unknown ids are left out. */
  public static List<Crisis> findAll(Handle h, List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<UUID, List<CrisisMessage>> messages = messages(h, ids);
    return h.createQuery("SELECT * FROM crisis WHERE id = ANY(:ids)").bind("ids", ids.toArray(UUID[]::new))
        .map((rs, ctx) -> crisis(rs)).list().stream()
        .map(c -> c.withMessages(messages.getOrDefault(c.id(), List.of()))).toList();
  }

  public static List<Crisis> list(Handle h, CrisisStatus status, int limit, int offset) {
    List<UUID> ids = h.createQuery("SELECT id FROM crisis WHERE (:status::text IS NULL OR status = :status) "
            + "ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
        .bind("status", status == null ? null : status.name()).bind("limit", limit).bind("offset", offset)
        .mapTo(UUID.class).list();
    Map<UUID, Crisis> byId = new HashMap<>();
    findAll(h, ids).forEach(c -> byId.put(c.id(), c));
    return ids.stream().map(byId::get).toList();
  }

  public static long count(Handle h, CrisisStatus status) {
    return h.createQuery("SELECT count(*) FROM crisis WHERE (:status::text IS NULL OR status = :status)")
        .bind("status", status == null ? null : status.name()).mapTo(Long.class).one();
  }

  public static void insert(Handle h, Crisis c) {
    h.createUpdate("INSERT INTO crisis (id, title, type, severity, status, zones, fallback, version, created_at, "
            + "created_by, updated_at) VALUES (:id, :title, :type, :severity, :status, :zones::jsonb, :fallback, "
            + ":version, :at, :by, :at)")
        .bind("id", c.id()).bind("title", c.title()).bind("type", c.type().name())
        .bind("severity", c.severity().name()).bind("status", c.status().name())
        .bind("zones", Json.write(c.zones())).bind("fallback", c.fallback().toArray(String[]::new))
        .bind("version", c.version()).bind("at", Timestamp.from(c.createdAt())).bind("by", c.createdBy())
        .execute();
  }

  /** Writes the mutable part of a crisis (status, zones, version and who activated or closed it). */
  public static void update(Handle h, Crisis c) {
    h.createUpdate("UPDATE crisis SET status = :status, zones = :zones::jsonb, version = :version, "
            + "activated_at = :activatedAt, activated_by = :activatedBy, closed_at = :closedAt, closed_by = :closedBy, "
            + "updated_at = :at WHERE id = :id")
        .bind("id", c.id()).bind("status", c.status().name()).bind("zones", Json.write(c.zones()))
        .bind("version", c.version())
        .bind("activatedAt", c.activatedAt() == null ? null : Timestamp.from(c.activatedAt()))
        .bind("activatedBy", c.activatedBy())
        .bind("closedAt", c.closedAt() == null ? null : Timestamp.from(c.closedAt()))
        .bind("closedBy", c.closedBy()).bind("at", Timestamp.from(c.updatedAt()))
        .execute();
  }

  public static void insertMessage(Handle h, UUID crisisId, CrisisMessage m) {
    h.createUpdate("INSERT INTO crisis_message (id, crisis_id, seq, texts, created_at, created_by) "
            + "VALUES (:id, :crisis, :seq, :texts::jsonb, :at, :by)")
        .bind("id", m.id()).bind("crisis", crisisId).bind("seq", m.seq()).bind("texts", Json.write(m.texts()))
        .bind("at", Timestamp.from(m.createdAt())).bind("by", m.createdBy()).execute();
  }

  public static void recordChange(Handle h, UUID crisisId, int version, String action, Object detail, Instant at,
      String by) {
    h.createUpdate("INSERT INTO crisis_change (crisis_id, version, action, detail, changed_at, changed_by) "
            + "VALUES (:id, :version, :action, :detail::jsonb, :at, :by)")
        .bind("id", crisisId).bind("version", version).bind("action", action)
        .bind("detail", detail == null ? null : Json.write(detail)).bind("at", Timestamp.from(at)).bind("by", by)
        .execute();
  }

  public static List<CrisisChange> history(Handle h, UUID crisisId) {
    return h.createQuery("SELECT * FROM crisis_change WHERE crisis_id = :id ORDER BY version")
        .bind("id", crisisId)
        .map((rs, ctx) -> new CrisisChange(rs.getInt("version"), rs.getString("action"),
            rs.getString("detail") == null ? null : Json.read(rs.getString("detail"), JsonNode.class),
            rs.getTimestamp("changed_at").toInstant(), rs.getString("changed_by")))
        .list();
  }

  public static Optional<CrisisTally> tally(Handle h, UUID crisisId, CrisisStatus status) {
    return h.createQuery("SELECT * FROM crisis_tally WHERE crisis_id = :id").bind("id", crisisId)
        .map((rs, ctx) -> new CrisisTally(crisisId, status, rs.getLong("affected"), rs.getLong("alerted"),
            Json.read(rs.getString("by_message"), new TypeReference<Map<String, Long>>() {}),
            rs.getLong("revision"), rs.getTimestamp("updated_at").toInstant()))
        .findOne();
  }

  /**
   * Keeps the newest snapshot of a tally: an older or repeated one (a replay) changes nothing. The status is the
   * crisis's own and is not stored with the tally.
   */
  public static void saveTally(Handle h, CrisisTally t) {
    h.createUpdate("INSERT INTO crisis_tally (crisis_id, affected, alerted, by_message, revision, updated_at) "
            + "SELECT :id, :affected, :alerted, :byMessage::jsonb, :revision, :at WHERE EXISTS "
            + "(SELECT 1 FROM crisis WHERE id = :id) "
            + "ON CONFLICT (crisis_id) DO UPDATE SET affected = excluded.affected, alerted = excluded.alerted, "
            + "by_message = excluded.by_message, revision = excluded.revision, updated_at = excluded.updated_at "
            + "WHERE crisis_tally.revision < excluded.revision")
        .bind("id", t.crisisId()).bind("affected", t.affected()).bind("alerted", t.alerted())
        .bind("byMessage", Json.write(t.alertedByMessage())).bind("revision", t.revision())
        .bind("at", Timestamp.from(t.updatedAt())).execute();
  }

  private static Map<UUID, List<CrisisMessage>> messages(Handle h, List<UUID> crisisIds) {
    Map<UUID, List<CrisisMessage>> out = new HashMap<>();
    h.createQuery("SELECT * FROM crisis_message WHERE crisis_id = ANY(:ids) ORDER BY crisis_id, seq")
        .bind("ids", crisisIds.toArray(UUID[]::new))
        .map((rs, ctx) -> Map.entry(rs.getObject("crisis_id", UUID.class), new CrisisMessage(
            rs.getObject("id", UUID.class), rs.getInt("seq"), Json.read(rs.getString("texts"), TEXTS),
            rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"))))
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return out;
  }

  private static Crisis crisis(ResultSet rs) throws SQLException {
    return new Crisis(rs.getObject("id", UUID.class), rs.getString("title"),
        CrisisType.valueOf(rs.getString("type")), Severity.valueOf(rs.getString("severity")),
        CrisisStatus.valueOf(rs.getString("status")), Json.read(rs.getString("zones"), ZONES),
        Arrays.asList((String[]) rs.getArray("fallback").getArray()), List.of(), rs.getInt("version"),
        instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "activated_at"),
        rs.getString("activated_by"), instant(rs, "closed_at"), rs.getString("closed_by"),
        instant(rs, "updated_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
