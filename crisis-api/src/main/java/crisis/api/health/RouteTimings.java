package crisis.api.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * HTTP request durations by method, ROUTE TEMPLATE ({@code /api/v1/crises/{id}}, never the path that was asked: no
 * id, phone or name reaches a label) and status class, as a Prometheus histogram.
 */
public final class RouteTimings implements ApplicationEventListener {
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  /** One series: counts per bucket (not cumulative), their sum in nanoseconds, their count. */
  static final class Series {
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final AtomicLong nanos = new AtomicLong();

    Series() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void add(long elapsed) {
      double seconds = elapsed / 1e9;
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          buckets[i].increment();
          break;
        }
      }
      count.increment();
      nanos.addAndGet(elapsed);
    }
  }

  /** method, route, status class. */
  record Key(String method, String route, String status) {}

  private final Map<Key, Series> series = new ConcurrentHashMap<>();

  Map<Key, Series> series() {
    return series;
  }

  @Override
  public void onEvent(ApplicationEvent event) {}

  @Override
  public RequestEventListener onRequest(RequestEvent start) {
    long begin = System.nanoTime();
    return event -> {
      if (event.getType() != RequestEvent.Type.FINISHED) {
        return;
      }
      int status = event.getContainerResponse() == null ? 500 : event.getContainerResponse().getStatus();
      Key key = new Key(event.getContainerRequest().getMethod(), route(event), (status / 100) + "xx");
      series.computeIfAbsent(key, k -> new Series()).add(System.nanoTime() - begin);
    };
  }

  /** The matched templates, outermost first; "unmatched" when no resource took the request (a 404, say). */
  static String route(RequestEvent event) {
    if (event.getUriInfo() == null || event.getUriInfo().getMatchedResourceMethod() == null) {
      return "unmatched";
    }
    List<UriTemplate> templates = new ArrayList<>(event.getUriInfo().getMatchedTemplates());
    java.util.Collections.reverse(templates);
    StringBuilder b = new StringBuilder();
    for (UriTemplate t : templates) {
      String s = t.getTemplate();
      if (s.isEmpty() || "/".equals(s)) {
        continue;
      }
      if (!s.startsWith("/")) {
        b.append('/');
      }
      b.append(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
    return b.length() == 0 ? "/" : b.toString();
  }
}
