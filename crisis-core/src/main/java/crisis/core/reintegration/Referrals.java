package crisis.core.reintegration;

import crisis.core.privacy.FieldCipher;
import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.reintegration.ReintegrationCase.Member;
import crisis.core.reintegration.ReintegrationCase.Partner;
import crisis.core.reintegration.db.ReintegrationDao;
import crisis.core.reintegration.db.ReintegrationDao.CaseRow;
import crisis.core.reintegration.db.ReintegrationDao.NeedRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Partner institutions per region, and the referrals of needs to them. A referral carries the person's details only
 * when everyone it concerns consented to SHARING_WITH_HOME_SERVICES; otherwise the case reference alone. A referral
 * not answered within the configured delay reminds the case worker: it comes first in their list.
 */
public final class Referrals {
  private final Jdbi jdbi;
  private final Regions regions;
  private final ReintegrationSettings settings;
  private final AuditTrail audit;
  private final Clock clock;

  public Referrals(Jdbi jdbi, Regions regions, ReintegrationSettings settings, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.regions = regions;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
  }

  public record PartnerInput(String region, String name, String contact, List<NeedKind> kinds) {}

  /** A partner of a region (crisis cell), with the kinds of need it takes. */
  public Partner addPartner(Actor actor, PartnerInput in) {
    actor.require("configure partner institutions", Role.CRISIS_CELL);
    List<FieldError> errors = new ArrayList<>();
    if (in == null) {
      throw new ValidationException("body", "is required");
    }
    if (!regions.exists(in.region())) {
      errors.add(new FieldError("region", "must be one of the kingdom's regions, MA.01 to MA.12"));
    }
    if (in.name() == null || in.name().isBlank() || in.name().length() > 200) {
      errors.add(new FieldError("name", "is required, up to 200 characters"));
    }
    if (in.contact() == null || in.contact().isBlank() || in.contact().length() > 500) {
      errors.add(new FieldError("contact", "is required, up to 500 characters (office, phone, e-mail)"));
    }
    if (in.kinds() == null || in.kinds().isEmpty() || in.kinds().stream().anyMatch(java.util.Objects::isNull)) {
      errors.add(new FieldError("kinds", "is required: the needs it takes, among " + List.of(NeedKind.values())));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    UUID id = Ids.newId();
    jdbi.useTransaction(h -> {
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      if (dao.partners(in.region()).stream().anyMatch(p -> p.name().equalsIgnoreCase(in.name().strip()))) {
        throw new ConflictException("name", "region " + in.region() + " has a partner '" + in.name().strip() + "'");
      }
      dao.insertPartner(id, in.region(), in.name().strip(), in.contact().strip(),
          in.kinds().stream().distinct().map(Enum::name).toArray(String[]::new), clock.instant());
      audit.record(h, actor, "REINTEGRATION_PARTNER_ADD", List.of(), "partner " + id + " in " + in.region());
    });
    return new Partner(id, in.region(), in.name().strip(), in.contact().strip(), in.kinds().stream().distinct()
        .toList());
  }

  /** The partners of a region: a case worker sees its own region's; the crisis cell any (every region when null). */
  public List<Partner> partners(Actor actor, String region) {
    actor.require("read partner institutions", Role.CRISIS_CELL, Role.CASEWORKER);
    Actor.RegionScope scope = actor.regionScope().narrowedTo(region);
    if (scope.none()) {
      return List.of();
    }
    return jdbi.withExtension(ReintegrationDao.class, dao -> dao.partners(scope.region())).stream()
        .map(Referrals::partner).toList();
  }

  private static Partner partner(ReintegrationDao.PartnerRow p) {
    return new Partner(p.id(), p.region(), p.name(), p.contact(),
        Arrays.stream(p.kinds()).map(NeedKind::valueOf).toList());
  }

  public record ReferralInput(UUID needId, UUID partnerId, String asked) {}

  /** Refers a need to a partner of the case's region that takes it; the need becomes REFERRED. */
  public ReintegrationCase refer(Actor actor, UUID caseId, ReferralInput in) {
    List<FieldError> errors = new ArrayList<>();
    if (in == null || in.needId() == null) {
      errors.add(new FieldError("needId", "is required"));
    }
    if (in == null || in.partnerId() == null) {
      errors.add(new FieldError("partnerId", "is required"));
    }
    if (in == null || in.asked() == null || in.asked().isBlank() || in.asked().length() > 2000) {
      errors.add(new FieldError("asked", "is required, up to 2,000 characters: what the partner is asked"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return jdbi.inTransaction(h -> {
      CaseRow c = ReintegrationCases.workable(h, actor, caseId, true);
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      NeedRow need = dao.lockNeed(caseId, in.needId()).orElseThrow(() -> new ValidationException("needId",
          "case " + caseId + " has no need " + in.needId()));
      ReintegrationDao.PartnerRow p = dao.partner(in.partnerId()).filter(x -> x.region().equals(c.region()))
          .orElseThrow(() -> new ValidationException("partnerId", "no partner " + in.partnerId() + " in "
              + c.region()));
      if (!Arrays.asList(p.kinds()).contains(need.kind())) {
        throw new ValidationException("partnerId", p.name() + " does not take " + need.kind() + " needs");
      }
      if (!NeedStatus.valueOf(need.status()).open()) {
        throw new ConflictException("needId", "need " + need.id() + " is " + need.status());
      }
      List<Member> concerned = dao.members(caseId).stream()
          .filter(m -> need.memberSeq() == null || m.seq() == need.memberSeq()).toList();
      boolean personal = !concerned.isEmpty() && concerned.stream().allMatch(Member::sharing);
      Instant now = clock.instant();
      UUID id = Ids.newId();
      dao.insertReferral(id, caseId, need.id(), p.id(),
          FieldCipher.of(h).seal(FieldCipher.Field.REFERRAL_ASKED, id, in.asked().strip()), personal, now, actor.username(),
          now.plus(settings.referralReminderAfter()));
      Needs.change(h, need, NeedStatus.REFERRED, "referred to " + p.name(), actor.username(), now);
      audit.record(h, actor, "REINTEGRATION_REFERRAL", List.of(), "case " + caseId + ", need " + need.id()
          + " to " + p.name() + (personal ? " with" : " without") + " personal data");
      return ReintegrationCases.assemble(h, dao.findCase(caseId).orElseThrow());
    });
  }

  /** What the partner is sent: the person's details only with their consent to sharing, else the case reference. */
  public record ForPartner(String partner, String caseReference, String need, String asked, List<String> people) {}

  public ForPartner forPartner(Actor actor, UUID caseId, UUID referralId) {
    return jdbi.inTransaction(h -> {
      ReintegrationCases.workable(h, actor, caseId, false);
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      ReintegrationDao.ReferralRow r = dao.referrals(caseId).stream().filter(x -> x.id().equals(referralId))
          .findFirst().orElseThrow(() -> new NotFoundException("referral " + referralId));
      NeedRow need = dao.needs(caseId).stream().filter(n -> n.id().equals(r.needId())).findFirst().orElseThrow();
      List<String> people = new ArrayList<>();
      if (r.personalData()) {
        for (Member m : dao.members(caseId)) {
          if (need.memberSeq() == null || m.seq() == need.memberSeq()) {
            people.add(m.fullName() + (m.dateOfBirth() == null ? "" : ", born " + m.dateOfBirth())
                + (m.phone() == null ? "" : ", " + m.phone()));
          }
        }
      }
      audit.record(h, actor, "READ_REINTEGRATION_REFERRAL", List.of(), "case " + caseId + ", referral "
          + referralId + (r.personalData() ? " with" : " without") + " personal data");
      return new ForPartner(r.partnerName(), caseId.toString(), need.kind(),
          FieldCipher.of(h).open(FieldCipher.Field.REFERRAL_ASKED, r.id(), r.askedSealed()), people);
    });
  }

  /** Records the partner's answer (once). */
  public ReintegrationCase answer(Actor actor, UUID caseId, UUID referralId, String answer) {
    if (answer == null || answer.isBlank() || answer.length() > 2000) {
      throw new ValidationException("answer", "is required, up to 2,000 characters");
    }
    return jdbi.inTransaction(h -> {
      ReintegrationCases.workable(h, actor, caseId, true);
      ReintegrationDao dao = h.attach(ReintegrationDao.class);
      ReintegrationDao.ReferralRow r = dao.referrals(caseId).stream().filter(x -> x.id().equals(referralId))
          .findFirst().orElseThrow(() -> new NotFoundException("referral " + referralId));
      if (dao.answerReferral(caseId, referralId,
          FieldCipher.of(h).seal(FieldCipher.Field.REFERRAL_ANSWER, referralId, answer.strip()), clock.instant()) == 0) {
        throw new ConflictException("answer", "referral " + referralId + " was answered already");
      }
      dao.touch(caseId, clock.instant());
      dao.history(r.needId(), clock.instant(), actor.username(), dao.lockNeed(caseId, r.needId()).orElseThrow().status(),
          Needs.sealHistory(h, r.needId(), r.partnerName() + " answered: " + answer.strip()));
      audit.record(h, actor, "REINTEGRATION_REFERRAL_ANSWER", List.of(), "case " + caseId + ", referral "
          + referralId);
      return ReintegrationCases.assemble(h, dao.findCase(caseId).orElseThrow());
    });
  }

  /**
   * Reminds the case workers of referrals whose answer is late (run by the server's clock): marks them reminded,
   * once each. Each such case is overdue in its case worker's list from its reminder date on.
   *
   * @return the number of referrals reminded now
   */
  public int remindDue() {
    return jdbi.inTransaction(h -> {
      List<UUID> cases = h.attach(ReintegrationDao.class).remindDue(clock.instant(), 1000);
      if (!cases.isEmpty()) {
        audit.record(h, CaseOpening.ARRIVALS, "REINTEGRATION_REFERRAL_REMINDER", List.of(),
            cases.size() + " referrals unanswered past their delay");
      }
      return cases.size();
    });
  }
}
