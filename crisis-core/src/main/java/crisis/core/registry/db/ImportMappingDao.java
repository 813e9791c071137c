package crisis.core.registry.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The column mappings a consulate keeps for its own files (the import's, by name): header names only, no person. */
@RegisterConstructorMapper(ImportMappingDao.Row.class)
public interface ImportMappingDao {

  /** A mapping as stored: its columns as a JSON object, header as written → the format's column or "ignore". */
  record Row(String consulateId, String name, String columns, Instant updatedAt, String updatedBy) {}

  @SqlQuery("""
      SELECT consulate_id, name, columns::text AS columns, updated_at, updated_by FROM import_mapping
      WHERE consulate_id = :consulate ORDER BY updated_at DESC, name""")
  List<Row> list(@Bind("consulate") String consulateId);

  @SqlQuery("""
      SELECT consulate_id, name, columns::text AS columns, updated_at, updated_by FROM import_mapping
      WHERE consulate_id = :consulate AND name = :name""")
  Optional<Row> find(@Bind("consulate") String consulateId, @Bind("name") String name);

  /** Keeps a mapping under its name, replacing the one of that name. */
  @SqlUpdate("""
      INSERT INTO import_mapping (consulate_id, name, columns, updated_at, updated_by)
      VALUES (:consulate, :name, CAST(:columns AS jsonb), :at, :by)
      ON CONFLICT (consulate_id, name) DO UPDATE
        SET columns = EXCLUDED.columns, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
  void save(@Bind("consulate") String consulateId, @Bind("name") String name, @Bind("columns") String columns,
      @Bind("at") Instant at, @Bind("by") String by);

  @SqlUpdate("DELETE FROM import_mapping WHERE consulate_id = :consulate AND name = :name")
  int delete(@Bind("consulate") String consulateId, @Bind("name") String name);
}
