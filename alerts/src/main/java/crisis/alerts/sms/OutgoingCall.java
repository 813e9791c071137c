package crisis.alerts.sms;

/**
 * One voice call that reads a text aloud.
 *
 * @param to the person, E.164
 * @param from the calling number, E.164
 * @param language the person's language (ISO 639 code)
 * @param text what is read, in that language
 * @param statusCallback where the gateway reports the call's progress, or null
 */
public record OutgoingCall(String to, String from, String language, String text, String statusCallback) {}
