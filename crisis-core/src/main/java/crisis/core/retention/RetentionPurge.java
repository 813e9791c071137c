package crisis.core.retention;

import crisis.core.privacy.Hold;
import crisis.core.privacy.PersonalData;
import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.retention.db.PurgeLockDao;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The retention purge (issue 31): deletes the people past their category's period ({@link RetentionPolicy}) from
 * every table that holds them, except those a legal hold keeps, the records of assistance past their legal period, and
 * clears the SMS texts past theirs. It runs once per
 * deployment on the server's schedule (a lease), on an injectable clock, and is idempotent: a second run finds
 * nothing more. Each batch of people is one transaction with its audit record, which holds the counts by table and of
 * holds by reason, never an id or a name. Deleting a registration tombstones it on the compacted {@code
 * registrations} topic (the registration's delete trigger writes the outbox), and the cell counts follow (their
 * trigger). Thread-safe; one run at a time across instances (an advisory lock).
 */
public final class RetentionPurge {
  /** People considered per transaction. */
  public static final int BATCH = 500;
  private static final Actor SYSTEM = Actor.system("retention");
  private final Jdbi jdbi;
  private final Clock clock;
  private final RetentionPolicy policy;
  private final Register register;
  private final List<PersonalData> owners;
  private final Function<Handle, Set<UUID>> openCrises;
  private final AuditTrail audit;

  /**
   * The register, which says who is past their period and owns the registrations themselves (forgotten last, after
   * every row that names them).
   */
  public interface Register extends PersonalData {
    /** Registrations after {@code after} (by id) past their category's period at {@code now}, in id order. */
    UUID[] pastRetention(Handle h, UUID after, RetentionPolicy policy, Instant now, int limit);

    /** The phones of {@code ids} that no other registration has. */
    String[] phonesOnlyOf(Handle h, UUID[] ids);

    /**
     * Locks the registrations {@code ids} until the transaction ends, so that no row naming them (an evacuation
     * request, an alert) commits between the holds read and their deletion: such a writer waits, then finds them gone
     * or, when it came first, the holds read after the lock see its row.
     */
    void lock(Handle h, UUID[] ids);

    /** The person registered as {@code id}, whatever their status; empty when there is none. */
    java.util.Optional<Subject> subject(Handle h, UUID id);
  }

  /** What one run did: rows deleted or cleared by table, and people kept by reason of their hold. */
  public record Result(Map<String, Integer> removed, Map<String, Integer> held, boolean busy) {
    public int removed(String table) {
      return removed.getOrDefault(table, 0);
    }

    public boolean nothing() {
      return removed.values().stream().allMatch(n -> n == 0);
    }
  }

  /**
   * @param owners every other owner of a person's data; their deletions run before the register's
   * @param openCrises the crises active now, read in the purge's transaction
   */
  public RetentionPurge(Jdbi jdbi, Clock clock, RetentionPolicy policy, Register register, List<PersonalData> owners,
      Function<Handle, Set<UUID>> openCrises, AuditTrail audit) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.policy = policy;
    this.register = register;
    this.owners = List.copyOf(owners);
    this.openCrises = openCrises;
    this.audit = audit;
  }

  /** Every owner, the register last. */
  public List<PersonalData> owners() {
    List<PersonalData> all = new ArrayList<>(owners);
    all.add(register);
    return all;
  }

  /**
   * One whole run as of the clock's now; {@code busy} when another run held the lock (this one did nothing). What
   * expires whoever it is about goes first (records of assistance past their legal period, SMS texts), so that a person
   * a record held until now is purged in the same run.
   */
  public Result run() {
    Instant now = clock.instant();
    Map<String, Integer> removed = jdbi.inTransaction(h -> {
      if (!h.attach(PurgeLockDao.class).tryLock()) {
        return null;
      }
      Map<String, Integer> counts = new TreeMap<>();
      Set<UUID> open = openCrises.apply(h);
      for (PersonalData o : owners()) {
        o.expire(h, now, open).forEach((t, n) -> counts.merge(t, n, Integer::sum));
      }
      if (counts.values().stream().anyMatch(n -> n > 0)) {
        audit.record(h, SYSTEM, "RETENTION", List.of(), "past their period, whoever they name: "
            + describe(counts));
      }
      return counts;
    });
    Map<String, Integer> held = new TreeMap<>();
    if (removed == null) {
      return new Result(Map.of(), held, true);
    }
    UUID after = new UUID(0, 0); // the smallest: the database orders uuids as unsigned bytes
    while (after != null) {
      UUID from = after;
      Batch b = jdbi.inTransaction(h -> batch(h, from, now));
      if (b == null) {
        return new Result(removed, held, true);
      }
      b.removed().forEach((t, n) -> removed.merge(t, n, Integer::sum));
      b.held().forEach((r, n) -> held.merge(r, n, Integer::sum));
      after = b.next();
    }
    return new Result(removed, held, false);
  }

  private record Batch(Map<String, Integer> removed, Map<String, Integer> held, UUID next) {}

  /** One batch: null when another run holds the lock. */
  private Batch batch(Handle h, UUID after, Instant now) {
    if (!h.attach(PurgeLockDao.class).tryLock()) {
      return null;
    }
    UUID[] due = register.pastRetention(h, after, policy, now, BATCH);
    if (due.length == 0) {
      return new Batch(Map.of(), Map.of(), null);
    }
    register.lock(h, due);
    Map<UUID, Hold> holds = holds(h, due);
    UUID[] gone = Arrays.stream(due).filter(id -> !holds.containsKey(id)).toArray(UUID[]::new);
    Map<String, Integer> removed = gone.length > 0 ? forget(h, gone) : new TreeMap<>();
    Map<String, Integer> held = holds.values().stream()
        .collect(Collectors.toMap(Hold::toString, r -> 1, Integer::sum, TreeMap::new));
    if (gone.length > 0) {
      audit.record(h, SYSTEM, "RETENTION", List.of(), "purged " + gone.length + " past their period: "
          + describe(removed) + (held.isEmpty() ? "" : "; kept under a hold: " + describe(held)));
    }
    UUID next = due.length < BATCH ? null : due[due.length - 1];
    return new Batch(removed, held, next);
  }

  /**
   * The holds on {@code ids}, each with its reason, as every owner says them now (in {@code h}'s transaction, after
   * {@link Register#lock}).
   */
  public Map<UUID, Hold> holds(Handle h, UUID[] ids) {
    Set<UUID> open = openCrises.apply(h);
    Map<UUID, Hold> holds = new LinkedHashMap<>();
    for (PersonalData o : owners()) {
      o.holds(h, ids, open).forEach(holds::putIfAbsent);
    }
    return holds;
  }

  /**
   * Deletes {@code ids} (none of them held: the caller checked in this transaction) from every owner's tables, the
   * register last; the rows deleted by table.
   */
  public Map<String, Integer> forget(Handle h, UUID[] ids) {
    PersonalData.Forgotten people = new PersonalData.Forgotten(ids, register.phonesOnlyOf(h, ids));
    Map<String, Integer> removed = new TreeMap<>();
    for (PersonalData o : owners()) {
      o.forget(h, people).forEach((t, n) -> removed.merge(t, n, Integer::sum));
    }
    return removed;
  }

  public Register register() {
    return register;
  }

  static String describe(Map<String, Integer> counts) {
    return counts.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
