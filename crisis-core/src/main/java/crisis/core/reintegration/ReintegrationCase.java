package crisis.core.reintegration;

import crisis.core.reintegration.NeedKind.Dimension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The follow-up of one household that came home: where it lives (city, region), who follows it, its people (as far
 * as they consented), their needs, the referrals to partners, the scheduled check-ins and the scores recorded.
 *
 * @param requestId the evacuation request whose arrival opened it, or null for a case opened by hand
 * @param region the region of the kingdom (MA.01 to MA.12), or null while it could not be resolved
 * @param caseworker the username of the case worker following it, or null while the region has none
 * @param nextDueAt the earliest open check-in or unanswered referral reminder (what "overdue first" sorts by)
 */
public record ReintegrationCase(UUID id, UUID requestId, UUID crisisId, String destinationCity, String placeName,
    String region, String caseworker, State state, Instant arrivedAt, Instant openedAt, String openedBy,
    Instant closedAt, String outcome, Instant nextDueAt, int version, List<Member> members, List<Need> needs,
    List<Referral> referrals, List<CheckIn> checkIns, List<Assessment> assessments) {

  public enum State { OPEN, CLOSED }

  /**
   * A person of the household. Without consent to REINTEGRATION_FOLLOW_UP ({@code followUp} false) only a
   * reference: no name, birth date or phone.
   *
   * @param sharing consent to SHARING_WITH_HOME_SERVICES: referrals may carry this person's details
   */
  public record Member(int seq, UUID registrationId, String fullName, String sex, LocalDate dateOfBirth,
      String phone, String language, boolean followUp, boolean sharing) {}

  /** A need of a person ({@code memberSeq}) or of the household (null). */
  public record Need(UUID id, Integer memberSeq, Dimension dimension, NeedKind kind, NeedStatus status, String notes,
      Instant identifiedAt, Instant statusAt, Instant metAt, int version, List<NeedChange> history) {}

  /** One step of a need's history. */
  public record NeedChange(Instant at, String by, NeedStatus status, String note) {}

  /** A partner institution of a region and the kinds of need it takes. */
  public record Partner(UUID id, String region, String name, String contact, List<NeedKind> kinds) {}

  /**
   * A need referred to a partner; the case worker is reminded at {@code remindAt} if no answer came.
   *
   * @param personalData whether it carried the person's details (their consent to sharing), else the case reference
   */
  public record Referral(UUID id, UUID needId, UUID partnerId, String partnerName, String asked,
      boolean personalData, Instant sentAt, String sentBy, Instant remindAt, Instant remindedAt, String answer,
      Instant answeredAt) {}

  public enum CheckInState { SCHEDULED, SENT, ANSWERED, DONE, CANCELLED }

  /**
   * A scheduled check-in: a task for the case worker and, when a phone may be used, one SMS question.
   *
   * @param needId the need the question was about (null: the general question)
   * @param answer the digit answered by SMS (1 yes, 2 no), or null
   */
  public record CheckIn(UUID id, int seq, String label, Instant dueAt, CheckInState state, boolean bySms,
      UUID needId, String question, Instant sentAt, Integer answer, Instant answeredAt, Instant doneAt, String doneBy,
      String notes) {}

  /** The indicators recorded at a follow-up or at closure, and their scores. */
  public record Assessment(UUID id, Kind kind, Map<Scores.Indicator, String> indicators, Scores.Result scores,
      Instant at, String by) {
    public enum Kind { FOLLOW_UP, CLOSURE }
  }

  /** A case as its list shows it: no personal data, how many needs are open, and whether something is overdue. */
  public record Summary(UUID id, String region, String caseworker, State state, String destinationCity,
      int people, int openNeeds, Instant arrivedAt, Instant nextDueAt, boolean overdue, int version) {}
}
