package crisis.core.reintegration.db;

import crisis.core.reintegration.ReintegrationCase;
import crisis.core.reintegration.ReintegrationCase.Member;
import crisis.core.reintegration.ReintegrationEvent;
import crisis.core.repatriation.EvacuationRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Reintegration cases and what hangs on them; assembled into {@code ReintegrationCase} by the services. */
@RegisterConstructorMapper(ReintegrationDao.CaseRow.class)
@RegisterConstructorMapper(Member.class)
@RegisterConstructorMapper(ReintegrationDao.NeedRow.class)
@RegisterConstructorMapper(ReintegrationDao.HistoryRow.class)
@RegisterConstructorMapper(ReintegrationDao.PartnerRow.class)
@RegisterConstructorMapper(ReintegrationDao.ReferralRow.class)
@RegisterConstructorMapper(ReintegrationDao.CheckInRow.class)
@RegisterConstructorMapper(ReintegrationDao.AssessmentRow.class)
@RegisterConstructorMapper(ReintegrationDao.SummaryRow.class)
@RegisterConstructorMapper(ReintegrationDao.DueCheckIn.class)
@RegisterConstructorMapper(ReintegrationDao.OpenCheckIn.class)
public interface ReintegrationDao {
  record CaseRow(UUID id, UUID requestId, UUID crisisId, String consulateId, String destinationCity,
      String placeName, String region, String caseworker, ReintegrationCase.State state, Instant arrivedAt,
      Instant openedAt,
      String openedBy, Instant closedAt, String outcome, Instant nextDueAt, int version) {}

  record NeedRow(UUID id, UUID caseId, Integer memberSeq, String dimension, String kind, String status,
      byte[] notesSealed, Instant identifiedAt, Instant statusAt, Instant metAt, int version) {}

  record HistoryRow(UUID needId, Instant at, String by, String status, byte[] noteSealed) {}

  record PartnerRow(UUID id, String region, String name, String contact, String[] kinds) {}

  record ReferralRow(UUID id, UUID caseId, UUID needId, UUID partnerId, String partnerName,
      byte[] askedSealed, boolean personalData, Instant sentAt, String sentBy, Instant remindAt, Instant remindedAt,
      byte[] answerSealed,
      Instant answeredAt) {}

  record CheckInRow(UUID id, UUID caseId, int seq, String label, Instant dueAt, ReintegrationCase.CheckInState state,
      String phone,
      String language, UUID needId, String question, Instant sentAt, Integer answer, Instant answeredAt,
      Instant doneAt, String doneBy, byte[] notesSealed) {}

  record AssessmentRow(UUID id, UUID caseId, String kind, String indicators, double economic, double social,
      double psychosocial, double composite, Instant at, String by) {}

  record SummaryRow(UUID id, String region, String caseworker, ReintegrationCase.State state, String destinationCity,
      int people, int openNeeds, Instant arrivedAt, Instant nextDueAt, int version) {}

  /** An evacuation request that arrived, as a case is opened from it. */
  // --- cases

  @SqlUpdate("""
      INSERT INTO reintegration_case (id, request_id, crisis_id, consulate_id, destination_city, place_name, region,
        caseworker, state, arrived_at, opened_at, opened_by, updated_at)
      VALUES (:id, :requestId, :crisisId, :consulateId, :destinationCity, :placeName, :region, :caseworker, 'OPEN',
        :arrivedAt, :openedAt, :openedBy, :openedAt)
      ON CONFLICT (request_id) DO NOTHING""")
  int insertCase(@BindMethods CaseRow row);

  @SqlBatch("""
      INSERT INTO reintegration_member (case_id, seq, registration_id, full_name, sex, date_of_birth, phone, language,
        follow_up, sharing)
      VALUES (:caseId, :m.seq, :m.registrationId, :m.fullName, :m.sex, :m.dateOfBirth, :m.phone, :m.language,
        :m.followUp, :m.sharing)""")
  void insertMembers(@Bind("caseId") UUID caseId, @BindMethods("m") List<Member> members);

  @SqlQuery("SELECT * FROM reintegration_case WHERE id = :id")
  Optional<CaseRow> findCase(@Bind("id") UUID id);

  @SqlQuery("SELECT * FROM reintegration_case WHERE id = :id FOR UPDATE")
  Optional<CaseRow> lockCase(@Bind("id") UUID id);

