package crisis.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The application in a JVM of its own, on the test's class path and {@code config/test.yml}, so that a test can kill
 * it with SIGKILL (no shutdown hook, no flush, answers in flight lost) and start it again on the same database.
 */
public final class AppProcess {
  private AppProcess() {}

  /**
   * Starts {@code server ../config/test.yml} with the given system properties ({@code -Ddw.…} overrides); its output
   * goes to a temporary file.
   */
  public static Process start(List<String> properties) throws IOException {
    return start("../config/test.yml", properties, Files.createTempFile("crisis-app-", ".log"));
  }

  /**
   * Starts {@code server config} with the given system properties; its output (standard output and error, where the
   * configured console logging goes) is appended to {@code log}, so that the runs of one test share one file.
   */
  public static Process start(String config, List<String> properties, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    cmd.addAll(properties);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CrisisApplication.class.getName(), "server",
        config));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** SIGTERM, as an operator's stop or a service manager does: the shutdown hooks run; waits for the exit. */
  public static void stop(Process p) throws InterruptedException {
    if (p != null && p.isAlive()) {
      p.destroy();
      p.waitFor();
    }
  }

  /** SIGKILL: no shutdown hook runs. */
  public static void kill(Process p) throws InterruptedException {
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  /** A TCP port free on 127.0.0.1 when asked (for an application whose port the test must know). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
