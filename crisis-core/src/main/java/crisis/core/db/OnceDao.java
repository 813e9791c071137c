package crisis.core.db;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * A session advisory lock for a one-time job that every instance may start at once (the demo's seed on an empty
 * database): the first takes it and does the job, the others wait, then find it done. The lock is the one-bigint
 * form keyed by {@code hashtextextended('once:' || name, 0)}; the session's end gives it back if its holder dies.
 */
public interface OnceDao {
  /** Waits until this session holds the lock {@code name}. */
  @SqlQuery("SELECT count(*) FROM (SELECT pg_advisory_lock(hashtextextended('once:' || :name, 0))) l")
  long lock(@Bind("name") String name);

  /** Gives the lock {@code name} back (true when this session held it). */
  @SqlQuery("SELECT pg_advisory_unlock(hashtextextended('once:' || :name, 0))")
  boolean unlock(@Bind("name") String name);
}
