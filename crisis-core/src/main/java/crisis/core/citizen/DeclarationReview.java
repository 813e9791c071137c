package crisis.core.citizen;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.Ids;
import crisis.core.common.SafeText;
import crisis.core.common.ValidationException;
import crisis.core.crisis.SmsSegments;
import crisis.core.outreach.SenderPlan;
import crisis.core.outreach.SmsKind;
import crisis.core.outreach.db.OutreachDao;
import crisis.core.privacy.Hold;
import crisis.core.registry.PendingRegistrations;
import crisis.core.registry.Registration;
import crisis.core.retention.RetentionPurge;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * An officer refuses a citizen's declaration (issue 34): the reason goes to the citizen by SMS, in their language, and
 * the declaration leaves nothing behind: the registration and whatever every owner holds on it are forgotten as the
 * retention purge forgets a person, in the same transaction. Refused while a legal hold stands (an active crisis
 * reached them): a person in danger is not erased for paperwork; decide once the crisis is over.
 */
public final class DeclarationReview {
  /** The longest reason, so that the SMS stays within a few segments in Arabic. */
  public static final int REASON_MAX = 300;

  private static final Map<String, String> TEXTS = Map.of(
      "ar", "لم يقبل القنصلية تصريحكم بالتسجيل: %s. يمكنكم تقديم تصريح جديد.",
      "fr", "Le consulat n'a pas retenu votre déclaration d'inscription : %s. Vous pouvez en faire une nouvelle.",
      "en", "The consulate did not accept your registration: %s. You may declare yourself again.");

  private final Jdbi jdbi;
  private final PendingRegistrations pending;
  private final RetentionPurge purge;
  private final AuditTrail audit;
  private final SenderPlan senders;
  private final Clock clock;

  public DeclarationReview(Jdbi jdbi, PendingRegistrations pending, RetentionPurge purge, AuditTrail audit,
      SenderPlan senders, Clock clock) {
    this.jdbi = jdbi;
    this.pending = pending;
    this.purge = purge;
    this.audit = audit;
    this.senders = senders;
    this.clock = clock;
  }

  /**
   * Refuses a pending declaration; the rows forgotten, by table.
   *
   * @throws ValidationException the reason is missing, too long, or not one line of text
   * @throws crisis.core.common.NotFoundException not a registration the officer sees
   * @throws ConflictException not pending, or under a legal hold
   */
  public Map<String, Integer> refuse(Actor actor, UUID id, String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw new ValidationException("reason", "is required: it is sent to the citizen");
    }
    if (why.length() > REASON_MAX) {
      throw new ValidationException("reason", "must be at most " + REASON_MAX + " characters, was " + why.length());
    }
    if (!SafeText.isPrintable(why)) {
      throw new ValidationException("reason", "must be on one line");
    }
    return jdbi.inTransaction(h -> {
      UUID[] ids = {id};
      purge.register().lock(h, ids);
      // Checked once locked: a confirmation at the same moment is seen, and nothing confirmed is erased.
      Registration r = pending.requirePending(h, actor, id);
      Hold hold = purge.holds(h, ids).get(id);
      if (hold != null) {
        throw new ConflictException("hold", "the person is under a legal hold (" + hold
            + "): decide on the declaration once it ends");
      }
      Map<String, Integer> removed = purge.forget(h, ids);
      String language = language(r);
      String text = String.format(Locale.ROOT, TEXTS.get(language), why);
      String phone = r.data().phone();
      h.attach(OutreachDao.class).queueText(Ids.newId(), "refusal:" + id, SmsKind.NOTICE, null, phone, language,
          senders.route(phone).name(), text, SmsSegments.of(text).segments(), clock.instant());
      audit.record(h, actor, "REFUSE_DECLARATION", List.of(id), "reason sent by SMS; "
          + removed.values().stream().mapToInt(Integer::intValue).sum() + " rows forgotten");
      return removed;
    });
  }

  private static String language(Registration r) {
    String l = r.data().preferredLanguage() == null ? "fr" : r.data().preferredLanguage().name().toLowerCase(Locale.ROOT);
    return TEXTS.containsKey(l) ? l : "fr";
  }
}
