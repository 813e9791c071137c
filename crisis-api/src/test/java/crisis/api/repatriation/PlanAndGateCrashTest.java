package crisis.api.repatriation;

import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.PARIS_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import crisis.api.AppProcess;
import crisis.api.services.Services;
import crisis.core.access.Role;
import crisis.core.common.Json;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.CrisisZone;
import crisis.core.crisis.ZoneInput;
import crisis.core.places.Place;
import crisis.core.places.PlaceKind;
import crisis.core.places.PlaceService;
import crisis.core.repatriation.EvacuationRequest;
import crisis.core.repatriation.RequestOpening;
import crisis.core.repatriation.TransportLeg;
import crisis.core.repatriation.TransportLegs;
import crisis.core.testing.Poll;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The seat plan and the gate, each with the application killed with SIGKILL in the middle of its writes. The test
 * holds a row lock on one household so that the application stops at a known point, having written part of its work
 * (the plan: every seat, none of the states, texts or the plan's record; the gate: half of a batch's check-ins); it
 * waits for that as a positive signal (the application's transaction waiting on the lock, with writes of its own),
 * kills the application, and starts it again on the same database. The plan leaves nothing behind and is made again
 * whole, each household told once; the device sends its batch again, and each traveller is checked in exactly once,
 * the operations done before the kill answered as replays.
 */
@Tag("kafka")
class PlanAndGateCrashTest {
  private static final int HOUSEHOLDS = 40;
  private static final String PASSWORD = "correct horse battery";
  private static final Duration LONG = Duration.ofSeconds(240);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void killedMidPlanAndMidBatchNothingIsHalfDoneNorDoneTwice() throws Exception {
    TestDatabase db = TestDatabase.create();
    Runtime.getRuntime().addShutdownHook(new Thread(db::drop));
    Jdbi jdbi = db.jdbi();
    Samples.consulates(jdbi);
    Services services = Services.build(jdbi, Clock.systemUTC());
    services.users().add("cell", PASSWORD.toCharArray(), Role.CRISIS_CELL, null);
    services.users().add("officer.paris", PASSWORD.toCharArray(), Role.CONSULAR_OFFICER, "fr-paris");
    Crisis crisis = services.crises().create(CRISIS_CELL, new CrisisDraft("Floods in Paris", "FLOOD", "SEVERE",
        List.of(new ZoneInput("Paris", null, new CrisisZone.Circle(48.8566, 2.3522, 20.0), null)), null,
        List.of(Map.of("fr", "Quittez les quais.", "ar", "غادروا ضفاف النهر."))));
    services.crises().activate(CRISIS_CELL, crisis.id());
    Place point = services.places().create(CRISIS_CELL, new PlaceService.PlaceInput(PlaceKind.ASSEMBLY_POINT,
        "Gare de l'Est", 48.8768, 2.3592, "FR", null));
    List<EvacuationRequest> requests = new ArrayList<>();
    for (int i = 1; i <= HOUSEHOLDS; i++) {
      var r = services.registrations().create(PARIS_OFFICER,
          Samples.at(Samples.parisian(i), 48.85 + i * 0.001, 2.34 + i * 0.001));
      requests.add(services.repatriation().requestOpening().open(PARIS_OFFICER, crisis.id(),
          new RequestOpening.RequestInput(r.id(), null, Set.of(), null, null)));
    }
    int travellers = requests.stream().mapToInt(q -> q.travellers().size()).sum();
    TransportLeg leg = services.repatriation().legs().create(CRISIS_CELL, crisis.id(), new TransportLegs.LegInput(
        TransportLeg.Kind.BUS, "Transports du Nord", "B1", travellers + 10, 0, 1,
        Instant.now().plus(Duration.ofHours(6)), 60, "Europe/Paris", "Tanger",
        List.of(new TransportLegs.PointInput(point.id(), 0, null, null))));
    String planPath = "/api/v1/crises/" + crisis.id() + "/evacuation/plan";
    String gatePath = "/api/v1/legs/" + leg.id() + "/gate";

    // 1. The plan, stopped after writing every seat and before the households' states: SIGKILL.
    int port = AppProcess.freePort();
    Process app = start(db, port);
    try {
      awaitUp(port, leg.id());
      UUID held = requests.get(HOUSEHOLDS / 2).id();
      try (Connection lock = DriverManager.getConnection(db.url())) {
        lock.setAutoCommit(false);
        int holder = holdRow(lock, held);
        CompletableFuture<HttpResponse<String>> planning = post(port, "cell", planPath, "");
        int blocked = awaitBlockedWithWrites(jdbi, holder);
        AppProcess.kill(app);
        lock.rollback();
        awaitGone(jdbi, blocked);
        assertUnanswered(planning);
      }
      assertThat(count(jdbi, "SELECT count(*) FROM evacuation_assignment")).as("seats of the killed plan").isZero();
      assertThat(count(jdbi, "SELECT count(*) FROM evacuation_plan")).isZero();
      assertThat(count(jdbi, "SELECT count(*) FROM sms_send WHERE kind = 'NOTICE'")).isZero();
      assertThat(count(jdbi, "SELECT count(*) FROM evacuation_request WHERE state <> 'OPEN'")).isZero();

      // 2. Up again: the plan is made whole, each household told once.
      app = start(db, port);
      awaitUp(port, leg.id());
      HttpResponse<String> planned = post(port, "cell", planPath, "").get();
      assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);
      Map<String, Object> plan = Json.read(planned.body(), new TypeReference<Map<String, Object>>() {});
      assertThat(plan.get("householdsSeated")).isEqualTo(HOUSEHOLDS);
      assertThat(count(jdbi, "SELECT count(*) FROM evacuation_assignment")).isEqualTo(HOUSEHOLDS);
      assertThat(count(jdbi, "SELECT count(DISTINCT boarding_code) FROM evacuation_assignment")).isEqualTo(HOUSEHOLDS);
      assertThat(count(jdbi, "SELECT count(*) FROM sms_send WHERE kind = 'NOTICE'")).isEqualTo(HOUSEHOLDS);
      assertThat(count(jdbi, "SELECT count(DISTINCT phone) FROM sms_send WHERE kind = 'NOTICE'")).isEqualTo(HOUSEHOLDS);

      // 3. A device's batch of check-ins, one per household, stopped at the middle one: SIGKILL.
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> placements = (List<Map<String, Object>>) plan.get("placements");
      List<Map<String, Object>> operations = new ArrayList<>();
      List<UUID> order = new ArrayList<>();
      for (Map<String, Object> p : placements) {
        operations.add(Map.of("id", UUID.randomUUID().toString(), "type", "CHECK_IN",
            "boardingCode", p.get("boardingCode")));
        order.add(UUID.fromString((String) p.get("requestId")));
      }
      String batch = Json.write(Map.of("operations", operations));
      int middle = HOUSEHOLDS / 2;
      try (Connection lock = DriverManager.getConnection(db.url())) {
        lock.setAutoCommit(false);
        int holder = holdRow(lock, order.get(middle));
        CompletableFuture<HttpResponse<String>> checkingIn = post(port, "officer.paris", gatePath, batch);
        int blocked = awaitBlockedWithWrites(jdbi, holder);
        assertThat(count(jdbi, "SELECT count(*) FROM gate_operation")).as("operations done before the held one")
            .isEqualTo(middle);
        AppProcess.kill(app);
        lock.rollback();
        awaitGone(jdbi, blocked);
        assertUnanswered(checkingIn);
      }
      long before = travellersOf(jdbi, order.subList(0, middle));
      assertThat(count(jdbi, "SELECT count(*) FROM gate_operation")).isEqualTo(middle);
      assertThat(count(jdbi, "SELECT count(*) FROM gate_passage")).as("the first half's travellers").isEqualTo(before);
      UUID heldHousehold = order.get(middle);
      long heldPassages = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM gate_passage p "
          + "JOIN evacuation_traveller t ON t.id = p.traveller_id WHERE t.request_id = :r").bind("r", heldHousehold)
          .mapTo(Long.class).one());
      assertThat(heldPassages).as("the held household's check-in").isZero();

      // 4. Up again; the device sends the same batch again, as it does when no answer came.
      app = start(db, port);
      awaitUp(port, leg.id());
      HttpResponse<String> again = post(port, "officer.paris", gatePath, batch).get();
      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      List<Map<String, Object>> answers = Json.read(again.body(), new TypeReference<List<Map<String, Object>>>() {});
      assertThat(answers).hasSize(HOUSEHOLDS);
      for (int i = 0; i < HOUSEHOLDS; i++) {
        assertThat(answers.get(i).get("outcome")).as("operation %d", i).isEqualTo("DONE");
        assertThat(answers.get(i).get("replayed")).as("operation %d answered from before the kill", i)
            .isEqualTo(i < middle);
      }
      assertThat(count(jdbi, "SELECT count(*) FROM gate_operation")).isEqualTo(HOUSEHOLDS);
      assertThat(count(jdbi, "SELECT count(*) FROM gate_passage")).isEqualTo(travellers);
      assertThat(count(jdbi, "SELECT count(*) FROM evacuation_request WHERE state = 'CHECKED_IN'"))
          .isEqualTo(HOUSEHOLDS);
      assertThat(count(jdbi, "SELECT count(*) FROM sms_send WHERE kind = 'NOTICE'")).as("nobody told twice")
          .isEqualTo(HOUSEHOLDS);
    } finally {
      AppProcess.kill(app);
    }
  }

  private static Process start(TestDatabase db, int port) throws Exception {
    return AppProcess.start(List.of(
        "-Ddw.database.connection.url=" + db.urlWithoutParameters(),
        "-Ddw.database.connection.user=" + db.serverUser(),
        "-Ddw.server.applicationConnectors[0].port=" + port));
  }

  /**
   * Locks a household's row as an UPDATE of its state would, not as a new seat's key check does; answers the
   * backend holding it.
   */
  private static int holdRow(Connection c, UUID requestId) throws Exception {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM evacuation_request WHERE id = ? FOR NO KEY UPDATE")) {
      s.setObject(1, requestId);
      s.executeQuery().close();
    }
    try (PreparedStatement s = c.prepareStatement("SELECT pg_backend_pid()"); var rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * The application's backend that waits on the test's lock (blocked by {@code holder}), once its transaction has
   * written (it has a transaction id).
   */
  private static int awaitBlockedWithWrites(Jdbi jdbi, int holder) throws InterruptedException {
    int[] pid = new int[1];
    Poll.until(LONG, () -> {
      Long p = jdbi.withHandle(h -> h.createQuery("""
          SELECT max(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND backend_xid IS NOT NULL AND :holder = ANY(pg_blocking_pids(pid))
          """).bind("holder", holder).mapTo(Long.class).one());
      pid[0] = p == null ? 0 : p.intValue();
      return p != null;
    }, "the application waiting on the held row after writing");
    return pid[0];
  }

  /** Until the killed application's backend has ended (its transaction rolled back). */
  private static void awaitGone(Jdbi jdbi, int pid) throws InterruptedException {
    Poll.until(LONG, () -> jdbi.withHandle(h -> h
        .createQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid").bind("pid", pid).mapTo(Long.class)
        .one()) == 0, "the killed application's backend to end");
  }

  private void awaitUp(int port, UUID legId) throws InterruptedException {
    Poll.until(LONG, () -> {
      try {
        return http.send(request(port, "officer.paris", "/api/v1/legs/" + legId).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (java.io.IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }, "the application to answer");
  }

  private CompletableFuture<HttpResponse<String>> post(int port, String user, String path, String json) {
    return http.sendAsync(request(port, user, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(int port, String user, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(LONG)
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  /** The call in flight when the application was killed: no answer, a broken connection. */
  private static void assertUnanswered(CompletableFuture<HttpResponse<String>> call) {
    assertThatThrownBy(() -> call.get(LONG.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(java.io.IOException.class);
  }

  private static long count(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private static long travellersOf(Jdbi jdbi, List<UUID> requests) {
    return jdbi.withHandle(h -> h.createQuery(
        "SELECT count(*) FROM evacuation_traveller WHERE request_id = ANY(:r)").bind("r", requests.toArray(UUID[]::new))
        .mapTo(Long.class).one());
  }
}
