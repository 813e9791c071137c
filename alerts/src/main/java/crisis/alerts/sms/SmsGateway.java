package crisis.alerts.sms;

/**
 * Sends SMS: Twilio in production, a simulator in the embedded default. An implementation makes exactly one attempt
 * per call (retries belong to the caller, under its own record of the send) and never throws for an answer of the
 * gateway: every outcome is a {@link SendResult}. Thread-safe.
 */
public interface SmsGateway {

  SendResult send(OutgoingSms sms);
}
