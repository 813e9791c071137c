package crisis.alerts.sms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake of Twilio's Messages API on 127.0.0.1 for tests: accepts {@code POST
 * /2010-04-01/Accounts/{sid}/Messages.json}, counts requests and messages per recipient, and answers what the test
 * scripts (by default: 201 queued).
 */
public final class FakeTwilio implements AutoCloseable {
  /** A scripted answer: HTTP status, Twilio error code (null for success), delay before answering in ms. */
  public record Reply(int status, Integer code, long delayMillis) {
    public static final Reply OK = new Reply(201, null, 0);
  }

  private final HttpServer server;
  private final AtomicInteger sids = new AtomicInteger();
  private final Map<String, AtomicInteger> requestsPerRecipient = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> acceptedPerRecipient = new ConcurrentHashMap<>();
  private final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private volatile Function<Map<String, String>, Reply> script = params -> Reply.OK;

  public FakeTwilio() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/2010-04-01/Accounts/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    server.start();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void script(Function<Map<String, String>, Reply> s) {
    this.script = s;
  }

  public int requests(String to) {
    AtomicInteger n = requestsPerRecipient.get(to);
    return n == null ? 0 : n.get();
  }

  public int accepted(String to) {
    AtomicInteger n = acceptedPerRecipient.get(to);
    return n == null ? 0 : n.get();
  }

  public List<Map<String, String>> requests() {
    return List.copyOf(requests);
  }

  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod()) || !ex.getRequestURI().getPath().endsWith("/Messages.json")) {
        respond(ex, 404, "{\"code\": 20404, \"message\": \"not found\", \"status\": 404}");
        return;
      }
      Map<String, String> params = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      requests.add(params);
      authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
      String to = params.getOrDefault("To", "");
      requestsPerRecipient.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
      Reply r = script.apply(params);
      if (r.delayMillis() > 0) {
        Thread.sleep(r.delayMillis());
      }
      if (r.status() == 201) {
        acceptedPerRecipient.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
        String sid = String.format("SM%032d", sids.incrementAndGet());
        respond(ex, 201, "{\"sid\": \"" + sid + "\", \"status\": \"queued\", \"to\": \"" + to + "\", "
            + "\"num_segments\": \"1\", \"account_sid\": \"AC00000000000000000000000000000000\"}");
      } else if (r.code() != null) {
        respond(ex, r.status(), "{\"code\": " + r.code() + ", \"message\": \"scripted error " + r.code()
            + "\", \"more_info\": \"https://www.twilio.com/docs/errors/" + r.code() + "\", \"status\": "
            + r.status() + "}");
      } else {
        respond(ex, r.status(), "<html>upstream error</html>");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  static Map<String, String> form(String body) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
