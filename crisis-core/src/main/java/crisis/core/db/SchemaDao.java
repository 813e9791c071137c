package crisis.core.db;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.QueryTimeOut;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What Liquibase's own tables say of the schema, read by the server to know whether it may serve: the change sets
 * applied, and whether a migration is running now (its lock held). Read only: the server's role may read these two
 * tables and nothing more of them (db/035-server-role.sql).
 */
public interface SchemaDao {
  /** The ids of the change sets applied. */
  @SqlQuery("SELECT id FROM databasechangelog")
  @QueryTimeOut(2)
  List<String> applied();

  /** True while a migration holds Liquibase's lock. */
  @SqlQuery("SELECT COALESCE(bool_or(locked), false) FROM databasechangeloglock")
  @QueryTimeOut(2)
  boolean migrating();
}
