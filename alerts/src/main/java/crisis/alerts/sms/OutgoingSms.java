package crisis.alerts.sms;

/**
 * One SMS to send.
 *
 * @param to the recipient, E.164
 * @param sender a phone number (E.164), an alphanumeric sender ID, or a Messaging Service SID (MG...)
 * @param body the text, already in the person's language
 * @param statusCallback where the gateway reports delivery, or null
 */
public record OutgoingSms(String to, String sender, String body, String statusCallback) {}
