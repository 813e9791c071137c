package crisis.core.retention.db;

import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** One retention purge at a time across instances, whatever started it (the schedule, a command). */
public interface PurgeLockDao {
  /** Takes the purge's lock until the transaction ends; false when another transaction holds it. */
  @SqlQuery("SELECT pg_try_advisory_xact_lock(hashtextextended('retention-purge', 0))")
  boolean tryLock();
}
