package crisis.core.repatriation.db;

import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Repatriation's part of the retention purge: the people its records name. */
public interface RetentionDao {
  @SqlQuery("""
      SELECT registration_id FROM evacuation_request WHERE registration_id = ANY(:ids)
      UNION
      SELECT registration_id FROM evacuation_traveller WHERE registration_id = ANY(:ids)""")
  UUID[] named(@Bind("ids") UUID[] ids);
}
