package crisis.core.reintegration.db;

import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reintegration's part of the retention purge: the registrations its cases' members come from. */
public interface RetentionDao {
  @SqlQuery("SELECT DISTINCT registration_id FROM reintegration_member WHERE registration_id = ANY(:ids)")
  UUID[] named(@Bind("ids") UUID[] ids);
}
