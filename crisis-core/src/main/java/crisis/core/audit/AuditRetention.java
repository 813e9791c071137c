package crisis.core.audit;

import crisis.core.access.Actor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit trail's own retention (issue 31): deletes the events older than the period, in batches, as the schema's
 * owner (the server's role cannot delete from the trail, 035; the trigger lets a deletion through only for events
 * older than what the transaction says it keeps, at least a year, 043), and records that it did, with the count and
 * the date, never an id. Run by {@code purge-audit CONFIG} (docs/operations.md), not by the server.
 */
public final class AuditRetention {
  /** The shortest period the database lets anyone keep the trail for. */
  public static final int MIN_MONTHS = 12;
  static final int BATCH = 10_000;
  private static final Actor SYSTEM = Actor.system("retention");

  private AuditRetention() {}

  /**
   * Deletes the events older than {@code months} months as of the clock's now; the number deleted.
   *
   * @param owner a Jdbi connecting as the schema's owner
   */
  public static long purge(Jdbi owner, Clock clock, int months) {
    if (months < MIN_MONTHS) {
      throw new IllegalArgumentException("the audit trail is kept at least " + MIN_MONTHS + " months, not " + months);
    }
    Instant before = Instant.now(clock).atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
    long total = 0;
    int n;
    do {
      n = owner.inTransaction(h -> {
        AuditDao dao = h.attach(AuditDao.class);
        dao.keepAfter(before.toString());
        return dao.deleteBefore(before, BATCH);
      });
      total += n;
    } while (n == BATCH);
    long deleted = total;
    owner.useHandle(h -> new AuditTrail(owner, clock).record(h, SYSTEM, "AUDIT_RETENTION", List.of(),
        deleted + " events before " + before.atOffset(ZoneOffset.UTC).toLocalDate() + " deleted ("
            + months + " months kept)"));
    return total;
  }
}
