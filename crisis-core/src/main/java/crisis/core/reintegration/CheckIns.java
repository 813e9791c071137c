package crisis.core.reintegration;

import crisis.core.privacy.FieldCipher;
import crisis.core.outreach.SmsKind;
import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.Ids;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.outreach.Phrases;
import crisis.core.outreach.SenderPlan;
import crisis.core.crisis.SmsSegments;
import crisis.core.outreach.db.OutreachDao;
import crisis.core.reintegration.db.ReintegrationDao;
import crisis.core.reintegration.db.ReintegrationDao.NeedRow;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The follow-up schedule: each check-in falls due at its date after arrival, becoming a task for the case worker and,
 * when the household gave a phone it consented to be followed on, one SMS question through the outreach (paced,
 * retried, delivery status, STOP honoured) asking about its first open need, answered by a digit. The answer updates
 * that need of that case; a digit from a phone with no open check-in is left to the other readers of replies.
 */
public final class CheckIns {
  private static final int BATCH = 200;
  private static final Set<String> YES = Set.of("1", "YES", "Y", "OUI", "SI", "NAAM", "NA3AM", "IYEH", "EYEH",
      "نعم", "ايه", "اه");
  private static final Set<String> NO = Set.of("2", "NO", "N", "NON", "LA", "لا", "لاء");

  private final Jdbi jdbi;
  private final SenderPlan senders;
  private final AuditTrail audit;
  private final Clock clock;

  public CheckIns(Jdbi jdbi, SenderPlan senders, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.senders = senders;
    this.audit = audit;
    this.clock = clock;
  }

  /** The check-ins after arrival; by SMS to the first member with a phone they consented to be followed on. */
  static void schedule(Handle h, ReintegrationSettings settings, ReintegrationDao.CaseRow c,
      List<ReintegrationCase.Member> members) {
    schedule(h, settings, c, members, c.arrivedAt(), 1);
  }

  /** The check-ins at the configured delays after {@code from}, numbered from {@code firstSeq}. */
  static void schedule(Handle h, ReintegrationSettings settings, ReintegrationDao.CaseRow c,
      List<ReintegrationCase.Member> members, Instant from, int firstSeq) {
    ReintegrationCase.Member contact = members.stream().filter(m -> m.followUp() && m.phone() != null).findFirst()
        .orElse(null);
    List<ReintegrationDao.CheckInRow> rows = new java.util.ArrayList<>();
    int seq = firstSeq;
    for (java.time.Duration after : settings.checkInsAfter()) {
      rows.add(new ReintegrationDao.CheckInRow(Ids.newId(), c.id(), seq++, ReintegrationSettings.label(after),
          from.plus(after), ReintegrationCase.CheckInState.SCHEDULED, contact == null ? null : contact.phone(),
          contact == null ? null : contact.language(), null, null, null, null, null, null, null, null));
    }
    h.attach(ReintegrationDao.class).insertCheckIns(rows);
  }

  /**
   * Sends the check-ins fallen due (run by the server's clock), up to a batch; several servers share them.
   *
   * @return how many fell due now
   */
  public int sendDue() {
    return jdbi.inTransaction(h -> {
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      Instant now = clock.instant();
      List<ReintegrationDao.DueCheckIn> due = dao.dueCheckIns(now, BATCH);
      for (ReintegrationDao.DueCheckIn k : due) {
        if (k.phone() == null) {
          dao.markSent(k.id(), null, null, now);
          continue;
        }
        String language = Phrases.languageOf(k.language());
        NeedRow need = dao.needs(k.caseId()).stream().filter(n -> NeedStatus.valueOf(n.status()).open())
            .min(Comparator.comparing((NeedRow n) -> NeedKind.valueOf(n.kind()).ordinal())
                .thenComparing(NeedRow::identifiedAt).thenComparing(NeedRow::id)).orElse(null);
        String question = need == null ? NeedKind.GENERAL.get(language)
            : NeedKind.valueOf(need.kind()).question(language);
        h.attach(OutreachDao.class).queueText(Ids.newId(), "checkin:" + k.id(), SmsKind.CHECK_IN, k.crisisId(), k.phone(),
            language, senders.route(k.phone()).name(), question, SmsSegments.of(question).segments(), now);
        dao.markSent(k.id(), need == null ? null : need.id(), question, now);
      }
      return due.size();
    });
  }

  private static final java.util.Map<String, String> THANKS = java.util.Map.of(
      "en", "Thank you, your answer is recorded. Your case worker will follow up.",
      "fr", "Merci, votre réponse est enregistrée. Votre référent vous recontactera.",
      "es", "Gracias, su respuesta ha quedado registrada. Su referente le contactará.",
      "ar", "شكرا، تم تسجيل جوابكم. سيتواصل معكم المكلف بملفكم.");

  /** The acknowledgement of an answer, in a language the outreach speaks. */
  public static String thanks(String language) {
    return THANKS.get(Phrases.languageOf(language));
  }

