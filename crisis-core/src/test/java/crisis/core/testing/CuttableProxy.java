package crisis.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 in front of a server, whose connections can be cut and restored: what a gate laptop losing
 * its network looks like from the browser (the application unreachable, for the page and its service worker alike),
 * or the database restarting or lost from the application's side (every session ended, no new one until restored).
 * Its port is below the ephemeral range ({@link Ports#free}), so that no outgoing connection takes it while cut.
 */
public final class CuttableProxy implements AutoCloseable {
  private final int target;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;

  public CuttableProxy(int target) throws IOException {
    this(target, Ports.free());
  }

  /** A relay listening on {@code port} (chosen by the caller with the other ports it needs, none twice). */
  public CuttableProxy(int target, int port) throws IOException {
    this.target = target;
    this.port = port;
    restore();
  }

  public int port() {
    return port;
  }

  /** Accepts connections again, on the same port; nothing to do if it does already. */
  public synchronized void restore() throws IOException {
    if (server != null && !server.isClosed()) {
      return;
    }
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = s;
    Thread accept = new Thread(() -> {
      while (!s.isClosed()) {
        Socket client;
        try {
          client = s.accept();
        } catch (IOException closed) {
          return;
        }
        try {
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
          // Accepted just before a cut: the cut closed the sockets it knew, so this one must not live on.
          synchronized (this) {
            if (s.isClosed()) {
              client.close();
              upstream.close();
              continue;
            }
            open.add(client);
            open.add(upstream);
          }
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException targetDown) {
          // The server behind is down (a killed broker): this connection is refused, the relay stays.
          try {
            client.close();
          } catch (IOException ignored) {
            // closed already
          }
        }
      }
    }, "proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** Refuses new connections and drops the open ones. */
  public synchronized void cut() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16_384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException closed) {
        // either side went away
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // closed already
        }
      }
    }, "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
