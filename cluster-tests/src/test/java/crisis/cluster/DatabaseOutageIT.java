package crisis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crisis.core.demo.DemoCsv;
import crisis.core.demo.DemoData;
import crisis.core.testing.Poll;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault C: the database lost to both instances, as a restart or a fail-over looks from the application: every session
 * ended at once (transactions in flight aborted, the leases' sessions with them), no new connection for
 * {@link #OUTAGE}, then the same address answers again (the relay of the shared fixture). Two cases:
 * <ul>
 *   <li>mid dispatch: nothing may leave for the gateway once the leases have lapsed (the sender's owner cannot know
 *       whether another instance took over), the instances say they are not ready, and once the database is back the
 *       crisis finishes: every person alerted once, every phone texted once, the tally exact, one sender's rate;</li>
 *   <li>mid import: a consulate's file of {@link #IMPORT_ROWS} people sent to an instance stops with a failure at the
 *       end of its report; every row reported as handled is in the registry, nothing half-written (each registration
 *       with its audit, its place in the cell counts and its event on the topics); once the database is back the
 *       instance imports again without a restart, and the same file sent again completes the registry exactly: each
 *       row created once, those already written unchanged.</li>
 * </ul>
 */
class DatabaseOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(12);
  private static final int IMPORT_ROWS = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ClusterFixture f;

  @BeforeAll
  static void cluster() throws Exception {
    f = ClusterFixture.shared();
  }

  /** When the database went away, when the watched instances all said they were not ready, when it came back. */
  private record Outage(long cutNanos, long notReadyNanos, long restoredNanos) {}

  /**
   * Cuts every database session of the instances, waits until each of {@code watched} answers {@code /ready} 503,
   * keeps the database away for {@link #OUTAGE} in all, and lets it answer again.
   */
  private static Outage outage(List<AppInstance> watched) throws Exception {
    f.databaseRelay.cut();
    long cut = System.nanoTime();
    for (AppInstance app : watched) {
      Poll.until(Duration.ofSeconds(10), app::readyStatus, s -> s == 503,
          "instance " + app.name + " not ready while the database is away");
    }
    long notReady = System.nanoTime();
    Thread.sleep(Math.max(0, OUTAGE.toMillis() - (notReady - cut) / 1_000_000));
    f.databaseRelay.restore();
    return new Outage(cut, notReady, System.nanoTime());
  }

  @Test
  void theDatabaseLostMidDispatchLosesAndDoublesNothing() throws Exception {
    f.nextCase();
    Set<UUID> expected = f.expected();
    long activated = System.nanoTime();
    UUID c = f.activateCrisis();
    Poll.until(Duration.ofMinutes(3), () -> f.accepted() >= expected.size() / 4, "a quarter of the SMS at the gateway");
    int atCut = f.accepted();
    Outage o = outage(f.apps);
    long cut = o.cutNanos();
    long notReady = o.notReadyNanos();
    long restored = o.restoredNanos();
    System.out.printf("cluster test C: %d people; every database session cut %.1f s after activation, %d SMS at "
        + "the gateway then%n", expected.size(), (cut - activated) / 1e9, atCut);
    // The leases lapse 1 s after their last good check: nothing leaves after that while the database is away.
    long lapsed = cut + Duration.ofSeconds(2).toNanos();
    long sentWhileAway = f.segmentsBetween(lapsed, restored);
    System.out.printf("cluster test C: both instances not ready %.1f s after the cut; %d SMS reached the gateway "
        + "in the first 2 s of the outage, %d after; database back after %.1f s%n", (notReady - cut) / 1e9,
        f.segmentsBetween(cut, lapsed), sentWhileAway, (restored - cut) / 1e9);
    assertThat(sentWhileAway).as("segments sent more than 2 s into the outage").isZero();
    f.awaitSettled(c, expected.size(), Duration.ofMinutes(5));
    long firstAfter = f.sms().stream()
        .mapToLong(crisis.standin.LocalTwilio.Created::nanoTime).filter(t -> t >= restored).min().orElse(0);
    System.out.printf("cluster test C: first SMS %.1f s after the database came back; settled %.1f s after "
        + "activation; %s%n", firstAfter == 0 ? Double.NaN : (firstAfter - restored) / 1e9,
        (System.nanoTime() - activated) / 1e9, f.timeline(activated, cut));
    for (AppInstance app : f.apps) {
      Poll.until(Duration.ofSeconds(30), app::readyStatus, s -> s == 200,
          "instance " + app.name + " ready again");
    }
    f.verify(c, expected);
  }

  @Test
  void theDatabaseLostMidImportLeavesNothingHalfWrittenAndTheSameFileCompletesIt() throws Exception {
    f.nextCase();
    AppInstance a = f.apps.get(0);
    long before = count("SELECT count(*) FROM registration");
    // Numbered past the fixture's people, so that no one shares a number with them (0 duplicates below); outside the
    // dispatch case's country, so that its crisis is not changed.
    Path csv = Files.createTempFile("outage-", ".csv");
    DemoCsv.write(csv, new DemoData(20261206L, LocalDate.now(), 200_001).registrations(), IMPORT_ROWS,
        d -> !ClusterFixture.COUNTRY.equals(d.countryOfResidence()));
    try {
      CountDownLatch started = new CountDownLatch(1);
      CompletableFuture<ImportReport> first = CompletableFuture.supplyAsync(() -> send(a, csv, started));
      assertThat(started.await(3, TimeUnit.MINUTES)).as("the first rows of the import reported").isTrue();
      Outage o = outage(List.of(a));
      long cut = o.cutNanos();
      long restored = o.restoredNanos();
      ImportReport stopped = first.get(3, TimeUnit.MINUTES);
      long written = count("SELECT count(*) FROM registration") - before;
      System.out.printf("cluster test C (import): %d rows sent; the database cut after %d rows were reported; the "
          + "report ended %.1f s after the cut with %d rows (%d created) and %s; %d registrations written%n",
          IMPORT_ROWS, stopped.atCut, (stopped.endedNanos - cut) / 1e9, stopped.rows, stopped.created.size(),
          stopped.failure != null ? "a failure" : stopped.summary != null ? "a summary" : "no end", written);
      assertThat(stopped.failure).as("the import's report ends with a failure (stopped by the outage)").isNotNull();
      assertThat(stopped.summary).as("no summary for a stopped import").isNull();
      assertThat(written).as("registrations written before the outage").isLessThan(IMPORT_ROWS);

      // Every row reported as handled is in the registry; every row written is whole: its audit (the run's audit
      // events count exactly the rows written), its place in the cell counts, its event on the topics.
      List<UUID> reported = List.copyOf(stopped.created);
      long present = f.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM registration WHERE id = ANY(:ids)")
          .bind("ids", reported.toArray(UUID[]::new)).mapTo(Long.class).one());
      assertThat(present).as("rows reported as created that are in the registry").isEqualTo(reported.size());
      assertThat(written).as("rows written >= rows reported").isGreaterThanOrEqualTo(reported.size());
      Poll.until(Duration.ofMinutes(3), a::readyStatus, s -> s == 200, "instance a ready again");
      checkWhole();
      long audited = count("""
          SELECT coalesce(sum(split_part(e.detail, ' ', 1)::bigint), 0) FROM audit_event e
          JOIN import_run r ON r.id = e.import_run WHERE r.file_name = 'outage.csv' AND e.action = 'IMPORT'""");
      assertThat(audited).as("rows the stopped run's audit events count").isEqualTo(written);

      // The same file again, through the same instance (which reconnected by itself): the registry completed.
      long t0 = System.nanoTime();
      ImportReport again = send(a, csv, new CountDownLatch(1));
      System.out.printf("cluster test C (import): the same file again %.1f s after the database came back: %s in "
          + "%.1f s%n", (t0 - restored) / 1e9, again.summary, (System.nanoTime() - t0) / 1e9);
      assertThat(again.failure).as("failure of the second import").isNull();
      assertThat(again.summary).as("summary of the second import").isNotNull();
      assertThat(again.summary.path("created").asLong()).as("created the second time").isEqualTo(
          IMPORT_ROWS - written);
      assertThat(again.summary.path("unchanged").asLong()).as("unchanged the second time").isEqualTo(written);
      assertThat(again.summary.path("duplicates").asLong()).as("duplicates").isZero();
      assertThat(again.summary.path("rejected").asLong()).as("rejected").isZero();
      assertThat(count("SELECT count(*) FROM registration") - before).as("registrations from the file")
          .isEqualTo(IMPORT_ROWS);
      checkWhole();
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  /** The registry's derived state agrees with it: cell totals (trigger-kept), every change on the topics. */
  private static void checkWhole() {
    Poll.until(Duration.ofMinutes(3), () -> f.outbox() == 0, "every registration on the topics (outbox empty)");
    long located = count("SELECT count(*) FROM registration WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL");
    long counted = count("SELECT coalesce(sum(n), 0) FROM registration_cell_total");
    assertThat(counted).as("people in the cell totals = located active registrations").isEqualTo(located);
  }

  private static long count(String sql) {
    return f.jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  /** What an import's streamed report said, read as it arrived. */
  private static final class ImportReport {
    final Set<UUID> created = new HashSet<>();
    int rows;
    int atCut = -1;
    JsonNode failure;
    JsonNode summary;
    long endedNanos;
  }

  /**
   * Sends the file to {@code app}'s import and reads its report as it streams; counts {@code started} down once the
   * first batch's rows are reported (the import is then writing its next batches).
   */
  private static ImportReport send(AppInstance app, Path csv, CountDownLatch started) {
    ImportReport report = new ImportReport();
    try {
      HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.base()
          + "/api/v1/registrations/import")).header("Authorization", f.authorization)
          .header("Content-Type", "text/csv").header("X-File-Name", "outage.csv")
          .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(r.statusCode()).as("import answered").isEqualTo(200);
      try (InputStream in = r.body(); JsonParser p = JSON.getFactory().createParser(in)) {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (field.equals("rows")) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              JsonNode row = JSON.readTree(p);
              report.rows++;
              if ("CREATED".equals(row.path("status").asText())) {
                report.created.add(UUID.fromString(row.path("registrationId").asText()));
              }
              if (report.rows >= 1_000 && started.getCount() > 0) {
                report.atCut = report.rows;
                started.countDown();
              }
            }
          } else if (field.equals("failure")) {
            report.failure = JSON.readTree(p);
          } else if (field.equals("summary")) {
            report.summary = JSON.readTree(p);
          } else {
            p.skipChildren();
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    report.endedNanos = System.nanoTime();
    return report;
  }

  private static void expect(JsonToken got, JsonToken wanted) {
    assertThat(got).as("the report's JSON").isEqualTo(wanted);
  }
}