  @SqlQuery("SELECT * FROM reintegration_case WHERE request_id = :request")
  Optional<CaseRow> caseOfRequest(@Bind("request") UUID requestId);

  @SqlQuery("SELECT * FROM reintegration_member WHERE case_id = :id ORDER BY seq")
  List<Member> members(@Bind("id") UUID caseId);

  @SqlUpdate("""
      UPDATE reintegration_case SET caseworker = :caseworker, region = :region, version = version + 1,
        updated_at = :at WHERE id = :id""")
  void assign(@Bind("id") UUID id, @Bind("region") String region, @Bind("caseworker") String caseworker,
      @Bind("at") Instant at);

  @SqlUpdate("""
      UPDATE reintegration_case SET state = :state, closed_at = :closedAt, closed_by = :by, outcome = :outcome,
        version = version + 1, updated_at = :at WHERE id = :id""")
  void setState(@Bind("id") UUID id, @Bind("state") ReintegrationCase.State state, @Bind("closedAt") Instant closedAt,
      @Bind("by") String by, @Bind("outcome") String outcome, @Bind("at") Instant at);

  @SqlUpdate("UPDATE reintegration_case SET version = version + 1, updated_at = :at WHERE id = :id")
  void touch(@Bind("id") UUID id, @Bind("at") Instant at);

  /**
   * A case worker's open cases, overdue first: by next due date (the earliest open check-in or unanswered referral
   * reminder), those with nothing due last; then by id. One index range (reintegration_case_worklist).
   */
  @SqlQuery("""
      SELECT c.id, c.region, c.caseworker, c.state, c.destination_city,
        (SELECT count(*) FROM reintegration_member m WHERE m.case_id = c.id) AS people,
        (SELECT count(*) FROM reintegration_need n WHERE n.case_id = c.id AND n.status = ANY(:open)) AS open_needs,
        c.arrived_at, c.next_due_at, c.version
      FROM reintegration_case c
      WHERE c.caseworker = :caseworker AND c.state = 'OPEN'
      ORDER BY c.next_due_at NULLS LAST, c.id
      LIMIT :limit OFFSET :offset""")
  List<SummaryRow> worklist(@Bind("caseworker") String caseworker, @Bind("open") String[] openNeedStatuses,
      @Bind("limit") int limit, @Bind("offset") int offset);

  /** Cases of a region (every region when null), in a state (any when null), newest arrival first. */
  @SqlQuery("""
      SELECT c.id, c.region, c.caseworker, c.state, c.destination_city,
        (SELECT count(*) FROM reintegration_member m WHERE m.case_id = c.id) AS people,
        (SELECT count(*) FROM reintegration_need n WHERE n.case_id = c.id AND n.status = ANY(:open)) AS open_needs,
        c.arrived_at, c.next_due_at, c.version
      FROM reintegration_case c
      WHERE (CAST(:region AS TEXT) IS NULL OR c.region = :region) AND (CAST(:state AS TEXT) IS NULL OR c.state = :state)
        AND (NOT :unresolved OR c.region IS NULL)
      ORDER BY c.arrived_at DESC, c.id
      LIMIT :limit OFFSET :offset""")
  List<SummaryRow> ofRegion(@Bind("region") String region, @Bind("state") String state,
      @Bind("unresolved") boolean unresolvedOnly, @Bind("open") String[] openNeedStatuses, @Bind("limit") int limit,
      @Bind("offset") int offset);

  // --- needs

  @SqlUpdate("""
      INSERT INTO reintegration_need (id, case_id, member_seq, dimension, kind, status, notes_sealed, identified_at,
        status_at)
      VALUES (:id, :caseId, :memberSeq, :dimension, :kind, :status, CAST(:notesSealed AS bytea), :identifiedAt,
        :statusAt)""")
  void insertNeed(@BindMethods NeedRow need);

  @SqlQuery("SELECT * FROM reintegration_need WHERE case_id = :id ORDER BY identified_at, id")
  List<NeedRow> needs(@Bind("id") UUID caseId);

  @SqlQuery("SELECT * FROM reintegration_need WHERE id = :id AND case_id = :case FOR UPDATE")
  Optional<NeedRow> lockNeed(@Bind("case") UUID caseId, @Bind("id") UUID needId);

