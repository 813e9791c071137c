package crisis.api.citizen;

import static crisis.core.testing.Samples.parisian;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.AppFixture;
import crisis.core.common.Json;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.testing.Poll;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The citizen's proof of a phone through the running application, anonymous: the code goes out through the paced
 * dispatcher to the simulator's phone, is checked, and cannot be used for another phone; a registered phone and an
 * unknown one get the same status, the same body and the same time class; the limits answer 429 with Retry-After.
 */
@Tag("app")
class CitizenApiTest {
  static final AppFixture FIXTURE = new AppFixture();
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = FIXTURE.app;

  static final String KNOWN = parisian(3401).phone();

  @BeforeAll
  static void aRegisteredNational() {
    String report = FIXTURE.call("officer.paris", "POST", "/api/v1/registrations/import",
        CsvFormat.header() + "\n" + CsvFormat.write(parisian(3401)), "text/csv").readEntity(String.class);
    assertThat(report).contains("\"created\":1");
  }

  private record Answer(int status, String body, Map<String, Object> json, long nanos, String retryAfter) {}

  /** A plain client: the fixture's retries a 429 after its Retry-After (an hour here). */
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @SuppressWarnings("unchecked")
  private static Answer post(String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      long nanos = System.nanoTime() - t0;
      String text = r.body();
      Map<String, Object> json = text.startsWith("{") ? Json.read(text, Map.class) : Map.of();
      return new Answer(r.statusCode(), text, json, nanos, r.headers().firstValue("Retry-After").orElse(null));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Answer askCode(String phone) {
    return post("/api/v1/citizen/phone-proofs", "{\"phone\": \"" + phone + "\", \"language\": \"fr\"}");
  }

  @SuppressWarnings("unchecked")
  private static String codeReceivedBy(String phone) {
    List<Map<String, Object>> got = Poll.until(Duration.ofSeconds(60), () -> {
      try (Response r = FIXTURE.call("cell", "POST", "/api/v1/simulator/messages", "{\"phone\": \"" + phone + "\"}",
          "application/json")) {
        return (List<Map<String, Object>>) Json.read(r.readEntity(String.class), List.class);
      }
    }, l -> !l.isEmpty(), "the code's SMS to " + phone);
    String body = (String) got.get(0).get("body");
    Matcher m = Pattern.compile("([0-9]{6})").matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }

  @Test
  void aPhoneIsProvenByTheCodeItReceivedAndTheLimitsHoldWithoutTellingWhoIsRegistered() {
    // 1. A registered phone and an unknown one: the same status and body shape, and the same time class.
    String unknown = "+33698765401";
    Answer known = askCode(KNOWN);
    Answer other = askCode(unknown);
    assertThat(known.status()).as(known.body()).isEqualTo(202);
    assertThat(other.status()).as(other.body()).isEqualTo(202);
    assertThat(known.json().keySet()).containsExactlyInAnyOrder("proof", "expiresAt")
        .isEqualTo(other.json().keySet());
    assertThat(known.body().length()).isEqualTo(other.body().length());

    // 2. The code arrives at the phone and proves it; not another phone, and not a wrong code.
    String code = codeReceivedBy(unknown);
    String proof = (String) other.json().get("proof");
    Answer proven = post("/api/v1/citizen/phone-proofs/" + proof + "/check",
        "{\"phone\": \"" + unknown + "\", \"code\": \"" + code + "\"}");
    assertThat(proven.status()).as(proven.body()).isEqualTo(200);
    assertThat(proven.json()).containsEntry("phone", unknown);
    Answer elsewhere = post("/api/v1/citizen/phone-proofs/" + proof + "/check",
        "{\"phone\": \"" + KNOWN + "\", \"code\": \"" + code + "\"}");
    assertThat(elsewhere.status()).isEqualTo(422);
    assertThat(elsewhere.body()).contains("\"field\":\"code\"").contains("was not sent to this phone");
    Answer wrong = post("/api/v1/citizen/phone-proofs/" + proof + "/check",
        "{\"phone\": \"" + unknown + "\", \"code\": \"" + (code.equals("000000") ? "111111" : "000000") + "\"}");
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.body()).contains("is not the code sent");
    Answer notAnId = post("/api/v1/citizen/phone-proofs/not-a-proof/check", "{\"phone\": \"" + unknown
        + "\", \"code\": \"123456\"}");
    assertThat(notAnId.status()).isEqualTo(422);
    assertThat(notAnId.body()).contains("\"field\":\"proof\"");

    // 3. Timing: more codes asked for known and unknown phones alike, medians of the same class.
    List<Long> knownTimes = new ArrayList<>(List.of(known.nanos()));
    List<Long> unknownTimes = new ArrayList<>(List.of(other.nanos()));
    for (int i = 0; i < 2; i++) {
      Answer a = askCode(KNOWN);
      Answer b = askCode("+3369876540" + (2 + i));
      assertThat(a.status()).isEqualTo(202);
      assertThat(b.status()).isEqualTo(202);
      knownTimes.add(a.nanos());
      unknownTimes.add(b.nanos());
    }
    long knownMedian = median(knownTimes);
    long unknownMedian = median(unknownTimes);
    assertThat(Math.max(knownMedian, unknownMedian)).as("median ns, known %d, unknown %d", knownMedian,
        unknownMedian).isLessThan(3 * Math.min(knownMedian, unknownMedian) + 50_000_000L);

    // 4. A fourth code to the registered phone within the hour: 429, said the same as for any phone.
    Answer fourth = askCode(KNOWN);
    assertThat(fourth.status()).as(fourth.body()).isEqualTo(429);
    assertThat(fourth.body()).contains("\"field\":\"phone\"").contains("at most 3 codes an hour");
    assertThat(Integer.parseInt(fourth.retryAfter())).as("seconds until the first code leaves the hour")
        .isBetween(3000, 3600);

    // 5. The address has asked for 6 codes; 4 more to new phones, then the address's limit.
    for (int i = 0; i < 4; i++) {
      assertThat(askCode("+3369876541" + i).status()).isEqualTo(202);
    }
    Answer eleventh = post("/api/v1/citizen/phone-proofs", "{\"phone\": \"+33698765499\", \"language\": \"ar\"}");
    assertThat(eleventh.status()).isEqualTo(429);
    assertThat(Integer.parseInt(eleventh.retryAfter())).isBetween(3000, 3600);
    assertThat(eleventh.body()).contains("at most 10 codes an hour may be asked from one address");
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndCountsForNothing() {
    Answer landline = askCode("+33142345678");
    assertThat(landline.status()).isEqualTo(422);
    assertThat(landline.body()).contains("\"field\":\"phone\"").contains("mobile");
    Answer language = post("/api/v1/citizen/phone-proofs", "{\"phone\": \"+33698765480\", \"language\": \"de\"}");
    assertThat(language.status()).isEqualTo(422);
    assertThat(language.body()).contains("\"field\":\"language\"");
    Answer arabic = post("/api/v1/citizen/phone-proofs", "{\"phone\": \"٠٦١٢٣٤٥٦٧٨\", \"language\": \"ar\"}");
    assertThat(arabic.status()).isEqualTo(422);
    assertThat(arabic.body()).contains("\"field\":\"phone\"");
    assertThat(post("/api/v1/citizen/phone-proofs", "{\"phone\": ").status()).isEqualTo(400);
    assertThat(post("/api/v1/citizen/phone-proofs", "{\"phone\": 33612345678, \"language\": [\"fr\"]}").status())
        .isEqualTo(400);
    assertThat(post("/api/v1/citizen/phone-proofs", "").status()).isIn(400, 422);
    assertThat(FIXTURE.scalar("SELECT count(*) FROM phone_proof WHERE attempts > 0")).isZero();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
