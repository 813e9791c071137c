package crisis.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets some processes listen on, read from the kernel (Linux {@code /proc}), as {@code ss -ltnp} shows
 * them: what another machine could connect to.
 */
public final class ListeningSockets {
  /** One listening socket: its local address as the kernel writes it (hex) and its port. */
  public record Socket(String hexAddress, int port) {
    /** 127.0.0.1, ::1, or 127.0.0.1 mapped into IPv6. */
    public boolean loopback() {
      return hexAddress.equals("0100007F") || hexAddress.equals("0000000000000000FFFF00000100007F")
          || hexAddress.equals("00000000000000000000000001000000");
    }
  }

  private ListeningSockets() {}

  /** Every listening TCP socket held by one of {@code pids}. */
  public static List<Socket> of(Set<Long> pids) {
    Set<String> inodes = new HashSet<>();
    for (long pid : pids) {
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
        for (Path fd : fds) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring(8, target.length() - 1));
            }
          } catch (IOException e) {
            // closed meanwhile
          }
        }
      } catch (IOException e) {
        // the process ended meanwhile
      }
    }
    List<Socket> listening = new ArrayList<>();
    try {
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        List<String> lines = Files.readAllLines(Path.of(table));
        for (String line : lines.subList(1, lines.size())) {
          String[] f = line.trim().split("\\s+");
          if ("0A".equals(f[3]) && inodes.contains(f[9])) {
            int colon = f[1].indexOf(':');
            listening.add(new Socket(f[1].substring(0, colon), Integer.parseInt(f[1].substring(colon + 1), 16)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return listening;
  }

  /** This JVM and every process whose command line mentions {@code marker} (e.g. a child's data directory). */
  public static Set<Long> thisProcessAnd(String marker) {
    Set<Long> pids = new HashSet<>();
    pids.add(ProcessHandle.current().pid());
    ProcessHandle.allProcesses().forEach(p -> {
      try {
        String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
        if (cmdline.contains(marker)) {
          pids.add(p.pid());
        }
      } catch (IOException e) {
        // gone, or not ours to read
      }
    });
    return pids;
  }
}