  @SqlUpdate("""
      UPDATE reintegration_need SET status = :status, notes_sealed = COALESCE(CAST(:notesSealed AS bytea), notes_sealed),
        status_at = :at,
        met_at = CASE WHEN :status = 'MET' THEN CAST(:at AS TIMESTAMPTZ) END, version = version + 1
      WHERE id = :id""")
  void setNeedStatus(@Bind("id") UUID id, @Bind("status") String status, @Bind("notesSealed") byte[] notesSealed,
      @Bind("at") Instant at);

  @SqlUpdate("""
      INSERT INTO reintegration_need_history (need_id, at, by, status, note_sealed)
      VALUES (:need, :at, :by, :status, CAST(:noteSealed AS bytea))""")
  void history(@Bind("need") UUID needId, @Bind("at") Instant at, @Bind("by") String by,
      @Bind("status") String status, @Bind("noteSealed") byte[] noteSealed);

  @SqlQuery("""
      SELECT h.need_id, h.at, h.by, h.status, h.note_sealed FROM reintegration_need_history h
      JOIN reintegration_need n ON n.id = h.need_id WHERE n.case_id = :id ORDER BY h.id""")
  List<HistoryRow> histories(@Bind("id") UUID caseId);

  /** The needs' sealed notes after {@code after} in id order (a key rotation's pages). */
  @SqlQuery("""
      SELECT id, notes_sealed AS sealed FROM reintegration_need
      WHERE id > :after AND notes_sealed IS NOT NULL ORDER BY id LIMIT :limit""")
  @RegisterConstructorMapper(crisis.core.privacy.SealedValues.Cell.class)
  List<crisis.core.privacy.SealedValues.Cell> sealedNeedNotes(@Bind("after") UUID after, @Bind("limit") int limit);

  @SqlUpdate("UPDATE reintegration_need SET notes_sealed = :sealed WHERE id = :id AND notes_sealed = :was")
  int resealNeedNotes(@Bind("id") UUID id, @Bind("sealed") byte[] sealed, @Bind("was") byte[] was);

  /** The data key versions of the needs' sealed notes. */
  @SqlQuery("""
      SELECT DISTINCT get_byte(notes_sealed, 1) << 24 | get_byte(notes_sealed, 2) << 16
        | get_byte(notes_sealed, 3) << 8 | get_byte(notes_sealed, 4) AS v FROM reintegration_need
      WHERE notes_sealed IS NOT NULL ORDER BY v""")
  List<Integer> needNotesKeyVersions();

  /** The check-ins' sealed notes after {@code after} in id order (a key rotation's pages). */
  @SqlQuery("""
      SELECT id, notes_sealed AS sealed FROM reintegration_checkin
      WHERE id > :after AND notes_sealed IS NOT NULL ORDER BY id LIMIT :limit""")
  @RegisterConstructorMapper(crisis.core.privacy.SealedValues.Cell.class)
  List<crisis.core.privacy.SealedValues.Cell> sealedCheckInNotes(@Bind("after") UUID after, @Bind("limit") int limit);

  @SqlUpdate("UPDATE reintegration_checkin SET notes_sealed = :sealed WHERE id = :id AND notes_sealed = :was")
  int resealCheckInNotes(@Bind("id") UUID id, @Bind("sealed") byte[] sealed, @Bind("was") byte[] was);

  /** The data key versions of the check-ins' sealed notes. */
  @SqlQuery("""
      SELECT DISTINCT get_byte(notes_sealed, 1) << 24 | get_byte(notes_sealed, 2) << 16
        | get_byte(notes_sealed, 3) << 8 | get_byte(notes_sealed, 4) AS v FROM reintegration_checkin
      WHERE notes_sealed IS NOT NULL ORDER BY v""")
  List<Integer> checkInNotesKeyVersions();

  /** What the referrals asked, sealed, after {@code after} in id order (a key rotation's pages). */
  @SqlQuery("""
      SELECT id, asked_sealed AS sealed FROM reintegration_referral
      WHERE id > :after AND asked_sealed IS NOT NULL ORDER BY id LIMIT :limit""")
  @RegisterConstructorMapper(crisis.core.privacy.SealedValues.Cell.class)
  List<crisis.core.privacy.SealedValues.Cell> sealedReferralAsked(@Bind("after") UUID after, @Bind("limit") int limit);

