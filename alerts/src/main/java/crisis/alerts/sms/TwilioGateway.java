package crisis.alerts.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Say;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import crisis.core.outreach.Phrases;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * SMS through Twilio's Java SDK, one attempt per call (see {@link OneShotHttpClient}). Twilio's answers become
 * outcomes: throttling (HTTP 429, error 20429) and Twilio's own errors (5xx) are worth retrying; a timeout is
 * {@code UNKNOWN} (the message may exist: the caller looks it up with {@link #lookup} before trying again); an
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
      return SendResult.unknown(e.getMessage());
    } catch (ApiException e) {
      return classify(e.getCode(), e.getStatusCode(), e.getMessage());
    }
  }

  @Override
  public SendResult call(OutgoingCall call) {
    try {
      CallCreator creator = Call.creator(new PhoneNumber(call.to()), new PhoneNumber(call.from()),
          new Twiml(twiml(call.language(), call.text())));
      if (call.statusCallback() != null) {
        creator.setStatusCallback(URI.create(call.statusCallback()));
      }
      Call c = creator.create(client);
      return SendResult.sent(c.getSid(), c.getStatus() == null ? null : c.getStatus().toString());
    } catch (ApiConnectionException e) {
      return SendResult.unknown(e.getMessage());
    } catch (ApiException e) {
      return classify(e.getCode(), e.getStatusCode(), e.getMessage());
    }
  }

  /** The call's script: the text read twice in the person's language, a pause between. */
  static String twiml(String language, String text) {
    Say.Language voice = Say.Language.valueOf(
        Phrases.voiceLanguage(language).toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    try {
      return new VoiceResponse.Builder()
          .say(new Say.Builder(text).language(voice).build())
          .pause(new Pause.Builder().length(2).build())
          .say(new Say.Builder(text).language(voice).build())
          .build().toXml();
    } catch (TwiMLException e) {
      throw new IllegalStateException("cannot write the call's TwiML", e);
    }
  }

  @Override
  public Optional<SendResult> lookup(String to, String body, Instant since,
      java.util.function.Predicate<String> recorded) {
    ZonedDateTime after = since.atZone(ZoneOffset.UTC);
    try {
      if (body == null) {
        for (Call c : Call.reader().setTo(new PhoneNumber(to)).setPageSize(50L).read(client)) {
          if (c.getDateCreated() != null && !c.getDateCreated().isBefore(after) && !recorded.test(c.getSid())) {
            return Optional.of(SendResult.sent(c.getSid(), c.getStatus() == null ? null : c.getStatus().toString()));
          }
          if (c.getDateCreated() != null && c.getDateCreated().isBefore(after)) {
            break; // newest first: the rest is older
          }
        }
        return Optional.empty();
      }
      // Newest first; a message still queued has no DateSent yet, so the creation date is compared here.
      for (Message m : Message.reader().setTo(new PhoneNumber(to)).setPageSize(50L).read(client)) {
        if (m.getDateCreated() == null) {
          continue; // cannot tell when: not taken as this attempt's message
        }
        if (m.getDateCreated().isBefore(after)) {
          break;
        }
        if (body.equals(m.getBody()) && !recorded.test(m.getSid())) {
          return Optional.of(SendResult.sent(m.getSid(), m.getStatus() == null ? null : m.getStatus().toString()));
        }
      }
      return Optional.empty();
    } catch (ApiConnectionException e) {
      return Optional.of(SendResult.retry(null, e.getMessage()));
    } catch (ApiException e) {
      return Optional.of(SendResult.retry(e.getCode(), e.getMessage()));
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
