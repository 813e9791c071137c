package crisis.api.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.standin.LocalTwilio;
import crisis.api.AppFixture;
import crisis.api.config.CrisisConfiguration;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twilio's webhooks on the running application (sms.type twilio): only requests signed for the configured public
 * URL with every parameter are heard; status callbacks only move forward; replies from anyone are kept.
 */
@Tag("kafka")
class TwilioWebhookTest {
  static final String TOKEN = "test-auth-token";
  static final String PUBLIC = "https://crisis.example.org";
  static final TestDatabase DB = TestDatabase.create();
  static final Jdbi JDBI = DB.jdbi();
  static final LocalTwilio TWILIO;

  static {
    try {
      TWILIO = new LocalTwilio();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(DB::drop));
    Samples.consulates(JDBI);
  }

  @RegisterExtension
  static final DropwizardAppExtension<CrisisConfiguration> APP = AppFixture.application("../config/test.yml",
      ConfigOverride.config("database.connection.url", DB.urlWithoutParameters()),
      ConfigOverride.config("database.connection.user", DB.serverUser()),
      ConfigOverride.config("sms.type", "twilio"),
      ConfigOverride.config("sms.accountSid", "AC00000000000000000000000000000000"),
      ConfigOverride.config("sms.authToken", TOKEN),
      ConfigOverride.config("sms.apiBase", TWILIO.base().toString()),
      ConfigOverride.config("sms.publicUrl", PUBLIC + "/"));

  @BeforeAll
  static void aSentSms() {
    JDBI.useHandle(h -> h.execute("INSERT INTO sms_send (id, dedupe_key, kind, phone, language, sender, state, sid, "
        + "status, status_rank, next_attempt_at, created_at) VALUES (gen_random_uuid(), 'test:hook', 'ACK', "
        + "'+33612340001', 'fr', 'world', 'SENT', 'SMhook1', 'queued', 1, now(), now())"));
  }

