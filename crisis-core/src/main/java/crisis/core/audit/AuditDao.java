package crisis.core.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(AuditDao.EventMapper.class)
public interface AuditDao {

  @SqlUpdate("""
      INSERT INTO audit_event (at, actor, role, action, registration_ids, import_run, detail, remote_address)
      VALUES (:at, :actor, :role, :action, :ids, :run, :detail, :remote)
      """)
  void insert(@Bind("at") Instant at, @Bind("actor") String actor, @Bind("role") String role,
      @Bind("action") String action, @Bind("ids") UUID[] registrationIds, @Bind("run") UUID importRun,
      @Bind("detail") String detail, @Bind("remote") String remoteAddress);

  /**
   * Says, for this transaction only, how far back the trail is kept: the append-only trigger then lets events older
   * than that be deleted (043), if it is at least a year ago.
   */
  @SqlQuery("SELECT set_config('crisis.audit_kept_after', :keptAfter, true)")
  String keepAfter(@Bind("keptAfter") String keptAfter);

  @SqlUpdate("""
      DELETE FROM audit_event
      WHERE id IN (SELECT id FROM audit_event WHERE at < :before ORDER BY at LIMIT :limit)""")
  int deleteBefore(@Bind("before") Instant before, @Bind("limit") int limit);

  /**
   * Events, newest first; a registration's are those naming it and those of the import runs that wrote it (which the
   * registry tells: {@code RegistrationService.importRunsOf}).
   */
  @SqlQuery("""
      SELECT * FROM audit_event
      WHERE (CAST(:registration AS uuid) IS NULL OR registration_ids @> ARRAY[CAST(:registration AS uuid)]
             OR import_run = ANY(:runs))
        AND (CAST(:actor AS text) IS NULL OR actor = :actor)
        AND (CAST(:from AS timestamptz) IS NULL OR at >= :from)
        AND (CAST(:to AS timestamptz) IS NULL OR at < :to)
      ORDER BY id DESC
      LIMIT :limit OFFSET :offset
      """)
  List<AuditEvent> find(@Bind("registration") UUID registration, @Bind("runs") UUID[] importRuns,
      @Bind("actor") String actor,
      @Bind("from") Instant from, @Bind("to") Instant to, @Bind("limit") int limit, @Bind("offset") int offset);

  class EventMapper implements RowMapper<AuditEvent> {
    @Override
    public AuditEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
      Array ids = rs.getArray("registration_ids");
      List<UUID> list = ids == null ? List.of() : Arrays.asList((UUID[]) ids.getArray());
      return new AuditEvent(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
          rs.getString("role"), rs.getString("action"), list, rs.getObject("import_run", UUID.class),
          rs.getString("detail"), rs.getString("remote_address"));
    }
  }

  /** Who read or changed a person's registration, for their copy: when, who, in which role, what. */
  @SqlQuery("""
      SELECT at, actor, role, action FROM audit_event WHERE :id = ANY(registration_ids) ORDER BY at, id""")
  @RegisterRowMapper(org.jdbi.v3.core.mapper.MapMapper.class)
  List<java.util.Map<String, Object>> about(@Bind("id") UUID id);
}
