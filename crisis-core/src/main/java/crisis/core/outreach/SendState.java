package crisis.core.outreach;

/**
 * Where an {@code sms_send} row is in its life, as its {@code state} column holds it: waiting for its time, being
 * sent by one attempt, handed to the gateway, given up on, or not sent because the phone opted out. The one list;
 * the column's CHECK constraint holds the same names, and {@link crisis.core.outreach.db.SmsDao}'s statements move
 * rows between them.
 */
public enum SendState { PENDING, SENDING, SENT, FAILED, OPTED_OUT }
