package crisis.core.outreach;

/**
 * What a citizen's reply means for the system, decided here once: SAFE and HELP set the status of everyone the alert
 * was for; HELP also opens an assistance request per person for their consulate; STOP stops every message to the
 * phone until START; LEAVE opens an evacuation request for the household of the phone, STAY cancels it (while it
 * has not boarded). Every reply but STOP is acknowledged (the carrier confirms STOP itself).
 *
 * @param status the status it sets, or null
 * @param opensAssistance whether each person gets an assistance request for their consulate
 * @param optOut whether the phone stops receiving messages
 * @param optIn whether the phone receives messages again
 * @param acknowledgement the phrase that answers it, or null for none
 * @param evacuation what it asks of the household's evacuation request
 */
public record ReplyMeaning(CitizenStatus status, boolean opensAssistance, boolean optOut, boolean optIn,
    Phrases.Key acknowledgement, Evacuation evacuation) {

  /** What a reply asks of the household's evacuation request. */
  public enum Evacuation { NONE, OPEN, CANCEL }

  public ReplyMeaning(CitizenStatus status, boolean opensAssistance, boolean optOut, boolean optIn,
      Phrases.Key acknowledgement) {
    this(status, opensAssistance, optOut, optIn, acknowledgement, Evacuation.NONE);
  }

  public static ReplyMeaning of(Keyword keyword) {
    return switch (keyword) {
      case SAFE -> new ReplyMeaning(CitizenStatus.SAFE, false, false, false, Phrases.Key.ACK_SAFE);
      case HELP -> new ReplyMeaning(CitizenStatus.NEEDS_HELP, true, false, false, Phrases.Key.ACK_HELP);
      case LEAVE -> new ReplyMeaning(null, false, false, false, Phrases.Key.ACK_LEAVE, Evacuation.OPEN);
      case STAY -> new ReplyMeaning(null, false, false, false, Phrases.Key.ACK_STAY, Evacuation.CANCEL);
      case STOP -> new ReplyMeaning(null, false, true, false, null);
      case START -> new ReplyMeaning(null, false, false, true, Phrases.Key.ACK_START);
      case OTHER -> new ReplyMeaning(null, false, false, false, Phrases.Key.ACK_OTHER);
    };
  }
}
