package crisis.core.registry.db;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** One row per CSV import: who ran it on which file, and what came of it (the audit trail names the run). */
public interface ImportRunDao {
  @SqlUpdate("""
      INSERT INTO import_run (id, started_at, started_by, file_name, file_sha256)
      VALUES (:id, :at, :by, :fileName, :sha256)""")
  void start(@Bind("id") UUID id, @Bind("at") Instant at, @Bind("by") String by, @Bind("fileName") String fileName,
      @Bind("sha256") String sha256);

  @SqlUpdate("""
      UPDATE import_run SET finished_at = :at, rows_read = :rows, created = :created, updated = :updated,
        unchanged = :unchanged, duplicates = :duplicates, rejected = :rejected
      WHERE id = :id""")
  void finish(@Bind("id") UUID id, @Bind("at") Instant at, @Bind("rows") long rows, @Bind("created") long created,
      @Bind("updated") long updated, @Bind("unchanged") long unchanged, @Bind("duplicates") long duplicates,
      @Bind("rejected") long rejected);
}
