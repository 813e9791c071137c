package crisis.core.registry.importing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Writes an import's batches on several connections at once, so that the database works on more than one core, while
 * everything outside sees them one after the other: outcomes are handed on in batch order, on the calling thread.
 *
 * <p>Two batches in flight never share a unique key (external id, national ID, passport, phone with birth date and
 * names): a batch that shares one with a batch still being written waits for it, and is then matched against what
 * it wrote. Without that, each could wait on the other's uncommitted rows in the unique indexes. Rows of one batch
 * that share a key with an earlier row of the same batch are held back for the next one, for the same reason.
 * Not thread-safe: one caller.
 */
final class ParallelWrites implements AutoCloseable {
  private record InFlight(Future<List<RowOutcome>> outcomes, Set<String> keys) {}

  private final List<BatchWriter> writers;
  private final BlockingQueue<BatchWriter> idle;
  private final ExecutorService pool;
  private final Deque<InFlight> inFlight = new ArrayDeque<>();
  private final Consumer<RowOutcome> emit;

  /**
   * @param writers one per connection; as many batches are written at once
   * @param emit receives every outcome, in batch order and line order within a batch, on the calling thread
   */
  ParallelWrites(List<BatchWriter> writers, String name, Consumer<RowOutcome> emit) {
    this.writers = List.copyOf(writers);
    this.idle = new ArrayBlockingQueue<>(writers.size(), false, writers);
    this.emit = emit;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(writers.size(), r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts writing {@code rows} (reported with {@code rejected}) once no batch in flight shares a key with them and
   * a connection is free; hands on the outcomes of the batches finished before it meanwhile.
   *
   * @return rows held back because an earlier row of {@code rows} shares a key with them: submit them next
   */
  List<Candidate> submit(List<Candidate> rows, List<RowOutcome> rejected) throws InterruptedException {
    List<Candidate> now = new ArrayList<>(rows.size());
    List<Candidate> later = new ArrayList<>();
    Set<String> keys = new HashSet<>(rows.size() * 4);
    for (Candidate c : rows) {
      if (c.keys().stream().anyMatch(keys::contains)) {
        later.add(c);
      } else {
        keys.addAll(c.keys());
        now.add(c);
      }
    }
    while (!inFlight.isEmpty() && (inFlight.size() >= writers.size() || sharesKey(keys))) {
      handOnOldest();
    }
    BatchWriter w = idle.take();
    inFlight.addLast(new InFlight(pool.submit(() -> {
      try {
        return w.write(now, rejected);
      } finally {
        idle.add(w);
      }
    }), keys));
    return later;
  }

  /** Waits for every batch in flight and hands on their outcomes. */
  void finish() throws InterruptedException {
    while (!inFlight.isEmpty()) {
      handOnOldest();
    }
  }

  private boolean sharesKey(Set<String> keys) {
    for (InFlight f : inFlight) {
      if (!Collections.disjoint(f.keys(), keys)) {
        return true;
      }
    }
    return false;
  }

  private void handOnOldest() throws InterruptedException {
    InFlight f = inFlight.removeFirst();
    try {
      f.outcomes().get().forEach(emit);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }
  }

  /** Lets the batches in flight end (committed or rolled back), then closes every connection. */
  @Override
  public void close() {
    pool.shutdown();
    boolean interrupted = false;
    for (InFlight f : inFlight) {
      try {
        f.outcomes().get();
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        // Already failed; the caller reports the first failure.
      }
    }
    inFlight.clear();
    writers.forEach(BatchWriter::close);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
