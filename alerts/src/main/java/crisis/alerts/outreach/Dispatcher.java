package crisis.alerts.outreach;

import crisis.alerts.sms.OutgoingCall;
import crisis.alerts.sms.OutgoingSms;
import crisis.alerts.sms.SendResult;
import crisis.alerts.sms.SmsGateway;
import crisis.alerts.sms.SmsStatus;
import crisis.alerts.support.Leases;
import crisis.alerts.support.Loop;
import crisis.core.common.ErrorFacts;
import crisis.core.crisis.SmsSegments;
import crisis.core.outreach.SendState;
import crisis.core.outreach.Sender;
import crisis.core.outreach.db.Claimed;
import crisis.core.outreach.db.SmsDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what {@code sms_send} holds, each sender at its rate and no faster. One pacer thread per sender claims due
 * rows (marking them SENDING before any request leaves, so a crash leaves a trace), writes their text, waits for the
 * sender's next slot (a slot is one segment: a 3-segment SMS takes three) and hands the request to a worker, which
 * records the gateway's answer. A request left without an answer (a timeout, a crash) is looked up at the gateway
 * before anything is sent again: found, it is recorded as sent; not found, it is tried again. Retries wait with
 * exponential backoff and jitter; permanent errors are final; an opted-out phone is never messaged. Several
 * instances may run: rows are claimed with SKIP LOCKED and every write checks the attempt it belongs to.
 *
 * <p>One rate per sender across the deployment: the pacer of sender S works only while this instance holds the
 * lease {@code sms-sender:S} ({@link Leases}), asks it again before each send, and starts a fresh {@link Pace} each
 * time the lease is taken (a pace that is behind restarts from now: no catch-up burst). Rows it claimed but did not
 * send once the lease is gone stay SENDING and are looked up after the in-flight timeout, like a crash's. The look-up
 * of unanswered sends runs under the lease {@code sms-lookup}.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  /** The unique key on the gateway's message id. */
  static final String SID_KEY = "sms_send_sid_key";
  static final String DUPLICATE_SID = "sent, but the gateway gave an id already recorded for another message: "
      + "its delivery reports cannot be matched to this one";

  private final Jdbi jdbi;
  private final SmsGateway gateway;
  private final OutreachSettings settings;
  private final Clock clock;
  private final Renderer renderer;
  private final DeliveryReports reports;
  private final Leases leases;
  private final List<Leases.Lease> taken = new ArrayList<>();
  private final List<Loop> loops = new ArrayList<>();
  private ExecutorService workers;
  private Semaphore inFlight;
  private volatile boolean killed;
  private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();

  /** One instance alone: every lease is always held. */
  public Dispatcher(Jdbi jdbi, SmsGateway gateway, OutreachSettings settings, DeliveryReports reports, Clock clock) {
    this(jdbi, gateway, settings, reports, clock, null);
  }

  /** @param leases the deployment's leases (started and closed by the caller), or null for one instance alone */
  public Dispatcher(Jdbi jdbi, SmsGateway gateway, OutreachSettings settings, DeliveryReports reports, Clock clock,
      Leases leases) {
    this.leases = leases;
    this.jdbi = jdbi;
    this.gateway = gateway;
    this.settings = settings;
    this.reports = reports;
    this.clock = clock;
    this.renderer = new Renderer(clock);
  }

  /** Claim rounds completed by every pacer since construction: a positive signal that due rows were looked for. */
  public long rounds() {
    return rounds.get();
  }

  public synchronized void start() {
    killed = false;
    workers = Executors.newFixedThreadPool(settings.workers(), r -> {
      Thread t = new Thread(r, "sms-worker");
      t.setDaemon(true);
      return t;
    });
    inFlight = new Semaphore(settings.workers());
    for (Sender s : settings.senders().senders()) {
      Pacer pacer = new Pacer(s, lease("sms-sender:" + s.name()));
      loops.add(Loop.start("sms-pacer-" + s.name(), Duration.ofMillis(50), () -> {
        boolean any = pacer.round();
        rounds.incrementAndGet();
        return any;
      }));
    }
    Leases.Lease lookup = lease("sms-lookup");
    loops.add(Loop.start("sms-lookup", Duration.ofMillis(500), () -> lookup.held() && lookUpUnanswered(lookup)));
  }

  private Leases.Lease lease(String name) {
    Leases.Lease l = leases == null ? Leases.alone(name) : leases.want(name);
    if (leases != null) {
      taken.add(l);
    }
    return l;
  }

  @Override
  public synchronized void close() {
    loops.forEach(Loop::close);
    loops.clear();
    if (workers != null) {
      workers.shutdown();
      try {
        workers.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      workers = null;
    }
    if (leases != null) {
      taken.forEach(leases::release);
    }
    taken.clear();
  }

  /**
   * Stops as a crash would: whatever is in flight is abandoned without its outcome being recorded (for tests of the
   * recovery; a real crash needs no help).
   */
  public synchronized void kill() {
    killed = true;
    loops.forEach(Loop::close);
    loops.clear();
    taken.clear();
    if (workers != null) {
      workers.shutdownNow();
      workers = null;
    }
  }

  /** A claimed row with its text, the text's language and its segments (1 for a call). */
  record Ready(Claimed claimed, String language, int segments) {}

  private final class Pacer {
    private final Sender sender;
    private final Leases.Lease lease;
    private Pace pace;
    private long generation = -1;

    Pacer(Sender sender, Leases.Lease lease) {
      this.sender = sender;
      this.lease = lease;
    }

    /** One claim of about two seconds' worth of this sender's SMS; false when none was due or the lease is not held. */
    boolean round() throws InterruptedException {
      if (!lease.held()) {
        return false;
      }
      if (lease.generation() != generation) {
        generation = lease.generation();
        pace = new Pace(sender.segmentsPerSecond(), System.nanoTime());
      }
      // Two seconds' worth: each claim is a pause in sending, and a pace that falls behind does not catch up.
      int batch = (int) Math.max(1, Math.min(1000, Math.ceil(2 * sender.segmentsPerSecond())));
      Instant now = clock.instant();
      // Claimed rows wait at most about two seconds for their slot: far less than the in-flight timeout.
      Instant checkAfter = now.plus(settings.inFlightTimeout()).plusSeconds(3);
      List<Ready> rows = jdbi.inTransaction(h -> {
        SmsDao dao = h.attach(SmsDao.class);
        List<Claimed> claimed = dao.claim(sender.name(), batch, now, checkAfter);
        Map<UUID, Renderer.Text> texts = renderer.render(h, claimed);
        List<Ready> ready = new ArrayList<>(claimed.size());
        List<Ready> written = new ArrayList<>();
        for (Claimed c : claimed) {
          Renderer.Text text = texts.get(c.id());
          if (c.optedOut()) {
            dao.finish(c, SendState.OPTED_OUT, 21610, "the person opted out (STOP)", clock.instant());
          } else if (text == null) {
            dao.finish(c, SendState.FAILED, null, "the crisis was closed before this was sent", clock.instant());
          } else {
            Ready r = new Ready(c.withBody(text.body()), text.language(),
                c.isCall() ? 1 : SmsSegments.of(text.body()).segments());
            ready.add(r);
            if (c.body() == null) {
              written.add(r);
            }
          }
        }
        if (!written.isEmpty()) {
          dao.saveBodies(written.stream()
              .map(r -> new SmsDao.Body(r.claimed().id(), r.claimed().body(), r.segments())).toList());
        }
        return ready;
      });
      for (Ready r : rows) {
        long at = pace.reserve(System.nanoTime(), r.segments());
        long wait = at - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        inFlight.acquire();
        if (killed || !lease.held()) {
          // Lease lost while waiting: the rest stays SENDING and is looked up after the in-flight timeout.
          inFlight.release();
          return false;
        }
        workers.execute(() -> {
          try {
            attempt(r.claimed(), r.language());
          } finally {
            inFlight.release();
          }
        });
      }
      return !rows.isEmpty();
    }

    private void attempt(Claimed c, String language) {
      SendResult result;
      try {
        if (c.isCall()) {
          if (sender.voiceFrom() == null) {
            result = SendResult.failed(null, "sender " + sender.name() + " has no number to call from");
          } else {
            result = gateway.call(new OutgoingCall(c.phone(), sender.voiceFrom(), language, c.body(), null));
          }
        } else {
          result = gateway.send(new OutgoingSms(c.phone(), sender.from(), c.body(), settings.statusCallbackUrl()));
        }
      } catch (RuntimeException e) {
        result = SendResult.unknown(ErrorFacts.describe(e));
      }
      if (killed) {
        return; // a crash records nothing
      }
      record(c, result);
    }
  }

  /**
   * Writes the outcome of an attempt; retries the write while the database is away. A message the gateway took under
   * an id another message already holds (a gateway that gave it twice) went out all the same: it is recorded as sent
   * without the id, never left to be sent again.
   */
  void record(Claimed c, SendResult r) {
    long backoff = 100;
    boolean keepSid = true;
    while (!killed) {
      boolean withSid = keepSid;
      try {
        jdbi.useTransaction(h -> recordIn(h.attach(SmsDao.class), c, r, withSid));
        return;
      } catch (RuntimeException e) {
        if (withSid && r.outcome() == SendResult.Outcome.SENT && ErrorFacts.isUniqueViolation(e, SID_KEY)) {
          LOG.warn("the gateway answered SMS {} with an id already recorded for another message: recorded as sent "
              + "without it (its delivery reports cannot be told apart)", c.id());
          keepSid = false;
          continue;
        }
        LOG.warn("cannot record the outcome of SMS {}, retrying in {} ms: {}", c.id(), backoff,
            ErrorFacts.describe(e));
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return; // left SENDING: the lookup settles it
        }
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private void recordIn(SmsDao dao, Claimed c, SendResult r, boolean withSid) {
    Instant now = clock.instant();
    switch (r.outcome()) {
      case SENT -> {
        SmsStatus status = parse(r.status());
        String rendered = status.name().toLowerCase(Locale.ROOT);
        if (!withSid) {
          dao.sentWithoutSid(c, rendered, status.rank(), now, DUPLICATE_SID);
        } else if (dao.sent(c, r.sid(), rendered, status.rank(), now) && r.sid() != null) {
          reports.applyEarly(dao, r.sid());
        }
      }
      case FAILED -> dao.finish(c, SendState.FAILED, r.errorCode(), r.reason(), now);
      case OPTED_OUT -> {
        dao.finish(c, SendState.OPTED_OUT, r.errorCode(), r.reason(), now);
        dao.optOut(c.phone(), "gateway", now);
      }
      case RETRY -> retry(dao, c, r, now);
      case UNKNOWN -> dao.lookUpLater(c, now.plus(settings.lookupDelay()), r.reason());
    }
  }

  private void retry(SmsDao dao, Claimed c, SendResult r, Instant now) {
    if (c.attempts() >= settings.maxAttempts()) {
      dao.finish(c, SendState.FAILED, r.errorCode(), "gave up after " + c.attempts() + " attempts: " + r.reason(), now);
      return;
    }
    dao.retryAt(c, now.plus(backoff(c.attempts())), r.errorCode(), r.reason());
  }

  /**
   * Exponential backoff with jitter: a random delay between half and one and a half times the step (doubled at each
   * attempt, capped at retryMax), so that the retries of many phones spread out instead of arriving together.
   */
  Duration backoff(int attempt) {
    long base = settings.retryBase().toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, settings.retryMax().toMillis());
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped + 1));
  }

  private static SmsStatus parse(String status) {
    try {
      return status == null ? SmsStatus.QUEUED : SmsStatus.fromTwilio(status);
    } catch (IllegalArgumentException e) {
      return SmsStatus.QUEUED;
    }
  }

  /** Attempts left without an outcome past their time: asks the gateway whether it has them. */
  private boolean lookUpUnanswered(Leases.Lease lease) {
    Instant now = clock.instant();
    List<Claimed> rows = jdbi.inTransaction(h -> h.attach(SmsDao.class).leaseUnanswered(50, now,
        now.plus(settings.inFlightTimeout())));
    for (Claimed c : rows) {
      if (!lease.held()) {
        return false; // the rest are leased to this attempt for the in-flight timeout, then looked up elsewhere
      }
      // Since the row was created: an earlier attempt's message may be the one that went out. A message whose id is
      // recorded for another message to this phone is that one's (two identical acknowledgements); an id recorded
      // for another phone says nothing about this one (a gateway that gave it twice).
      Optional<SendResult> found = gateway.lookup(c.phone(), c.isCall() ? null : c.body(),
          c.createdAt().minusSeconds(60),
          sid -> jdbi.withExtension(SmsDao.class, dao -> dao.sidRecordedFor(sid, c.phone())));
      if (killed) {
        return false;
      }
      if (found.isEmpty()) {
        LOG.info("SMS {} got no answer and is not at the gateway: sending it again", c.id());
        jdbi.useTransaction(h -> retry(h.attach(SmsDao.class), c,
            SendResult.retry(null, "no answer, and not at the gateway"), clock.instant()));
      } else if (found.get().outcome() == SendResult.Outcome.SENT) {
        record(c, found.get());
      } else {
        jdbi.useTransaction(h -> h.attach(SmsDao.class).lookUpLater(c, clock.instant().plus(backoff(c.attempts())),
            "the gateway could not be asked: " + found.get().reason()));
      }
    }
    return !rows.isEmpty();
  }
}