  @SqlUpdate("UPDATE reintegration_referral SET asked_sealed = :sealed WHERE id = :id AND asked_sealed = :was")
  int resealReferralAsked(@Bind("id") UUID id, @Bind("sealed") byte[] sealed, @Bind("was") byte[] was);

  /** The data key versions of what the referrals asked. */
  @SqlQuery("""
      SELECT DISTINCT get_byte(asked_sealed, 1) << 24 | get_byte(asked_sealed, 2) << 16
        | get_byte(asked_sealed, 3) << 8 | get_byte(asked_sealed, 4) AS v FROM reintegration_referral
      WHERE asked_sealed IS NOT NULL ORDER BY v""")
  List<Integer> referralAskedKeyVersions();

  /** The referrals' sealed answers after {@code after} in id order (a key rotation's pages). */
  @SqlQuery("""
      SELECT id, answer_sealed AS sealed FROM reintegration_referral
      WHERE id > :after AND answer_sealed IS NOT NULL ORDER BY id LIMIT :limit""")
  @RegisterConstructorMapper(crisis.core.privacy.SealedValues.Cell.class)
  List<crisis.core.privacy.SealedValues.Cell> sealedReferralAnswer(@Bind("after") UUID after, @Bind("limit") int limit);

  @SqlUpdate("UPDATE reintegration_referral SET answer_sealed = :sealed WHERE id = :id AND answer_sealed = :was")
  int resealReferralAnswer(@Bind("id") UUID id, @Bind("sealed") byte[] sealed, @Bind("was") byte[] was);

  /** The data key versions of the referrals' sealed answers. */
  @SqlQuery("""
      SELECT DISTINCT get_byte(answer_sealed, 1) << 24 | get_byte(answer_sealed, 2) << 16
        | get_byte(answer_sealed, 3) << 8 | get_byte(answer_sealed, 4) AS v FROM reintegration_referral
      WHERE answer_sealed IS NOT NULL ORDER BY v""")
  List<Integer> referralAnswerKeyVersions();

  /**
   * The sealed notes of the needs' histories, each bound to its need, for the needs after {@code after} in id order: every
   * note of a need on the same page, however many it has (a key rotation's pages).
   */
  @SqlQuery("""
      SELECT need_id AS id, note_sealed AS sealed FROM reintegration_need_history
      WHERE note_sealed IS NOT NULL AND need_id IN (
        SELECT DISTINCT need_id FROM reintegration_need_history
        WHERE need_id > :after AND note_sealed IS NOT NULL ORDER BY need_id LIMIT :limit)
      ORDER BY need_id""")
  @RegisterConstructorMapper(crisis.core.privacy.SealedValues.Cell.class)
  List<crisis.core.privacy.SealedValues.Cell> sealedHistoryNotes(@Bind("after") UUID after, @Bind("limit") int limit);

  @SqlUpdate("UPDATE reintegration_need_history SET note_sealed = :sealed WHERE need_id = :id AND note_sealed = :was")
  int resealHistoryNote(@Bind("id") UUID needId, @Bind("sealed") byte[] sealed, @Bind("was") byte[] was);

  /** The data key versions of the needs' history notes. */
  @SqlQuery("""
      SELECT DISTINCT get_byte(note_sealed, 1) << 24 | get_byte(note_sealed, 2) << 16
        | get_byte(note_sealed, 3) << 8 | get_byte(note_sealed, 4) AS v FROM reintegration_need_history
      WHERE note_sealed IS NOT NULL ORDER BY v""")
  List<Integer> historyNotesKeyVersions();

  // --- partners and referrals

  @SqlUpdate("""
      INSERT INTO reintegration_partner (id, region, name, contact, kinds, created_at)
      VALUES (:id, :region, :name, :contact, :kinds, :at)""")
  void insertPartner(@Bind("id") UUID id, @Bind("region") String region, @Bind("name") String name,
      @Bind("contact") String contact, @Bind("kinds") String[] kinds, @Bind("at") Instant at);

  @SqlQuery("""
      SELECT id, region, name, contact, kinds FROM reintegration_partner
      WHERE CAST(:region AS TEXT) IS NULL OR region = :region ORDER BY region, name""")
  List<PartnerRow> partners(@Bind("region") String region);

  @SqlQuery("SELECT id, region, name, contact, kinds FROM reintegration_partner WHERE id = :id")
  Optional<PartnerRow> partner(@Bind("id") UUID id);

