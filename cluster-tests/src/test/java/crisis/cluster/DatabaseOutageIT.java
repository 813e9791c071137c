package crisis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.testing.CuttableProxy;
import crisis.core.testing.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fault C: the database lost to both instances in the middle of a crisis's SMS dispatch, as a restart or a fail-over
 * looks from the application: every session ended at once (transactions in flight aborted, the leases' sessions with
 * them), no new connection for {@link #OUTAGE}, then the same address answers again. Nothing may leave for the
 * gateway once the leases have lapsed (the sender's owner cannot know whether another instance took over), the
 * instances say they are not ready, and once the database is back the crisis finishes: every person alerted once,
 * every phone texted once, the tally exact, one sender's rate.
 */
class DatabaseOutageIT {
  private static final int PEOPLE = 2_500;
  private static final double RATE = 60;
  private static final Duration OUTAGE = Duration.ofSeconds(12);
  private static final Pattern PORT = Pattern.compile("^(jdbc:postgresql://[^/:]+)(?::(\\d+))?(/.*)$");

  @Test
  void theDatabaseLostMidDispatchLosesAndDoublesNothing() throws Exception {
    CuttableProxy[] proxy = new CuttableProxy[1];
    try (ClusterFixture f = new ClusterFixture(PEOPLE, true, RATE, url -> through(url, proxy))) {
      Set<UUID> expected = f.expected();
      long activated = System.nanoTime();
      UUID c = f.activateCrisis();
      Poll.until(Duration.ofMinutes(3), () -> f.accepted() >= expected.size() / 4, "a quarter of the SMS at the gateway");
      proxy[0].cut();
      long cut = System.nanoTime();
      int atCut = f.accepted();
      System.out.printf("cluster test C: %d people; every database session cut %.1f s after activation, %d SMS at "
          + "the gateway then%n", expected.size(), (cut - activated) / 1e9, atCut);
      for (AppInstance app : f.apps) {
        Poll.until(Duration.ofSeconds(10), () -> readyStatus(app), s -> s == 503,
            "instance " + app.name + " not ready while the database is away");
      }
      long notReady = System.nanoTime();
      Thread.sleep(Math.max(0, OUTAGE.toMillis() - (notReady - cut) / 1_000_000));
      long restored = System.nanoTime();
      proxy[0].restore();
      // The leases lapse 1 s after their last good check: nothing leaves after that while the database is away.
      long lapsed = cut + Duration.ofSeconds(2).toNanos();
      long sentWhileAway = f.segmentsBetween(lapsed, restored);
      System.out.printf("cluster test C: both instances not ready %.1f s after the cut; %d SMS reached the gateway "
          + "in the first 2 s of the outage, %d after; database back after %.1f s%n", (notReady - cut) / 1e9,
          f.segmentsBetween(cut, lapsed), sentWhileAway, (restored - cut) / 1e9);
      assertThat(sentWhileAway).as("segments sent more than 2 s into the outage").isZero();
      f.awaitSettled(c, expected.size(), Duration.ofMinutes(5));
      long firstAfter = f.twilio.created().stream().filter(x -> "SMS".equals(x.kind()))
          .mapToLong(crisis.standin.LocalTwilio.Created::nanoTime).filter(t -> t >= restored).min().orElse(0);
      System.out.printf("cluster test C: first SMS %.1f s after the database came back; settled %.1f s after "
          + "activation; %s%n", firstAfter == 0 ? Double.NaN : (firstAfter - restored) / 1e9,
          (System.nanoTime() - activated) / 1e9, f.timeline(activated, cut));
      for (AppInstance app : f.apps) {
        Poll.until(Duration.ofSeconds(30), () -> readyStatus(app), s -> s == 200,
            "instance " + app.name + " ready again");
      }
      f.verify(c, expected);
    } finally {
      if (proxy[0] != null) {
        proxy[0].close();
      }
    }
  }

  /** The database URL through a relay to the same server (made on first use: both instances share it). */
  private static String through(String url, CuttableProxy[] proxy) {
    Matcher m = PORT.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a jdbc:postgresql:// URL");
    }
    try {
      if (proxy[0] == null) {
        proxy[0] = new CuttableProxy(m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return m.group(1).replaceFirst("//[^/]+$", "//127.0.0.1") + ":" + proxy[0].port() + m.group(3);
  }

  private static int readyStatus(AppInstance app) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.admin() + "/ready"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
