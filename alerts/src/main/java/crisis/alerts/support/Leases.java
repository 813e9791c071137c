package crisis.alerts.support;

import crisis.core.common.ErrorFacts;
import crisis.core.db.Jdbis;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases: which instance of the deployment runs a job that must run once (a sender's pacer, the SMS look-up, the
 * escalation, the clocks of the API). A lease is a PostgreSQL <em>session</em> advisory lock (two-int form, class
 * {@link #CLASS_ID}, the name's {@code hashtext}) held on one dedicated connection, never one of the pool: the lock
 * lasts as long as that session, so an owner that dies (process killed, connection ended by
 * {@code pg_terminate_backend}, host gone once PostgreSQL notices) loses it with its session, and another instance
 * takes it.
 *
 * <p>One thread, every {@code every} (0.5 s): checks the session is alive ({@code SELECT 1}, 1 s timeout; the
 * connection also has a socket timeout), then tries to take each lease wanted and not held. A held lease is good for
 * {@code 2 × every} after the start of the last check that succeeded ({@link Lease#held()} reads the time, so a
 * check that hangs lets the lease lapse by itself). A failed check marks every lease lost at once, so the jobs stop
 * before anything else is done, and the connection is opened again. A lease just taken is not used for another
 * {@code 2 × every}: the previous owner, whose session ended after the start of its last good check, has stopped by
 * then, so two owners never overlap. A lease whose owner died is taken within {@code every} of PostgreSQL ending that
 * session, and used {@code 2 × every} later (about 1.5 s with the defaults).
 *
 * <p>A network partition between an owner and PostgreSQL: the owner's next check fails or hangs, its leases lapse
 * within {@code 2 × every} and its jobs stop; they stay stopped everywhere until PostgreSQL ends the owner's session
 * (TCP keepalives, {@code tcp_keepalives_idle} and friends on the server), then another instance takes them. No lease
 * is ever held by two live sessions; a partitioned owner never sends after its lease lapsed.
 */
public final class Leases implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Leases.class);
  /** The first int of every lease's lock: "leas" in ASCII. */
  public static final int CLASS_ID = 0x6c656173;
  public static final Duration EVERY = Duration.ofMillis(500);

  /** Opens the dedicated connection (with a socket timeout of a few seconds). */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws SQLException;
  }

  /** One lease: whether this instance may run the job now. */
  public static final class Lease {
    private final String name;
    private volatile boolean wanted = true;
    private volatile boolean locked;
    private volatile long validUntil;
    private volatile long usableFrom;
    private volatile long term;
    private final boolean always;

    private Lease(String name) {
      this(name, false);
    }

    private Lease(String name, boolean always) {
      this.name = name;
      this.always = always;
    }

    public String name() {
      return name;
    }

    /** True while this instance holds the lease, its last check is fresh and its start-up grace is over. */
    public boolean held() {
      if (always) {
        return true;
      }
      long now = System.nanoTime();
      return locked && now - validUntil < 0 && now - usableFrom >= 0;
    }

    /** Counts the times this instance took the lease: a job that sees it change starts afresh (a new schedule). */
    public long generation() {
      return term;
    }

    private void lost() {
      locked = false;
      validUntil = System.nanoTime();
    }
  }

  private final Jdbi jdbi;
  private final long everyNanos;
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private Handle handle;
  private volatile int pid;

  public Leases(Connector connector) {
    this(connector, EVERY);
  }

  public Leases(Connector connector, Duration every) {
    this.jdbi = Jdbis.prepare(Jdbis.configure(Jdbi.create(connector::open)), List.of(LeaseDao.class));
    this.everyNanos = every.toNanos();
    this.thread = new Thread(this::run, "leases");
    thread.setDaemon(true);
  }

  public Leases start() {
    thread.start();
    return this;
  }

  /** A lease always held: one instance alone, no other to share with. */
  public static Lease alone(String name) {
    return new Lease(name, true);
  }

  /** The backend pid of the lease session, or 0 while there is none (for tests that end it). */
  public int pid() {
    return pid;
  }

  /** The lease {@code name}, wanted from now on (taken when free). */
  public Lease want(String name) {
    Lease l = leases.computeIfAbsent(name, Lease::new);
    l.wanted = true;
    return l;
  }

  /** Each lease wanted, by name, and whether this instance holds it now (for the operator's metrics). */
  public java.util.SortedMap<String, Boolean> holding() {
    java.util.SortedMap<String, Boolean> m = new java.util.TreeMap<>();
    leases.values().stream().filter(l -> l.wanted).forEach(l -> m.put(l.name, l.held()));
    return m;
  }

  /** Stops wanting the lease and gives it back (after its job has stopped). */
  public void release(Lease lease) {
    lease.wanted = false;
    synchronized (this) {
      if (lease.locked) {
        lease.lost();
        try {
          if (handle != null) {
            handle.attach(LeaseDao.class).unlock(CLASS_ID, lease.name);
          }
        } catch (RuntimeException e) {
          dropConnection(e); // the session ends, and the lock with it
        }
      }
    }
  }

  private void run() {
    while (running) {
      long start = System.nanoTime();
      round(start);
      long wait = everyNanos - (System.nanoTime() - start);
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private synchronized void round(long start) {
    if (!running) {
      return;
    }
    try {
      if (handle == null) {
        handle = jdbi.open();
        pid = handle.attach(LeaseDao.class).pid();
      }
      LeaseDao dao = handle.attach(LeaseDao.class);
      dao.ping();
      long validUntil = start + 2 * everyNanos;
      for (Lease l : leases.values()) {
        if (!l.wanted) {
          continue;
        }
        if (l.locked) {
          l.validUntil = validUntil;
        } else if (dao.tryLock(CLASS_ID, l.name)) {
          l.term++;
          l.usableFrom = System.nanoTime() + 2 * everyNanos;
          l.validUntil = validUntil;
          l.locked = true;
          LOG.info("lease {} taken", l.name);
        }
      }
    } catch (RuntimeException e) {
      dropConnection(e);
    }
  }

  private void dropConnection(RuntimeException e) {
    boolean had = false;
    for (Lease l : leases.values()) {
      had |= l.locked;
      l.lost();
    }
    if (had || handle != null) {
      LOG.warn("lease connection lost{}: {}", had ? ", every lease with it" : "", ErrorFacts.describe(e));
    }
    closeQuietly();
  }

  private void closeQuietly() {
    if (handle != null) {
      try {
        handle.close();
      } catch (RuntimeException ignored) {
        // the session is gone already
      }
      handle = null;
      pid = 0;
    }
  }

  /** Stops taking leases and ends the session (every lease still held is given back with it). */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      leases.values().forEach(Lease::lost);
      closeQuietly();
    }
  }
}
