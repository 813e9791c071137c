package crisis.core.outreach;

import crisis.core.outreach.db.RetentionDao;
import crisis.core.privacy.Hold;
import crisis.core.privacy.PersonalData;
import crisis.core.retention.RetentionPolicy;
import crisis.core.privacy.SubjectRows;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Outreach's personal data: who each SMS was for, what people answered, their requests for help, and the SMS
 * themselves (phones and texts). A person is held while a crisis that alerted them or heard from them is active, and
 * while their request for help is open. The texts are cleared after their days whoever they are about; a phone's
 * STOP ({@code sms_opt_out}) is kept, since honouring it is the reason it is held.
 */
public final class OutreachPersonalData implements PersonalData {
  /** Texts cleared per statement: the first run after a large crisis clears them in bounded statements. */
  static final int TEXTS_PER_STATEMENT = 20_000;
  private final RetentionPolicy policy;

  public OutreachPersonalData(RetentionPolicy policy) {
    this.policy = policy;
  }

  @Override
  public Map<String, String> tables() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("sms_recipient", "registration_id");
    t.put("citizen_status", "registration_id");
    t.put("assistance_request", "registration_id");
    t.put("sms_reply", "registration_ids, phone");
    t.put("sms_send", "phone (and sms_recipient.send_id)");
    t.put("sms_opt_out", "phone: kept while the STOP stands (it is why the phone is held)");
    t.put("sms_status_early", "no person: a gateway id and a status, for an hour");
    return t;
  }

  @Override
  public Map<UUID, Hold> holds(Handle h, UUID[] ids, Set<UUID> openCrises) {
    RetentionDao dao = h.attach(RetentionDao.class);
    Map<UUID, Hold> held = Hold.OPEN_ASSISTANCE_REQUEST.of(dao.askingForHelp(ids));
    if (!openCrises.isEmpty()) {
      Hold.OPEN_CRISIS.of(dao.inOpenCrises(ids, openCrises.toArray(UUID[]::new))).forEach(held::putIfAbsent);
    }
    return held;
  }

  @Override
  public Map<String, Integer> forget(Handle h, Forgotten people) {
    RetentionDao dao = h.attach(RetentionDao.class);
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("citizen_status", dao.deleteStatuses(people.ids()));
    counts.put("assistance_request", dao.deleteAssistance(people.ids()));
    counts.put("sms_recipient", dao.deleteRecipients(people.ids()));
    dao.unlinkReplies(people.ids());
    counts.put("sms_reply", dao.deleteReplies(people.phones()));
    counts.put("sms_send", dao.deleteSends(people.phones()));
    return counts;
  }

  /** What was sent to their phone and what came from it, their answers and their requests for help. */
  @Override
  public Map<String, List<Map<String, Object>>> export(Handle h, Subject person) {
    RetentionDao dao = h.attach(RetentionDao.class);
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    out.put("sms_recipient", SubjectRows.of(dao.recipients(person.id())));
    out.put("citizen_status", SubjectRows.of(dao.statuses(person.id())));
    out.put("assistance_request", SubjectRows.of(dao.assistance(person.id())));
    out.put("sms_reply", SubjectRows.of(dao.replies(person.id(), person.phone())));
    out.put("sms_send", SubjectRows.of(dao.sends(person.phone())));
    out.put("sms_opt_out", SubjectRows.of(dao.optOut(person.phone())));
    out.put("sms_status_early", List.of());
    return out;
  }

  /** A citizen's phone code is kept a day (its delivery report arrives within minutes), then deleted whole. */
  static final java.time.Duration CODES_KEPT = java.time.Duration.ofDays(1);

  @Override
  public Map<String, Integer> expire(Handle h, Instant now, Set<UUID> openCrises) {
    RetentionDao dao = h.attach(RetentionDao.class);
    Instant before = policy.smsBodiesBefore(now);
    Instant codesBefore = now.minus(CODES_KEPT);
    return Map.of("sms_send.body", inStatements(() -> dao.clearSentTexts(before, TEXTS_PER_STATEMENT)),
        "sms_reply.body", inStatements(() -> dao.clearReceivedTexts(before, TEXTS_PER_STATEMENT)),
        "sms_send (codes)", inStatements(() -> dao.deleteCodes(codesBefore, TEXTS_PER_STATEMENT)));
  }

  /** Runs {@code clear} until a statement clears less than a full one; the rows cleared in all. */
  private static int inStatements(java.util.function.IntSupplier clear) {
    int total = 0;
    int n;
    do {
      n = clear.getAsInt();
      total += n;
    } while (n == TEXTS_PER_STATEMENT);
    return total;
  }
}
