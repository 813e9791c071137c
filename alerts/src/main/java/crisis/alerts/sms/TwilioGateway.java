package crisis.alerts.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * SMS through Twilio's Java SDK, one attempt per call (see {@link OneShotHttpClient}). Twilio's answers become
 * outcomes: throttling (HTTP 429, error 20429), Twilio's own errors (5xx) and timeouts are worth retrying; an
 * invalid number (21211), a number that cannot receive SMS (21614) and other refusals are final; 21610 means the
 * person opted out.
 */
public final class TwilioGateway implements SmsGateway {
  /** Twilio error codes that are final for this recipient. */
  static final Set<Integer> PERMANENT = Set.of(21211, 21214, 21408, 21612, 21614, 21617, 21635, 30003, 30005, 30006);
  static final int OPTED_OUT = 21610;
  static final int TOO_MANY_REQUESTS = 20429;

  private final TwilioRestClient client;

  /**
   * @param accountSid and {@code authToken}: from the environment only
   * @param apiBase Twilio's API (https://api.twilio.com), a proxy, or a fake server in tests
   */
  public TwilioGateway(String accountSid, String authToken, URI apiBase, Duration timeout) {
    this.client = new TwilioRestClient.Builder(accountSid, authToken)
        .httpClient(new OneShotHttpClient(apiBase, timeout)).build();
  }

  @Override
  public SendResult send(OutgoingSms sms) {
    try {
      PhoneNumber to = new PhoneNumber(sms.to());
      MessageCreator creator = sms.sender().startsWith("MG")
          ? Message.creator(to, sms.sender(), sms.body())
          : Message.creator(to, new PhoneNumber(sms.sender()), sms.body());
      if (sms.statusCallback() != null) {
        creator.setStatusCallback(URI.create(sms.statusCallback()));
      }
      Message m = creator.create(client);
      return SendResult.sent(m.getSid(), m.getStatus() == null ? null : m.getStatus().toString());
    } catch (ApiConnectionException e) {
      return SendResult.retry(null, e.getMessage());
    } catch (ApiException e) {
      return classify(e.getCode(), e.getStatusCode(), e.getMessage());
    }
  }

  static SendResult classify(Integer code, Integer httpStatus, String message) {
    String reason = message == null ? "refused" : message;
    if (code != null && code == OPTED_OUT) {
      return SendResult.optedOut(code, reason);
    }
    if (code != null && PERMANENT.contains(code)) {
      return SendResult.failed(code, reason);
    }
    if ((code != null && code == TOO_MANY_REQUESTS) || httpStatus == null || httpStatus == 429
        || httpStatus >= 500) {
      return SendResult.retry(code, reason);
    }
    return SendResult.failed(code, reason);
  }
}
