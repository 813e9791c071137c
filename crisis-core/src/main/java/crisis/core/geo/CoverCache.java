package crisis.core.geo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * The coverages of polygon zones, kept by the zone's content (SHA-256 of its geometry as WKB): a coverage depends only
 * on the zone, so the searches, density maps, previews and the alert pipeline that ask about the same zone (the same
 * drawing sent again, a crisis's stored zone read back) cover it once. Bounded by the cells and ranges held (about 26
 * bytes each), least recently used first out. A zone asked about by several threads at once is covered by one of
 * them while the others wait. Thread-safe.
 */
final class CoverCache {
  /** Cells and ranges kept at most, all coverages together: about 50 MB. */
  static final long MAX_WEIGHT = 2_000_000;

  static final CoverCache SHARED = new CoverCache(MAX_WEIGHT);

  private final long maxWeight;
  private final LinkedHashMap<String, CompletableFuture<Coverage>> byKey = new LinkedHashMap<>(64, 0.75f, true);
  private long weight;

  CoverCache(long maxWeight) {
    this.maxWeight = maxWeight;
  }

  /** The key of a geometry's content: two geometries with the same coordinates in the same order share it. */
  static String key(Geometry g) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new WKBWriter(2).write(g)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  /** The coverage kept under {@code key}, or computed now (once, whatever the number of callers) and kept. */
  Coverage get(String key, Supplier<Coverage> compute) {
    CompletableFuture<Coverage> f;
    boolean mine = false;
    synchronized (this) {
      f = byKey.get(key);
      if (f == null) {
        f = new CompletableFuture<>();
        byKey.put(key, f);
        mine = true;
      }
    }
    if (!mine) {
      try {
        return f.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    Coverage c;
    try {
      c = compute.get();
    } catch (RuntimeException e) {
      synchronized (this) {
        byKey.remove(key);
      }
      f.completeExceptionally(e);
      throw e;
    }
    f.complete(c);
    synchronized (this) {
      weight += weight(c);
      evict();
    }
    return c;
  }

  /** Cells and ranges held, all coverages together. */
  synchronized long weight() {
    return weight;
  }

  synchronized int size() {
    return byKey.size();
  }

  private static long weight(Coverage c) {
    return c.cells().length + (long) c.size();
  }

  /** Drops the least recently used coverages (not those still being computed) until the weight fits. */
  private void evict() {
    Iterator<Map.Entry<String, CompletableFuture<Coverage>>> it = byKey.entrySet().iterator();
    while (weight > maxWeight && it.hasNext()) {
      CompletableFuture<Coverage> f = it.next().getValue();
      if (f.isDone() && !f.isCompletedExceptionally()) {
        weight -= weight(f.join());
        it.remove();
      }
    }
  }
}
