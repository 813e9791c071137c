package crisis.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests at a fixed rate, whatever the answers' pace (an open model: a slow server does not slow the arrivals,
 * so its slowness shows in the latencies instead of hiding in fewer requests). Each request is due at
 * {@code start + i / rate}; its latency runs from when it was due, not from when it left, so that a generator
 * falling behind is counted against the system rather than forgiven. The i-th request goes to instance
 * {@code i mod K}, as a round-robin proxy would send it; a connection refused or reset is retried on the next
 * instance (at most K times in all), as a client that retries idempotent requests does. A request is lost when
 * every try failed to be answered.
 */
final class OpenLoad {
  /** The requests of a run. */
  interface Mix {
    /** The kind of the i-th request and its request for {@code base}. */
    Planned plan(long i);
  }

  /** A request to send: its kind, its request for an instance's base URL, the statuses that count as answered well. */
  record Planned(String kind, java.util.function.Function<String, HttpRequest> forBase, java.util.Set<Integer> ok) {}

  /** What one kind's requests met. */
  static final class Tally {
    final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong errors = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

    double percentile(double p) {
      long[] ns;
      synchronized (latencies) {
        ns = latencies.stream().mapToLong(Long::longValue).toArray();
      }
      if (ns.length == 0) {
        return Double.NaN;
      }
      Arrays.sort(ns);
      return ns[Math.min(ns.length - 1, Math.max(0, (int) Math.ceil(ns.length * p) - 1))] / 1e6;
    }

    long count() {
      return latencies.size();
    }
  }

  /**
   * What a run met: per kind; the seconds it took to send; how many requests left late (the generator behind); how
   * many were still unanswered 30 s after the last left (counted as errors of no kind).
   */
  record Result(Map<String, Tally> byKind, double seconds, long sent, long late, long unanswered) {
    Tally all() {
      Tally t = new Tally();
      t.errors.addAndGet(unanswered);
      for (Tally k : byKind.values()) {
        t.latencies.addAll(k.latencies);
        t.errors.addAndGet(k.errors.get());
        t.lost.addAndGet(k.lost.get());
        t.retried.addAndGet(k.retried.get());
      }
      return t;
    }
  }

  /**
   * The answers' handlers run on daemon threads: a pool of ordinary threads, never shut down, kept every finished
   * benchmark's JVM alive (with its Kafka broker), and the next runs measured the machine those left busy.
   */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "open-load");
        t.setDaemon(true);
        return t;
      })).build();
  private final List<String> bases;

  OpenLoad(List<String> bases) {
    this.bases = List.copyOf(bases);
  }

  /**
   * Sends {@code rate} requests a second for {@code seconds}, the i-th as {@code mix} plans it, and waits up to
   * 30 s for the last answers. {@code during}, when given, runs once at {@code duringAt} seconds into the run.
   */
  Result run(double rate, int seconds, Mix mix, double duringAt, Runnable during) throws InterruptedException {
    Map<String, Tally> byKind = new LinkedHashMap<>();
    long total = (long) (rate * seconds);
    long start = System.nanoTime();
    double step = 1e9 / rate;
    long late = 0;
    boolean duringDone = during == null;
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (long i = 0; i < total; i++) {
      long due = start + (long) (i * step);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else if (wait < -10_000_000L) {
        late++;
      }
      if (!duringDone && System.nanoTime() - start >= duringAt * 1e9) {
        duringDone = true;
        java.lang.Thread t = new java.lang.Thread(during, "load-during");
        t.setDaemon(true);
        t.start();
      }
      Planned p = mix.plan(i);
      Tally tally;
      synchronized (byKind) {
        tally = byKind.computeIfAbsent(p.kind(), k -> new Tally());
      }
      futures.add(attempt(p, (int) (i % bases.size()), 0, due, tally));
    }
    long sentAt = System.nanoTime();
    CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    try {
      all.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the requests still unanswered are counted as errors below
    }
    long unanswered = futures.stream().filter(f -> !f.isDone()).count();
    return new Result(byKind, (sentAt - start) / 1e9, total, late, unanswered);
  }

  private CompletableFuture<Void> attempt(Planned p, int instance, int tries, long due, Tally tally) {
    String base = bases.get(instance);
    return http.sendAsync(p.forBase().apply(base), HttpResponse.BodyHandlers.discarding())
        .handle((r, e) -> {
          if (e != null) {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
            if (cause instanceof IOException && tries + 1 < bases.size() * 2) {
              tally.retried.incrementAndGet();
              return attempt(p, (instance + 1) % bases.size(), tries + 1, due, tally);
            }
            tally.lost.incrementAndGet();
            return CompletableFuture.<Void>completedFuture(null);
          }
          tally.latencies.add(System.nanoTime() - due);
          tally.statuses.computeIfAbsent(r.statusCode(), s -> new AtomicLong()).incrementAndGet();
          if (!p.ok().contains(r.statusCode())) {
            tally.errors.incrementAndGet();
          }
          return CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(f -> f);
  }
}
