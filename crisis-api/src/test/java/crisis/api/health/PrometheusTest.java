package crisis.api.health;

import static crisis.core.testing.Samples.at;
import static crisis.core.testing.Samples.parisian;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.testing.Poll;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /prometheus scraped during a crisis: the SMS queue depth rises above 0 while the alerts wait, first for the
 * sender's lease, held by another session as another instance would, then for a slow sender (the simulator, 4 SMS a
 * second), and falls to 0 once all are sent; routes are templates, never the path asked; the leases this instance
 * holds are shown.
 */
@Tag("kafka")
class PrometheusTest {
  static final int PEOPLE = 40;
  static final AppFixture FIXTURE = new AppFixture(
      ConfigOverride.config("sms.senders[0].segmentsPerSecond", "4"));
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = FIXTURE.app;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Pattern DEPTH = Pattern.compile("^crisis_sms_queue_depth\\{sender=\"world\"} (\\d+)$",
      Pattern.MULTILINE);
  static final String PARIS = "{\"type\":\"Polygon\",\"coordinates\":[[[2.30,48.84],[2.38,48.84],[2.38,48.88],"
      + "[2.30,48.88],[2.30,48.84]]]}";

  static String scrape() {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      return r.body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String post(String path, String body, String type) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
          .timeout(Duration.ofSeconds(120)).header("Content-Type", type)
          .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
              ("cell:" + AppFixture.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static long depth(String text) {
    Matcher m = DEPTH.matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /**
   * A session of the test holding a lease, as another instance's lease session would: it ends this instance's lease
   * session (which takes its leases with it) while already waiting for the lock, so it is first in line.
   */
  static final class OtherInstance implements AutoCloseable {
    private final org.jdbi.v3.core.Handle handle = FIXTURE.jdbi.open();

    static OtherInstance takeFromThisOne(String lease) throws Exception {
      OtherInstance o = new OtherInstance();
      java.util.concurrent.CompletableFuture<Long> taken = java.util.concurrent.CompletableFuture.supplyAsync(() ->
          o.handle.createQuery("SELECT count(*) FROM (SELECT pg_advisory_lock(:c, hashtext(:n))) l")
              .bind("c", crisis.alerts.support.Leases.CLASS_ID).bind("n", lease).mapTo(Long.class).one());
      Poll.until(Duration.ofSeconds(10), () -> FIXTURE.scalar("SELECT count(*) FROM pg_locks WHERE locktype = "
          + "'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = "
          + "current_database())") == 1, "the other session waiting for the lease");
      assertThat(FIXTURE.scalar("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
          + "application_name = 'crisis-leases' AND datname = current_database()")).isEqualTo(1);
      assertThat(taken.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
      return o;
    }

    @Override
    public void close() {
      handle.close();
    }
  }

  @Test
  void theQueueWaitsForTheSendersLeaseThenDrainsAtTheSendersRate() throws Exception {
    StringBuilder csv = new StringBuilder(CsvFormat.header()).append('\n');
    for (int i = 1; i <= PEOPLE; i++) {
      csv.append(CsvFormat.write(at(parisian(i), 48.85 + i * 0.0005, 2.32 + i * 0.0005)));
    }
    // The import's first call warms the application up: more time than the fixture's client gives.
    String report = post("/api/v1/registrations/import", csv.toString(), "text/csv");
    assertThat(report).contains("\"created\":" + PEOPLE);
    Poll.until(Duration.ofSeconds(90), () -> scrape().contains("crisis_ready 1"), "crisis_ready 1");
    Poll.until(Duration.ofSeconds(30), () -> scrape().contains("crisis_lease_held{lease=\"sms-sender:world\"} 1"),
        "the sender's lease held");
    OtherInstance other = OtherInstance.takeFromThisOne("sms-sender:world");

    String declared = FIXTURE.call("cell", "POST", "/api/v1/crises", """
        {"title": "Unrest in central Paris", "type": "CIVIL_UNREST", "severity": "SEVERE",
         "zones": [{"label": "Paris centre", "geometry": %s}],
         "messages": [{"fr": "Restez chez vous."}]}""".formatted(PARIS), "application/json").readEntity(String.class);
    String id = (String) crisis.core.common.Json.read(declared, java.util.Map.class).get("id");
    assertThat(AppFixture.status(FIXTURE.call("cell", "POST", "/api/v1/crises/" + id + "/activate", null,
        "application/json"))).isEqualTo(200);

    long queued = Poll.until(Duration.ofSeconds(60), () -> depth(scrape()), n -> n > 0, "SMS queued");
    assertThat(queued).isPositive();
    // Another instance, as far as this one can tell, sends for the sender: nothing leaves here.
    long rounds = FIXTURE.app.<crisis.api.CrisisApplication>getApplication().alerts().pipeline().outreach()
        .dispatcher().rounds();
    Poll.until(Duration.ofSeconds(30), () -> FIXTURE.app.<crisis.api.CrisisApplication>getApplication().alerts()
        .pipeline().outreach().dispatcher().rounds(), n -> n > rounds + 20, "the pacer looked 20 times");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM sms_send WHERE state <> 'PENDING'")).as("SMS sent while another "
        + "session held the sender's lease").isZero();
    String during = scrape();
    assertThat(during).contains("crisis_lease_held{lease=\"sms-sender:world\"} 0")
        .contains("crisis_lease_held{lease=\"sms-lookup\"} 1")
        .contains("crisis_lease_held{lease=\"gate-clock\"} 1");
    other.close();
    assertThat(during).contains("crisis_sms_messages{sender=\"world\",state=\"pending\"}")
        .contains("crisis_kafka_consumer_lag{group=")
        .contains("crisis_outbox_backlog_rows ")
        .contains("crisis_escalations_due 0")
        .contains("crisis_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/crises/{id}/activate\"")
        .doesNotContain(id)
        .doesNotContain(parisian(1).phone());
    Poll.until(Duration.ofSeconds(120), () -> depth(scrape()), n -> n == 0, "the queue drained");
    assertThat(FIXTURE.scalar("SELECT count(*) FROM sms_send WHERE state = 'SENT'")).isPositive();
    Poll.until(Duration.ofSeconds(30), PrometheusTest::scrape,
        t -> t.matches("(?s).*crisis_sms_sent_rate_per_second\\{sender=\"world\"} 0\\.[1-9].*"),
        "an achieved rate");
  }
}
