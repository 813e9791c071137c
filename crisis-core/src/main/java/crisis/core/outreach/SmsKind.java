package crisis.core.outreach;

/**
 * What an {@code sms_send} row is, as its {@code kind} column holds it: a crisis alert, its reminder and the voice
 * call after it, the answer to a reply, a repatriation notice (seat, waitlist, no-show), a reintegration check-in
 * question, a citizen's phone code or link, a traveller's reminder before a trip's end (issue 34: these two claimed
 * after every other due SMS of their sender). The one list; the column's CHECK constraint holds the same names.
 */
public enum SmsKind { ALERT, REMINDER, CALL, ACK, NOTICE, CHECK_IN, CODE, STAY }
