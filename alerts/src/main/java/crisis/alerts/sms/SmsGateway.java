package crisis.alerts.sms;

import java.time.Instant;
import java.util.Optional;

/**
 * Sends SMS and makes voice calls: Twilio in production, a simulator in the embedded default. An implementation
 * makes exactly one attempt per call (retries belong to the caller, under its own record of the send) and never
 * throws for an answer of the gateway: every outcome is a {@link SendResult}. Thread-safe.
 */
public interface SmsGateway {

  SendResult send(OutgoingSms sms);

  /** Calls {@code call.to()} and reads the text aloud. */
  SendResult call(OutgoingCall call);

  /**
   * What the gateway holds of an SMS (or a call, when {@code body} is null) to {@code to} created since
   * {@code since}: how the dispatcher learns, after a crash or an answer lost to a timeout, whether an attempt went
   * out. Messages whose id {@code recorded} already holds are another attempt's (two identical acknowledgements to one
   * phone): they are skipped. Empty when there is none; a {@code RETRY} result when the gateway could not be asked.
   */
  Optional<SendResult> lookup(String to, String body, Instant since, java.util.function.Predicate<String> recorded);
}