  @SqlUpdate("""
      INSERT INTO reintegration_referral (id, case_id, need_id, partner_id, asked_sealed, personal_data, sent_at, sent_by,
        remind_at)
      VALUES (:id, :case, :need, :partner, :askedSealed, :personal, :at, :by, :remindAt)""")
  void insertReferral(@Bind("id") UUID id, @Bind("case") UUID caseId, @Bind("need") UUID needId,
      @Bind("partner") UUID partnerId, @Bind("askedSealed") byte[] askedSealed, @Bind("personal") boolean personalData,
      @Bind("at") Instant at, @Bind("by") String by, @Bind("remindAt") Instant remindAt);

  @SqlQuery("""
      SELECT f.id, f.case_id, f.need_id, f.partner_id, p.name AS partner_name, f.asked_sealed, f.personal_data,
        f.sent_at, f.sent_by, f.remind_at, f.reminded_at, f.answer_sealed, f.answered_at
      FROM reintegration_referral f JOIN reintegration_partner p ON p.id = f.partner_id
      WHERE f.case_id = :id ORDER BY f.sent_at, f.id""")
  List<ReferralRow> referrals(@Bind("id") UUID caseId);

  @SqlUpdate("""
      UPDATE reintegration_referral SET answer_sealed = :answerSealed, answered_at = :at
      WHERE id = :id AND case_id = :case AND answered_at IS NULL""")
  int answerReferral(@Bind("case") UUID caseId, @Bind("id") UUID id, @Bind("answerSealed") byte[] answerSealed,
      @Bind("at") Instant at);

  /** Marks the referrals whose answer is late as reminded; returns them (case and id). */
  @SqlQuery("""
      UPDATE reintegration_referral SET reminded_at = :now
      WHERE id IN (SELECT id FROM reintegration_referral
                   WHERE answered_at IS NULL AND reminded_at IS NULL AND remind_at <= :now
                   ORDER BY remind_at, id LIMIT :limit FOR UPDATE SKIP LOCKED)
      RETURNING case_id""")
  List<UUID> remindDue(@Bind("now") Instant now, @Bind("limit") int limit);

  // --- check-ins

  @SqlBatch("""
      INSERT INTO reintegration_checkin (id, case_id, seq, label, due_at, state, phone, language)
      VALUES (:id, :caseId, :seq, :label, :dueAt, 'SCHEDULED', :phone, :language)""")
  void insertCheckIns(@BindMethods List<CheckInRow> rows);

  @SqlQuery("SELECT * FROM reintegration_checkin WHERE case_id = :id ORDER BY seq")
  List<CheckInRow> checkIns(@Bind("id") UUID caseId);

  /** A check-in fallen due, with its case, claimed for sending. */
  record DueCheckIn(UUID id, UUID caseId, String phone, String language, UUID crisisId) {}

  @SqlQuery("""
      SELECT k.id, k.case_id, k.phone, k.language, c.crisis_id FROM reintegration_checkin k
      JOIN reintegration_case c ON c.id = k.case_id
      WHERE k.state = 'SCHEDULED' AND k.due_at <= :now AND c.state = 'OPEN'
      ORDER BY k.due_at, k.id LIMIT :limit FOR UPDATE OF k SKIP LOCKED""")
  List<DueCheckIn> dueCheckIns(@Bind("now") Instant now, @Bind("limit") int limit);

  @SqlUpdate("""
      UPDATE reintegration_checkin SET state = 'SENT', sent_at = :at, need_id = :need, question = :question
      WHERE id = :id""")
  void markSent(@Bind("id") UUID id, @Bind("need") UUID needId, @Bind("question") String question,
      @Bind("at") Instant at);

  /** The open check-in whose question went to a phone last (the one a digit answers). */
  record OpenCheckIn(UUID id, UUID caseId, UUID needId, String language, Instant sentAt) {}

  @SqlQuery("""
      SELECT k.id, k.case_id, k.need_id, k.language, k.sent_at FROM reintegration_checkin k
      JOIN reintegration_case c ON c.id = k.case_id
      WHERE k.phone = :phone AND k.state = 'SENT' AND k.question IS NOT NULL AND c.state = 'OPEN'
      ORDER BY k.sent_at DESC, k.id LIMIT 1 FOR UPDATE OF k""")
  Optional<OpenCheckIn> openCheckInAt(@Bind("phone") String phone);

