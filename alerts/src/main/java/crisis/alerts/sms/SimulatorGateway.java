package crisis.alerts.sms;

import crisis.core.common.ErrorFacts;
import crisis.core.db.Jdbis;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway of the embedded default and of demonstrations: nothing leaves the machine. Each SMS and call lands on a
 * simulated phone that a tester reads through the API, and is reported delivered a moment later through the same
 * status path as Twilio's callbacks. Like Twilio, the simulator outlives the process that talks to it: its messages
 * are kept in the database ({@code sms_simulated}, the newest {@code capacity}) under random ids, so that a restart
 * neither gives an id again nor forgets a message whose answer a crash lost (the dispatcher's look-up finds it).
 * Thread-safe.
 */
public final class SimulatorGateway implements SmsGateway, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorGateway.class);
  /** Messages between two trims of the oldest. */
  private static final int TRIM_EVERY = 200;

  /** One SMS or call as the simulated phone received it. */
  public record Item(String sid, String kind, String to, String from, String body, String language, Instant at) {}

  private final Jdbi jdbi;
  private final int capacity;
  private final Clock clock;
  private final AtomicInteger sinceTrim = new AtomicInteger();
  private final ScheduledExecutorService delivery = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sms-simulator-delivery");
    t.setDaemon(true);
    return t;
  });
  private volatile BiConsumer<String, String> statusSink = (sid, status) -> {};

  public SimulatorGateway(Jdbi jdbi, int capacity, Clock clock) {
    this.jdbi = Jdbis.prepare(jdbi, List.of(SimulatorDao.class));
    this.capacity = capacity;
    this.clock = clock;
  }

  /** Where the simulated delivery reports go (sid, status), like Twilio's status callbacks. */
  public void onStatus(BiConsumer<String, String> sink) {
    this.statusSink = sink;
  }

  @Override
  public SendResult send(OutgoingSms sms) {
    Item item = add("SM", "SMS", sms.to(), sms.sender(), sms.body(), null);
    deliverLater(item.sid());
    return SendResult.sent(item.sid(), "queued");
  }

  @Override
  public SendResult call(OutgoingCall call) {
    Item item = add("CA", "CALL", call.to(), call.from(), call.text(), call.language());
    return SendResult.sent(item.sid(), "queued");
  }

  @Override
  public Optional<SendResult> lookup(String to, String body, Instant since, Predicate<String> recorded) {
    List<Item> sent = jdbi.withExtension(SimulatorDao.class, dao -> dao.sentTo(to, body, since));
    return sent.stream().filter(i -> !recorded.test(i.sid())).findFirst()
        .map(i -> SendResult.sent(i.sid(), "delivered"));
  }

  /** What the simulated phones received, newest first; {@code to} null for every phone. */
  public List<Item> received(String to, int limit) {
    return jdbi.withExtension(SimulatorDao.class, dao -> to == null ? dao.newest(limit) : dao.newestTo(to, limit));
  }

  private Item add(String prefix, String kind, String to, String from, String body, String language) {
    Item item = new Item(newSid(prefix), kind, to, from, body, language, clock.instant());
    jdbi.useExtension(SimulatorDao.class, dao -> {
      dao.add(item);
      if (sinceTrim.incrementAndGet() % TRIM_EVERY == 0) {
        dao.keepNewest(capacity);
      }
    });
    return item;
  }

  /**
   * An id shaped like Twilio's (a prefix and 32 hexadecimal digits), random: unique across restarts, as the messages
   * recorded under earlier ids need. A counter starting again at 1 gave the previous run's ids again.
   */
  static String newSid(String prefix) {
    UUID u = UUID.randomUUID();
    return String.format("%s%016x%016x", prefix, u.getMostSignificantBits(), u.getLeastSignificantBits());
  }

  private void deliverLater(String sid) {
    try {
      delivery.schedule(() -> {
        try {
          statusSink.accept(sid, "delivered");
        } catch (RuntimeException e) {
          LOG.warn("simulated delivery report failed: {}", ErrorFacts.describe(e));
        }
      }, 500, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closing: the message was taken; only its simulated report is not made.
    }
  }

  /** Stops after the delivery reports already due (within half a second), so that a restart loses none. */
  @Override
  public void close() {
    delivery.shutdown();
    try {
      if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
        delivery.shutdownNow();
      }
    } catch (InterruptedException e) {
      delivery.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
