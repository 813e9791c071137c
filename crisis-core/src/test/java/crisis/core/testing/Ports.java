package crisis.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for servers a test starts in other processes or binds again later. */
public final class Ports {
  private Ports() {}

  /**
   * A port of 127.0.0.1 free now, below Linux's ephemeral range (32768 up): a port the kernel hands out for
   * {@code bind(0)} or an outgoing connection (Kafka clients open many) could be taken between this choice and the
   * server's bind, or while a server that was stopped is down.
   */
  public static int free() throws IOException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 100; i++) {
      int port = random.nextInt(20_000, 32_000);
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // another one
      }
    }
    throw new IOException("no free port between 20000 and 32000");
  }
}
