package crisis.alerts.support;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.QueryTimeOut;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The statements of {@link Leases}, on its own connection: session-scoped advisory locks in the two-int form, whose
 * first int is {@link Leases#CLASS_ID}. PostgreSQL keeps the two-int form apart from the one-bigint form
 * ({@code pg_locks.objsubid} 2, not 1), so these never meet the transaction-scoped bigint locks of the outbox relay,
 * the escalation or the cell counts. No table is named.
 */
public interface LeaseDao {
  /** Takes the lease {@code name} for this session if no other session holds it. */
  @SqlQuery("SELECT pg_try_advisory_lock(:classId, hashtext(:name))")
  @QueryTimeOut(2)
  boolean tryLock(@Bind("classId") int classId, @Bind("name") String name);

  /** Gives the lease {@code name} back (true when this session held it). */
  @SqlQuery("SELECT pg_advisory_unlock(:classId, hashtext(:name))")
  @QueryTimeOut(2)
  boolean unlock(@Bind("classId") int classId, @Bind("name") String name);

  /** The session's backend pid. */
  @SqlQuery("SELECT pg_backend_pid()")
  @QueryTimeOut(1)
  int pid();

  /** The session is alive. */
  @SqlQuery("SELECT 1")
  @QueryTimeOut(1)
  int ping();
}