  /** What an SMS answer did: the case and need it updated (need null: the general question). */
  public record Answered(UUID caseId, UUID checkInId, UUID needId, int answer, String language) {}

  /** 1 for yes, 2 for no, or empty when the text is neither (in the languages the outreach reads). */
  public static Optional<Integer> digit(String body) {
    if (body == null) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder();
    for (char ch : Normalizer.normalize(body, Normalizer.Form.NFD).toCharArray()) {
      if (ch >= '\u0660' && ch <= '\u0669') {
        b.append((char) ('0' + ch - '\u0660'));
      } else if (Character.getType(ch) != Character.NON_SPACING_MARK) {
        b.append(ch);
      }
    }
    String[] words = b.toString().toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip().split(" ");
    if (words.length == 0 || words.length > 4) {
      return Optional.empty();
    }
    if (YES.contains(words[0])) {
      return Optional.of(1);
    }
    if (NO.contains(words[0])) {
      return Optional.of(2);
    }
    return Optional.empty();
  }

  /**
   * Reads an SMS as the answer to the check-in whose question went to this phone last, in the caller's transaction,
   * when it is a yes or no and that question went after any crisis alert to the phone. Yes: the need asked about is
   * MET; no: it stays as it is, the answer in its history (to the general question, no opens a psychosocial support
   * need). Empty when the phone has no open check-in or the text is not an answer.
   */
  public static Optional<Answered> answerFromReply(Handle h, String phone, String body, Instant now) {
    Optional<Integer> d = digit(body);
    if (d.isEmpty()) {
      return Optional.empty();
    }
    ReintegrationDao dao = h.attach(ReintegrationDao.class);
    ReintegrationDao.OpenCheckIn k = dao.openCheckInAt(phone).orElse(null);
    if (k == null || h.attach(OutreachDao.class).alertedSince(phone, k.sentAt())) {
      return Optional.empty();
    }
    int answer = d.get();
    dao.answerCheckIn(k.id(), answer, now);
    String by = "sms:" + k.id();
    if (k.needId() != null) {
      NeedRow n = dao.lockNeed(k.caseId(), k.needId()).orElseThrow();
      if (answer == 1 && NeedStatus.valueOf(n.status()).open()) {
        Needs.change(h, n, NeedStatus.MET, "the returnee answered 1 (yes) by SMS", by, now);
      } else {
        dao.history(n.id(), now, by, n.status(), Needs.sealHistory(h, n.id(), "the returnee answered " + answer
            + (answer == 1 ? " (yes)" : " (no)") + " by SMS"));
        dao.touch(k.caseId(), now);
      }
    } else if (answer == 2 && dao.needs(k.caseId()).stream().noneMatch(n -> n.kind().equals(
        NeedKind.PSYCHOSOCIAL_SUPPORT.name()) && NeedStatus.valueOf(n.status()).open())) {
      UUID id = Ids.newId();
      dao.insertNeed(new NeedRow(id, k.caseId(), null, NeedKind.Dimension.PSYCHOSOCIAL.name(),
          NeedKind.PSYCHOSOCIAL_SUPPORT.name(), NeedStatus.IDENTIFIED.name(),
          FieldCipher.of(h).seal(FieldCipher.Field.NEED_NOTES, id,
              "the returnee answered 2 (no, we would like a call) by SMS"), now, now, null, 1));
      dao.history(id, now, by, NeedStatus.IDENTIFIED.name(),
          Needs.sealHistory(h, id, "the returnee asked for a call by SMS"));
    } else {
      dao.touch(k.caseId(), now);
    }
    return Optional.of(new Answered(k.caseId(), k.id(), k.needId(), answer, k.language()));
  }

  /** The case worker records a check-in done (a call, a visit), with notes. */
  public ReintegrationCase complete(Actor actor, UUID caseId, UUID checkInId, String notes) {
    if (notes != null && notes.length() > 2000) {
      throw new ValidationException("notes", "is at most 2,000 characters");
    }
    return jdbi.inTransaction(h -> {
      ReintegrationCases.workable(h, actor, caseId, true);
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      if (dao.checkIns(caseId).stream().noneMatch(k -> k.id().equals(checkInId))) {
        throw new NotFoundException("check-in " + checkInId);
      }
      byte[] sealed = FieldCipher.of(h).seal(FieldCipher.Field.CHECK_IN_NOTES, checkInId, notes);
      if (dao.completeCheckIn(caseId, checkInId, actor.username(), sealed, clock.instant()) == 0) {
        throw new ConflictException("state", "check-in " + checkInId + " is done or cancelled");
      }
      dao.touch(caseId, clock.instant());
      audit.record(h, actor, "REINTEGRATION_CHECK_IN_DONE", List.of(), "case " + caseId + ", check-in "
          + checkInId);
      return ReintegrationCases.assemble(h, dao.findCase(caseId).orElseThrow());
    });
  }
}
