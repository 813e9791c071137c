package crisis.core.crisis.db;

import crisis.core.common.Json;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisChange;
import crisis.core.crisis.CrisisMessage;
import crisis.core.crisis.CrisisStatus;
import crisis.core.crisis.CrisisTally;
import crisis.core.crisis.CrisisTitle;
import crisis.core.crisis.PipelineProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Crises, their messages, their history and their tally (the crisis table's trigger writes the outbox row). Reads
 * attach the messages; writes run in the caller's transaction (attach it to the transaction's handle).
 */
@RegisterRowMapper(CrisisMappers.CrisisRow.class)
@RegisterRowMapper(CrisisMappers.MessageRow.class)
@RegisterRowMapper(CrisisMappers.Change.class)
@RegisterRowMapper(CrisisMappers.Tally.class)
public interface CrisisDao {

  @SqlQuery("SELECT * FROM crisis WHERE id = :id")
  Optional<Crisis> findRow(@Bind("id") UUID id);

  @SqlQuery("SELECT * FROM crisis WHERE id = :id FOR UPDATE")
  Optional<Crisis> lockRow(@Bind("id") UUID id);

  /** The crisis's version (0: none such), to which no record of the alert pipeline may be ahead. */
  @SqlQuery("SELECT COALESCE((SELECT version FROM crisis WHERE id = :id), 0)")
  int version(@Bind("id") UUID id);

  @SqlQuery("SELECT * FROM crisis WHERE id = ANY(:ids)")
  List<Crisis> findRows(@Bind("ids") UUID[] ids);

  @SqlQuery("""
      SELECT id FROM crisis WHERE (CAST(:status AS text) IS NULL OR status = :status)
      ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset
      """)
  List<UUID> listIds(@Bind("status") String status, @Bind("limit") int limit, @Bind("offset") int offset);

  @SqlQuery("SELECT count(*) FROM crisis WHERE (CAST(:status AS text) IS NULL OR status = :status)")
  long countRows(@Bind("status") String status);

  /** Whether the crisis exists, whatever its status. */
  @SqlQuery("SELECT EXISTS (SELECT 1 FROM crisis WHERE id = :id)")
  boolean exists(@Bind("id") UUID id);

  /** The ids of every crisis in {@code status}, in no order. */
  @SqlQuery("SELECT id FROM crisis WHERE status = :status")
  List<UUID> idsWithStatus(@Bind("status") CrisisStatus status);

  @SqlQuery("SELECT id, title FROM crisis WHERE status = :status ORDER BY created_at DESC, id")
  @RegisterConstructorMapper(CrisisTitle.class)
  List<CrisisTitle> titleRows(@Bind("status") String status);

  @SqlQuery("SELECT * FROM crisis_message WHERE crisis_id = ANY(:ids) ORDER BY crisis_id, seq")
  List<CrisisMappers.StoredMessage> messages(@Bind("ids") UUID[] crisisIds);

  @SqlUpdate("""
      INSERT INTO crisis (id, title, type, severity, status, zones, fallback, version, created_at, created_by,
        updated_at)
      VALUES (:c.id, :c.title, :type, :severity, :status, CAST(:zones AS jsonb), :fallback, :c.version, :c.createdAt,
        :c.createdBy, :c.updatedAt)
      """)
  void insertRow(@BindMethods("c") Crisis c, @Bind("type") String type, @Bind("severity") String severity,
      @Bind("status") String status, @Bind("zones") String zones, @Bind("fallback") String[] fallback);

  /** The mutable part of a crisis: status, zones, version and who activated or closed it. */
  @SqlUpdate("""
      UPDATE crisis SET status = :status, zones = CAST(:zones AS jsonb), version = :c.version,
        activated_at = :c.activatedAt, activated_by = :c.activatedBy, closed_at = :c.closedAt,
        closed_by = :c.closedBy, updated_at = :c.updatedAt
      WHERE id = :c.id
      """)
  void updateRow(@BindMethods("c") Crisis c, @Bind("status") String status, @Bind("zones") String zones);

  @SqlUpdate("""
      INSERT INTO crisis_message (id, crisis_id, seq, texts, created_at, created_by)
      VALUES (:m.id, :crisis, :m.seq, CAST(:texts AS jsonb), :m.createdAt, :m.createdBy)
      """)
  void insertMessageRow(@Bind("crisis") UUID crisisId, @BindMethods("m") CrisisMessage m, @Bind("texts") String texts);

  @SqlUpdate("""
      INSERT INTO crisis_change (crisis_id, version, action, detail, changed_at, changed_by)
      VALUES (:id, :version, :action, CAST(:detail AS jsonb), :at, :by)
      """)
  void insertChange(@Bind("id") UUID crisisId, @Bind("version") int version, @Bind("action") String action,
      @Bind("detail") String detail, @Bind("at") Instant at, @Bind("by") String by);

  @SqlQuery("SELECT * FROM crisis_change WHERE crisis_id = :id ORDER BY version")
  List<CrisisChange> history(@Bind("id") UUID crisisId);