  static String sign(String url, Map<String, String> params) throws Exception {
    StringBuilder b = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> b.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(b.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static String form(Map<String, String> params) {
    StringBuilder b = new StringBuilder();
    params.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return b.toString();
  }

  static Response post(String path, String body, String signature) {
    Invocation.Builder b = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request();
    if (signature != null) {
      b.header("X-Twilio-Signature", signature);
    }
    return b.post(Entity.entity(body, MediaType.APPLICATION_FORM_URLENCODED_TYPE));
  }

  static int signed(String path, Map<String, String> params) throws Exception {
    return AppFixture.status(post(path, form(params), sign(PUBLIC + path, params)));
  }

  static long count(String sql) {
    return JDBI.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  static String status() {
    return JDBI.withHandle(h -> h.createQuery("SELECT status FROM sms_send WHERE sid = 'SMhook1'")
        .mapTo(String.class).one());
  }

  static Map<String, String> callback(String sid, String status) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("MessageSid", sid);
    p.put("MessageStatus", status);
    p.put("AccountSid", "AC00000000000000000000000000000000");
    p.put("To", "+33612340001");
    return p;
  }

  @Test
  void statusCallbacksSignedForThePublicUrlMoveTheStatusForwardOnly() throws Exception {
    String path = "/api/v1/twilio/status";
    assertThat(signed(path, callback("SMhook1", "sent"))).isEqualTo(204);
    assertThat(status()).isEqualTo("sent");
    assertThat(signed(path, callback("SMhook1", "delivered"))).isEqualTo(204);
    assertThat(signed(path, callback("SMhook1", "delivered"))).as("again").isEqualTo(204);
    assertThat(signed(path, callback("SMhook1", "sent"))).as("late").isEqualTo(204);
    assertThat(status()).isEqualTo("delivered");

    // Tampered: signed for "read", sent saying "failed" with an error code.
    Map<String, String> signedFor = callback("SMhook1", "read");
    Map<String, String> tampered = callback("SMhook1", "failed");
    tampered.put("ErrorCode", "30003");
    assertThat(AppFixture.status(post(path, form(tampered), sign(PUBLIC + path, signedFor)))).isEqualTo(403);
    // Signed for another URL; no signature at all.
    Map<String, String> read = callback("SMhook1", "read");
    assertThat(AppFixture.status(post(path, form(read), sign("https://other.example.org" + path, read))))
        .isEqualTo(403);
    assertThat(AppFixture.status(post(path, form(read), null))).isEqualTo(403);
    assertThat(AppFixture.status(post(path, form(read), ""))).isEqualTo(403);
    assertThat(status()).isEqualTo("delivered");

    // Unknown yet: kept for when the send is recorded.
    assertThat(signed(path, callback("SMunknown", "delivered"))).isEqualTo(202);
    assertThat(count("SELECT count(*) FROM sms_status_early WHERE sid = 'SMunknown'")).isEqualTo(1);
    // Signed but wrong: a status Twilio does not have, an empty body.
    Response bad = post(path, form(callback("SMhook1", "exploded")), sign(PUBLIC + path, callback("SMhook1",
        "exploded")));
    assertThat(bad.getStatus()).isEqualTo(422);
    assertThat(bad.readEntity(String.class)).contains("MessageStatus");
    Response empty = post(path, "", sign(PUBLIC + path, Map.of()));
    assertThat(empty.getStatus()).isEqualTo(422);
    assertThat(empty.readEntity(String.class)).contains("MessageSid");
    assertThat(AppFixture.status(post(path, "", null))).isEqualTo(403);
    assertThat(status()).isEqualTo("delivered");
  }

  @Test
  void inboundSmsFromAnyoneIsKeptOnlyWhenSigned() throws Exception {
    String path = "/api/v1/twilio/inbound";
    Map<String, String> p = new LinkedHashMap<>();
    p.put("MessageSid", "SMin-unknown-1");
    p.put("From", "+33698761234");
    p.put("To", "+15005550006");
    p.put("Body", "Who is this?");
    Response r = post(path, form(p), sign(PUBLIC + path, p));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.readEntity(String.class)).contains("<Response/>");
    assertThat(signed(path, p)).as("the same webhook again").isEqualTo(200);
    assertThat(count("SELECT count(*) FROM sms_reply WHERE phone = '+33698761234' "
        + "AND cardinality(registration_ids) = 0")).isEqualTo(1);

    // About 10 kB on the wire: 1,600 Arabic letters, each 6 bytes once form-encoded. Signed: kept whole.
    Map<String, String> big = new LinkedHashMap<>(p);
    big.put("MessageSid", "SMin-big-1");
    big.put("Body", "م".repeat(1600));
    assertThat(form(big).length()).isGreaterThan(9_600);
    assertThat(signed(path, big)).isEqualTo(200);
    assertThat(count("SELECT length(body) FROM sms_reply WHERE sid = 'SMin-big-1'")).isEqualTo(1600);
    // The same size unsigned, or tampered: refused, nothing stored.
    Map<String, String> forged = new LinkedHashMap<>(big);
    forged.put("MessageSid", "SMin-big-2");
    assertThat(AppFixture.status(post(path, form(forged), null))).isEqualTo(403);
    forged.put("From", "+33698760000");
    assertThat(AppFixture.status(post(path, form(forged), sign(PUBLIC + path, big)))).isEqualTo(403);
    assertThat(count("SELECT count(*) FROM sms_reply WHERE sid = 'SMin-big-2'")).isZero();
  }

  @Test
  void theSameInboundWebhookEightTimesAtOnceIsKeptOnce() throws Exception {
    String path = "/api/v1/twilio/inbound";
    Map<String, String> p = new LinkedHashMap<>();
    p.put("MessageSid", "SMin-parallel-1");
    p.put("From", "+33698761235");
    p.put("To", "+15005550006");
    p.put("Body", "HELP");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(pool.submit(() -> signed(path, p)));
      }
      for (java.util.concurrent.Future<Integer> c : calls) {
        assertThat(c.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(count("SELECT count(*) FROM sms_reply WHERE sid = 'SMin-parallel-1'")).isEqualTo(1);
  }

  @Test
  void aRefusedWebhookSaysSoInJsonAndANulInAnSmsIsKept() throws Exception {
    String path = "/api/v1/twilio/inbound";
    Map<String, String> p = new LinkedHashMap<>();
    p.put("MessageSid", "SMin-nul-1");
    p.put("From", "+33698761236");
    p.put("To", "+15005550006");
    p.put("Body", "ok\u0000?");
    Response refused = post(path, form(p), null);
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(refused.readEntity(String.class)).contains("\"error\":\"forbidden\"");
    assertThat(signed(path, p)).isEqualTo(200);
    String body = JDBI.withHandle(h -> h.createQuery("SELECT body FROM sms_reply WHERE sid = 'SMin-nul-1'")
        .mapTo(String.class).one());
    assertThat(body).isEqualTo("ok\uFFFD?");
  }

  @Test
  void aMessageSidThatIsNoIdIsA422NotA500() throws Exception {
    // Found by the fuzz suite: a NUL in MessageSid reached PostgreSQL (500).
    for (String sid : new String[] {"SM\u0000x", "SM x", "SM'; --", "\u202eSM1"}) {
      for (String path : new String[] {"/api/v1/twilio/status", "/api/v1/twilio/inbound"}) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", sid);
        p.put("MessageStatus", "delivered");
        p.put("From", "+33698761236");
        p.put("Body", "1");
        assertThat(signed(path, p)).as("%s %s", path, sid).isEqualTo(422);
      }
    }
    assertThat(count("SELECT count(*) FROM sms_status_early WHERE sid LIKE 'SM%x' OR sid LIKE 'SM %'")).isZero();
  }
}
