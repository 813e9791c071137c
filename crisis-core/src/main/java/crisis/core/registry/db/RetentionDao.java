package crisis.core.registry.db;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The register's part of the retention purge: who is past their period, and their rows' deletion. */
public interface RetentionDao {
  @SqlQuery("""
      SELECT id FROM registration
      WHERE id > :after
        AND ((status = 'ACTIVE' AND residence_type = 'TEMPORARY' AND departure_date < :staysEndedBefore)
          OR (status <> 'ACTIVE' AND updated_at < :retiredBefore))
      ORDER BY id LIMIT :limit""")
  UUID[] pastRetention(@Bind("after") UUID after, @Bind("staysEndedBefore") LocalDate staysEndedBefore,
      @Bind("retiredBefore") Instant retiredBefore, @Bind("limit") int limit);

  /** Waits for, then holds, each row's lock against writers of rows that point to it (their key share). */
  @SqlQuery("SELECT id FROM registration WHERE id = ANY(:ids) AND status = 'ACTIVE'")
  UUID[] active(@Bind("ids") UUID[] ids);

  @SqlQuery("SELECT id FROM registration WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
  List<UUID> lock(@Bind("ids") UUID[] ids);

  /** Active rows are found by the duplicate rule's index (phone first), the others by their own small index (042). */
  @SqlQuery("""
      SELECT DISTINCT r.phone FROM registration r
      WHERE r.id = ANY(:ids)
        AND NOT EXISTS (SELECT 1 FROM registration o
                        WHERE o.status = 'ACTIVE' AND o.phone = r.phone AND NOT o.id = ANY(:ids))
        AND NOT EXISTS (SELECT 1 FROM registration o
                        WHERE o.status <> 'ACTIVE' AND o.phone = r.phone AND NOT o.id = ANY(:ids))""")
  String[] phonesOnlyOf(@Bind("ids") UUID[] ids);

  /** A record merged into one of {@code ids} stays until its own period ends, no longer pointing at it. */
  @SqlUpdate("UPDATE registration SET merged_into = NULL WHERE merged_into = ANY(:ids) AND NOT id = ANY(:ids)")
  int unlinkMerged(@Bind("ids") UUID[] ids);

  /** Another record's history keeps its merge, without the id of the record forgotten. */
  @SqlUpdate("""
      UPDATE registration_change SET other_id = NULL
      WHERE other_id = ANY(:ids) AND NOT registration_id = ANY(:ids)""")
  int unlinkChanges(@Bind("ids") UUID[] ids);

  @SqlUpdate("DELETE FROM registration_change WHERE registration_id = ANY(:ids)")
  int deleteChanges(@Bind("ids") UUID[] ids);

  /** The cell counts (014, 020) and the outbox (042: a tombstone on the topic) follow by their triggers. */
  @SqlUpdate("DELETE FROM registration WHERE id = ANY(:ids)")
  int delete(@Bind("ids") UUID[] ids);
}