  @SqlUpdate("""
      UPDATE reintegration_checkin SET state = 'ANSWERED', answer = :answer, answered_at = :at WHERE id = :id""")
  void answerCheckIn(@Bind("id") UUID id, @Bind("answer") int answer, @Bind("at") Instant at);

  @SqlUpdate("""
      UPDATE reintegration_checkin SET state = 'DONE', done_at = :at, done_by = :by,
        notes_sealed = CAST(:notesSealed AS bytea)
      WHERE id = :id AND case_id = :case AND state IN ('SCHEDULED', 'SENT', 'ANSWERED')""")
  int completeCheckIn(@Bind("case") UUID caseId, @Bind("id") UUID id, @Bind("by") String by,
      @Bind("notesSealed") byte[] notesSealed, @Bind("at") Instant at);

  @SqlUpdate("UPDATE reintegration_checkin SET state = 'CANCELLED' WHERE case_id = :id AND state = 'SCHEDULED'")
  void cancelScheduled(@Bind("id") UUID caseId);

  /** Schedules again the case's cancelled check-ins still ahead of {@code now}; how many. */
  @SqlUpdate("""
      UPDATE reintegration_checkin SET state = 'SCHEDULED'
      WHERE case_id = :id AND state = 'CANCELLED' AND due_at > :now""")
  int restoreCancelled(@Bind("id") UUID caseId, @Bind("now") Instant now);

  // --- assessments

  @SqlUpdate("""
      INSERT INTO reintegration_assessment (id, case_id, kind, indicators, economic, social, psychosocial, composite,
        at, by)
      VALUES (:id, :caseId, :kind, CAST(:indicators AS JSONB), :economic, :social, :psychosocial, :composite, :at,
        :by)""")
  void insertAssessment(@BindMethods AssessmentRow row);

  @SqlQuery("""
      SELECT id, case_id, kind, indicators::text AS indicators, economic, social, psychosocial, composite, at, by
      FROM reintegration_assessment WHERE case_id = :id ORDER BY at, id""")
  List<AssessmentRow> assessments(@Bind("id") UUID caseId);

  /** How many open cases each of these case workers follows (those with none are left out). */
  @SqlQuery("""
      SELECT caseworker, count(*) AS open_cases FROM reintegration_case
      WHERE caseworker = ANY(:workers) AND state = 'OPEN' GROUP BY caseworker""")
  @RegisterConstructorMapper(Load.class)
  List<Load> openCaseLoads(@Bind("workers") String[] caseworkers);

  record Load(String caseworker, int openCases) {}

  /** The current state of reintegration cases, as the {@code reintegration-cases} topic carries it. */
  @SqlQuery("""
      SELECT c.id, c.version, c.request_id, c.region, c.state,
        COALESCE((SELECT jsonb_object_agg(s.status, s.n) FROM (SELECT status, count(*) AS n FROM reintegration_need
                  WHERE case_id = c.id GROUP BY status) s), '{}')::text AS needs,
        (SELECT count(*) FROM reintegration_checkin k WHERE k.case_id = c.id AND k.state = 'ANSWERED') AS answered,
        (SELECT count(*) FROM reintegration_checkin k WHERE k.case_id = c.id AND k.state IN ('SCHEDULED', 'SENT'))
          AS open_check_ins,
        (SELECT a.composite FROM reintegration_assessment a WHERE a.case_id = c.id ORDER BY a.at DESC, a.id DESC
         LIMIT 1) AS composite,
        c.updated_at
      FROM reintegration_case c WHERE c.id = ANY(:ids)""")
  @RegisterRowMapper(ReintegrationMapper.class)
  List<ReintegrationEvent> events(@Bind("ids") UUID[] ids);

  class ReintegrationMapper implements RowMapper<ReintegrationEvent> {
    @Override
    public ReintegrationEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
      java.util.Map<String, Integer> needs = crisis.core.common.Json.read(rs.getString("needs"),
          new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Integer>>() {});
      return new ReintegrationEvent(rs.getObject("id", UUID.class), rs.getInt("version"),
          rs.getObject("request_id", UUID.class), rs.getString("region"),
          ReintegrationCase.State.valueOf(rs.getString("state")),
          new java.util.TreeMap<>(needs), rs.getInt("answered"), rs.getInt("open_check_ins"),
          (Double) rs.getObject("composite"), rs.getTimestamp("updated_at").toInstant());
    }
  }
}
