package crisis.alerts.sms;

import crisis.core.common.ErrorFacts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The gateway of the embedded default and of demonstrations: nothing leaves the machine. Each SMS and call lands in
 * an in-memory outbox (the newest {@code capacity} are kept) that a tester reads through the API, and is reported
 * delivered a moment later through the same status path as Twilio's callbacks. Ids are random, as unique across
 * restarts as Twilio's; the outbox itself lives and dies with the process, so a message whose answer a crash lost is
 * not found by the dispatcher's look-up after the restart, and is sent again. Thread-safe.
 */
public final class SimulatorGateway implements SmsGateway, AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SimulatorGateway.class);

  /** One SMS or call as the simulated phone received it. */
  public record Item(String sid, String kind, String to, String from, String body, String language, Instant at) {}

  private final int capacity;
  private final Clock clock;
  private final Deque<Item> items = new ArrayDeque<>();
  private final ScheduledExecutorService delivery = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sms-simulator-delivery");
    t.setDaemon(true);
    return t;
  });
  private volatile BiConsumer<String, String> statusSink = (sid, status) -> {};

  public SimulatorGateway(int capacity, Clock clock) {
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
  public synchronized Optional<SendResult> lookup(String to, String body, Instant since,
      java.util.function.Predicate<String> recorded) {
    for (Item i : items) {
      if (i.to().equals(to) && !i.at().isBefore(since) && (body == null ? "CALL".equals(i.kind())
          : body.equals(i.body())) && !recorded.test(i.sid())) {
        return Optional.of(SendResult.sent(i.sid(), "delivered"));
      }
    }
    return Optional.empty();
  }

  /** What the simulated phones received, newest first; {@code to} null for every phone. */
  public synchronized List<Item> received(String to, int limit) {
    List<Item> out = new ArrayList<>();
    for (Item i : items) {
      if (to == null || i.to().equals(to)) {
        out.add(i);
        if (out.size() == limit) {
          break;
        }
      }
    }
    return out;
  }

  private synchronized Item add(String prefix, String kind, String to, String from, String body, String language) {
    Item item = new Item(newSid(prefix), kind, to, from, body, language, clock.instant());
    items.addFirst(item);
    while (items.size() > capacity) {
      items.removeLast();
    }
    return item;
  }

  /**
   * An id shaped like Twilio's (a prefix and 32 hexadecimal digits), random: unique across restarts of the simulator,
   * whose earlier messages the database still holds under their ids. A counter starting again at 1 gave the ids of
   * the previous run again.
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

  @Override
  public void close() {
    delivery.shutdownNow();
  }
}
