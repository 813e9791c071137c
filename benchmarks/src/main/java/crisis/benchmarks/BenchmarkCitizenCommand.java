package crisis.benchmarks;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code benchmark-citizen --url URL --user U --password P --count N}: a citizen's declaration against a running
 * server (the embedded default, started as the README says), as the citizen's page makes it: the code asked for, read
 * at the simulator's phone (not counted: that is the SMS's way, not the server's), checked, then the declaration
 * sent with it. Prints each request's time and the server time of each whole declaration (the three requests, on
 * the loopback: what the server takes). At most 10 codes an hour come from one address, so N is at most 10.
 */
public class BenchmarkCitizenCommand extends Command {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public BenchmarkCitizenCommand() {
    super("benchmark-citizen", "Time a citizen's declaration, code asked to declaration taken, on a running server");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("--url").setDefault("http://127.0.0.1:8080").help("the running server");
    subparser.addArgument("--user").setDefault("cell").help("a crisis-cell user, to read the simulator's phones");
    subparser.addArgument("--password").required(true).help("its password (data/demo-credentials.txt)");
    subparser.addArgument("--count").type(Integer.class).setDefault(5).help("declarations, at most 10");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    String url = namespace.getString("url");
    String auth = "Basic " + Base64.getEncoder().encodeToString((namespace.getString("user") + ":"
        + namespace.getString("password")).getBytes(StandardCharsets.UTF_8));
    int count = Math.min(10, namespace.getInt("count"));
    List<Double> totals = new ArrayList<>();
    String run = Long.toString(System.currentTimeMillis() % 100_000);
    for (int i = 0; i < count; i++) {
      String phone = String.format("+33698%06d", (Long.parseLong(run) * 10 + i) % 1_000_000);
      long t0 = System.nanoTime();
      HttpResponse<String> sent = post(url + "/api/v1/citizen/phone-proofs", null,
          "{\"phone\": \"" + phone + "\", \"language\": \"ar\"}", 202);
      double ask = (System.nanoTime() - t0) / 1e6;
      String proof = field(sent.body(), "proof");
      String code = null;
      for (long until = System.nanoTime() + 60_000_000_000L; code == null && System.nanoTime() < until; ) {
        Matcher m = Pattern.compile("\"body\":\"[^\"]*?([0-9]{6})").matcher(post(url + "/api/v1/simulator/messages",
            auth, "{\"phone\": \"" + phone + "\"}", 200).body());
        if (m.find()) {
          code = m.group(1);
        } else {
          Thread.sleep(50);
        }
      }
      if (code == null) {
        throw new IllegalStateException("no code reached " + phone + " within 60 s");
      }
      t0 = System.nanoTime();
      post(url + "/api/v1/citizen/phone-proofs/" + proof + "/check", null,
          "{\"phone\": \"" + phone + "\", \"code\": \"" + code + "\"}", 200);
      double check = (System.nanoTime() - t0) / 1e6;
      t0 = System.nanoTime();
      post(url + "/api/v1/citizen/declarations", null, """
          {"proof": "%s", "phone": "%s", "code": "%s", "declaration": {
           "givenNameLatin": "Salma", "familyNameLatin": "Bennani", "givenNameArabic": "سلمى",
           "familyNameArabic": "بناني", "dateOfBirth": "2003-05-02", "sex": "F", "passportNumber": "ZB%s%d",
           "preferredLanguage": "AR", "latitude": 48.8462, "longitude": 2.3449, "locationSource": "GPS",
           "countryOfResidence": "FR", "residenceType": "TEMPORARY", "stayPurpose": "STUDY",
           "arrivalDate": "2026-09-01", "departureDate": "2027-06-30",
           "consents": ["CRISIS_CONTACT", "REPATRIATION"]}}""".formatted(proof, phone, code, run, i),
          202);
      double declare = (System.nanoTime() - t0) / 1e6;
      totals.add(ask + check + declare);
      System.out.printf("declaration %d: code asked %.0f ms, checked %.0f ms, declared %.0f ms; server time %.0f ms%n",
          i + 1, ask, check, declare, ask + check + declare);
    }
    Collections.sort(totals);
    System.out.printf("%d declarations: server time median %.0f ms, max %.0f ms (aim: under 3,000 ms)%n",
        totals.size(), totals.get(totals.size() / 2), totals.get(totals.size() - 1));
  }

  private static HttpResponse<String> post(String url, String auth, String body, int expected) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r;
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }
}
