package crisis.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stand-in for Twilio's REST API on 127.0.0.1, for tests and benchmarks: creates and lists messages
 * ({@code /2010-04-01/Accounts/{sid}/Messages.json}) and calls ({@code .../Calls.json}), counts requests and
 * accepted messages per recipient, and answers what the caller scripts (by default: 201 queued). A scripted 201
 * with a delay creates the message first and answers late: the client's timeout then loses an answer for a message
 * that exists, as happens with the real service.
 */
public final class LocalTwilio implements AutoCloseable {
  /** A scripted answer: HTTP status, Twilio error code (null for success), delay before answering in ms. */
  public record Reply(int status, Integer code, long delayMillis) {
    public static final Reply OK = new Reply(201, null, 0);
  }

  /** A message or call this server accepted. */
  public record Created(String sid, String kind, String to, String from, String body, ZonedDateTime at,
      long nanoTime) {}

  /** Twilio's date format, e.g. "Sun, 29 Nov 2026 10:00:00 +0000". */
  private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
      java.util.Locale.US);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(64);
  private final Map<String, AtomicInteger> requestsPerRecipient = new ConcurrentHashMap<>();
  private final Map<String, List<Created>> createdPerRecipient = new ConcurrentHashMap<>();
  private final List<Created> created = Collections.synchronizedList(new ArrayList<>());
  private final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private volatile Function<Map<String, String>, Reply> script = params -> Reply.OK;

  public LocalTwilio() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/2010-04-01/Accounts/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How to answer each create request (its form parameters; calls carry {@code Twiml}). */
  public void script(Function<Map<String, String>, Reply> s) {
    this.script = s;
  }

  /** Create requests (messages and calls) received for a recipient. */
  public int requests(String to) {
    AtomicInteger n = requestsPerRecipient.get(to);
    return n == null ? 0 : n.get();
  }

  /** Messages created for a recipient (calls not counted). */
  public int accepted(String to) {
    return (int) createdFor(to).stream().filter(c -> "SMS".equals(c.kind())).count();
  }

  /** Calls created for a recipient. */
  public int calls(String to) {
    return (int) createdFor(to).stream().filter(c -> "CALL".equals(c.kind())).count();
  }

  public List<Created> createdFor(String to) {
    List<Created> l = createdPerRecipient.get(to);
    if (l == null) {
      return List.of();
    }
    synchronized (l) {
      return List.copyOf(l);
    }
  }

  /** Everything created, in order. */
  public List<Created> created() {
    synchronized (created) {
      return List.copyOf(created);
    }
  }

  public List<Map<String, String>> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public List<String> authorizations() {
    synchronized (authorizations) {
      return List.copyOf(authorizations);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String kind = path.endsWith("/Messages.json") ? "SMS" : path.endsWith("/Calls.json") ? "CALL" : null;
      if (kind == null) {
        respond(ex, 404, "{\"code\": 20404, \"message\": \"not found\", \"status\": 404}");
        return;
      }
      if ("GET".equals(ex.getRequestMethod())) {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery());
        list(ex, path, kind, q.get("To"));
        return;
      }
      Map<String, String> params = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      requests.add(params);
      authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
      String to = params.getOrDefault("To", "");
      requestsPerRecipient.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
      Reply r = script.apply(params);
      Created c = null;
      if (r.status() == 201) {
        String from = params.getOrDefault("From", params.get("MessagingServiceSid"));
        c = new Created(sid("SMS".equals(kind) ? "SM" : "CA"), kind,
            to, from, "SMS".equals(kind) ? params.get("Body") : params.get("Twiml"),
            ZonedDateTime.now(ZoneOffset.UTC), System.nanoTime());
        created.add(c);
        List<Created> mine = createdPerRecipient.computeIfAbsent(to, k -> new ArrayList<>());
        synchronized (mine) {
          mine.add(c);
        }
      }
      if (r.delayMillis() > 0) {
        Thread.sleep(r.delayMillis());
      }
      if (c != null) {
        respond(ex, 201, resource(c));
      } else if (r.code() != null) {
        respond(ex, r.status(), "{\"code\": " + r.code() + ", \"message\": \"scripted error " + r.code()
            + "\", \"more_info\": \"https://www.twilio.com/docs/errors/" + r.code() + "\", \"status\": "
            + r.status() + "}");
      } else {
        respond(ex, r.status(), "<html>upstream error</html>");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client gave up (a timeout); nothing to answer
    }
  }

  /**
   * A random id shaped like Twilio's: unique across restarts of the stand-in, as a run that keeps its database from an
   * earlier one needs (a counter would give the earlier run's ids again).
   */
  private static String sid(String prefix) {
    java.util.UUID u = java.util.UUID.randomUUID();
    return String.format("%s%016x%016x", prefix, u.getMostSignificantBits(), u.getLeastSignificantBits());
  }

  private void list(HttpExchange ex, String path, String kind, String to) throws IOException {
    List<Created> mine = new ArrayList<>(to == null ? created() : createdFor(to));
    mine.removeIf(c -> !c.kind().equals(kind));
    Collections.reverse(mine); // newest first, as Twilio lists
    StringBuilder b = new StringBuilder("{\"").append("SMS".equals(kind) ? "messages" : "calls").append("\": [");
    for (int i = 0; i < mine.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(resource(mine.get(i)));
    }
    b.append("], \"uri\": \"").append(path).append("\", \"first_page_uri\": \"").append(path)
        .append("\", \"next_page_uri\": null, \"previous_page_uri\": null, \"page\": 0, \"page_size\": ")
        .append(Math.max(50, mine.size())).append(", \"start\": 0, \"end\": ").append(mine.size()).append("}");
    respond(ex, 200, b.toString());
  }

  private static String resource(Created c) {
    return "{\"sid\": \"" + c.sid() + "\", \"status\": \"queued\", \"to\": " + quote(c.to()) + ", \"from\": "
        + quote(c.from()) + ", \"body\": " + quote("SMS".equals(c.kind()) ? c.body() : null)
        + ", \"date_created\": \"" + RFC_2822.format(c.at()) + "\", \"num_segments\": \"1\", "
        + "\"account_sid\": \"AC00000000000000000000000000000000\"}";
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> {
          if (ch < 0x20) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
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
        m.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
