package crisis.api.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 relay on 127.0.0.1 in front of the application that can hold back one request: the next one whose path
 * starts with a given prefix waits in the relay, before reaching the server, until the test releases it. The browser
 * sees that request answered late, after the ones it sent later: a slow server answer, made deterministic. Requests
 * are read one at a time per connection (a browser does not pipeline), bodies by their {@code Content-Length}; answers
 * are relayed as they come.
 */
final class HoldingRelay implements AutoCloseable {
  private final int target;
  private final ServerSocket server;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger held = new AtomicInteger();
  private volatile String holdPrefix;
  private final CountDownLatch release = new CountDownLatch(1);

  HoldingRelay(int target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "relay-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Holds the next request whose path starts with {@code prefix} until {@link #release()}. */
  void holdNext(String prefix) {
    holdPrefix = prefix;
  }

  /** How many requests are held or were held (a positive signal that the one to hold has been sent). */
  int held() {
    return held.get();
  }

  /** Lets the held request go on to the server. */
  void release() {
    release.countDown();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        open.add(client);
        open.add(upstream);
        thread(() -> requests(client, upstream));
        thread(() -> copy(upstream, client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void requests(Socket client, Socket upstream) {
    try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
      for (byte[] head; (head = head(in)) != null; ) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
        String prefix = holdPrefix;
        if (prefix != null && requestLine.length > 1 && requestLine[1].startsWith(prefix)) {
          holdPrefix = null;
          held.incrementAndGet();
          release.await();
        }
        out.write(head);
        long length = contentLength(text);
        byte[] buffer = new byte[16_384];
        for (long left = length; left > 0; ) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            return;
          }
          out.write(buffer, 0, n);
          left -= n;
        }
        out.flush();
      }
    } catch (IOException | InterruptedException gone) {
      // either side went away
    } finally {
      closeQuietly(client, upstream);
    }
  }

  /** A request's head, up to and with its blank line; null at the end of the connection. */
  private static byte[] head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b; (b = in.read()) >= 0; ) {
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : 0;
      if (matched == 4) {
        return head.toByteArray();
      }
    }
    return null;
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    return 0;
  }

  private static void copy(Socket from, Socket to) {
    byte[] buffer = new byte[16_384];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException gone) {
      // either side went away
    } finally {
      closeQuietly(from, to);
    }
  }

  private static void closeQuietly(Socket... sockets) {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closed already
      }
    }
  }

  private static void thread(Runnable r) {
    Thread t = new Thread(r, "relay");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    release();
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
