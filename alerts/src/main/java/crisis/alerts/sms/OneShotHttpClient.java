package crisis.alerts.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Twilio SDK's HTTP client, replaced: one attempt per request, never the SDK's own retries (which repeat a POST
 * after a 5xx and can send an SMS twice), with timeouts, and an API base that can point elsewhere than Twilio (a
 * proxy, or a fake server on 127.0.0.1 in tests). The path and query of each request are kept; only the scheme,
 * host and port are replaced.
 */
public final class OneShotHttpClient extends HttpClient {
  private final URI base;
  private final Duration timeout;
  private final java.net.http.HttpClient http;

  /** @param base e.g. {@code https://api.twilio.com}; null keeps the SDK's own hosts */
  public OneShotHttpClient(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = java.net.http.HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
  }

  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  @Override
  public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    URL original = request.constructURL();
    URI target = URI.create((base == null ? original.getProtocol() + "://" + original.getAuthority()
        : base.toString().replaceAll("/+$", "")) + original.getFile());
    HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout).header("Accept", "application/json");
    if (request.requiresAuthentication()) {
      b.header("Authorization", request.getAuthString());
    }
    for (Map.Entry<String, List<String>> h : request.getHeaderParams().entrySet()) {
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    HttpMethod method = request.getMethod();
    if (method == HttpMethod.POST) {
      b.header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(request.encodeFormBody(), StandardCharsets.UTF_8));
    } else if (method == HttpMethod.DELETE) {
      b.DELETE();
    } else {
      b.GET();
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.body(), r.statusCode());
    } catch (IOException e) {
      throw new ApiConnectionException("no answer from the SMS gateway: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("interrupted while waiting for the SMS gateway", e);
    }
  }
}
