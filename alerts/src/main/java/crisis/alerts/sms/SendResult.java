package crisis.alerts.sms;

/**
 * What a gateway answered for one SMS. {@code RETRY} is for failures worth trying again later (throttling, the
 * gateway's own errors, timeouts); {@code FAILED} is final (an invalid or landline number, a refused request);
 * {@code OPTED_OUT} means the person has asked to receive nothing (Twilio error 21610). {@code UNKNOWN} is a request
 * that got no answer (a timeout, a connection lost): it may have been sent, so it is looked up before any retry.
 *
 * @param sid the gateway's message id when sent
 * @param status the gateway's status when sent (queued, accepted, sent, ...)
 * @param errorCode the gateway's error code when it gave one
 */
public record SendResult(Outcome outcome, String sid, String status, Integer errorCode, String reason) {

  public enum Outcome { SENT, RETRY, FAILED, OPTED_OUT, UNKNOWN }

  public static SendResult sent(String sid, String status) {
    return new SendResult(Outcome.SENT, sid, status, null, null);
  }

  public static SendResult retry(Integer code, String reason) {
    return new SendResult(Outcome.RETRY, null, null, code, reason);
  }

  public static SendResult unknown(String reason) {
    return new SendResult(Outcome.UNKNOWN, null, null, null, reason);
  }

  public static SendResult failed(Integer code, String reason) {
    return new SendResult(Outcome.FAILED, null, null, code, reason);
  }

  public static SendResult optedOut(Integer code, String reason) {
    return new SendResult(Outcome.OPTED_OUT, null, null, code, reason);
  }
}