  @SqlQuery("SELECT * FROM crisis_tally WHERE crisis_id = :id")
  Optional<CrisisTally> tallyRow(@Bind("id") UUID crisisId);

  /**
   * Keeps the newest snapshot of a tally: an older or repeated one (a replay) changes nothing; a tally of a crisis
   * that does not exist is not kept. The status is the crisis's own and is not stored with the tally.
   */
  @SqlUpdate("""
      INSERT INTO crisis_tally (crisis_id, affected, alerted, by_message, revision, updated_at, problem,
        problem_version, problem_at)
      SELECT :t.crisisId, :t.affected, :t.alerted, CAST(:byMessage AS jsonb), :t.revision, :t.updatedAt, :problem,
        :problemVersion, :problemAt
      WHERE EXISTS (SELECT 1 FROM crisis WHERE id = :t.crisisId)
      ON CONFLICT (crisis_id) DO UPDATE SET affected = excluded.affected, alerted = excluded.alerted,
        by_message = excluded.by_message, revision = excluded.revision, updated_at = excluded.updated_at,
        problem = excluded.problem, problem_version = excluded.problem_version, problem_at = excluded.problem_at
      WHERE crisis_tally.revision < excluded.revision
      """)
  void saveTallyRow(@BindMethods("t") CrisisTally t, @Bind("byMessage") String byMessage,
      @Bind("problem") String problem, @Bind("problemVersion") Integer problemVersion,
      @Bind("problemAt") Instant problemAt);

  /** Active crises the alert pipeline reports it cannot process, with the reason, oldest problem first. */
  @SqlQuery("""
      SELECT t.crisis_id, t.problem FROM crisis_tally t JOIN crisis c ON c.id = t.crisis_id
      WHERE c.status = 'ACTIVE' AND t.problem IS NOT NULL
      ORDER BY t.problem_at
      """)
  @RegisterConstructorMapper(CrisisMappers.Stuck.class)
  List<CrisisMappers.Stuck> activeWithProblems();

  default Optional<Crisis> find(UUID id) {
    return findRow(id).map(c -> c.withMessages(messagesOf(List.of(id)).getOrDefault(id, List.of())));
  }

  /** The crisis, locked until the end of the transaction. */
  default Optional<Crisis> lock(UUID id) {
    return lockRow(id).map(c -> c.withMessages(messagesOf(List.of(id)).getOrDefault(id, List.of())));
  }

  /** Several crises with their messages, in no particular order; unknown ids are left out. */
  default List<Crisis> findAll(List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<UUID, List<CrisisMessage>> messages = messagesOf(ids);
    return findRows(ids.toArray(UUID[]::new)).stream()
        .map(c -> c.withMessages(messages.getOrDefault(c.id(), List.of()))).toList();
  }

  /** A page of crises, newest first. */
  default List<Crisis> list(CrisisStatus status, int limit, int offset) {
    List<UUID> ids = listIds(status == null ? null : status.name(), limit, offset);
    Map<UUID, Crisis> byId = new HashMap<>();
    findAll(ids).forEach(c -> byId.put(c.id(), c));
    return ids.stream().map(byId::get).toList();
  }

  /** The crises in one status by id and title, newest first (neither zones nor messages are read). */
  default List<CrisisTitle> titles(CrisisStatus status) {
    return titleRows(status.name());
  }

  default long count(CrisisStatus status) {
    return countRows(status == null ? null : status.name());
  }

  default void insert(Crisis c) {
    insertRow(c, c.type().name(), c.severity().name(), c.status().name(), Json.write(c.zones()),
        c.fallback().toArray(String[]::new));
    c.messages().forEach(m -> insertMessage(c.id(), m));
  }

  default void update(Crisis c) {
    updateRow(c, c.status().name(), Json.write(c.zones()));
  }

  default void insertMessage(UUID crisisId, CrisisMessage m) {
    insertMessageRow(crisisId, m, Json.write(m.texts()));
  }

  default void recordChange(UUID crisisId, int version, String action, Object detail, Instant at, String by) {
    insertChange(crisisId, version, action, detail == null ? null : Json.write(detail), at, by);
  }

  /** The pipeline's tally of the crisis, with the crisis's own status. */
  default Optional<CrisisTally> tally(UUID crisisId, CrisisStatus status) {
    return tallyRow(crisisId).map(t -> new CrisisTally(t.crisisId(), status, t.affected(), t.alerted(),
        t.alertedByMessage(), t.revision(), t.updatedAt(), t.problem()));
  }

  default void saveTally(CrisisTally t) {
    PipelineProblem p = t.problem();
    saveTallyRow(t, Json.write(t.alertedByMessage()), p == null ? null : p.reason(),
        p == null ? null : p.crisisVersion(), p == null ? null : p.at());
  }

  default Map<UUID, List<CrisisMessage>> messagesOf(List<UUID> crisisIds) {
    Map<UUID, List<CrisisMessage>> out = new HashMap<>();
    for (CrisisMappers.StoredMessage m : messages(crisisIds.toArray(UUID[]::new))) {
      out.computeIfAbsent(m.crisisId(), k -> new ArrayList<>()).add(m.message());
    }
    return out;
  }
}
