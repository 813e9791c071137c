package crisis.core.repatriation.db;

import crisis.core.registry.Sex;
import crisis.core.repatriation.EvacuationEvent;
import crisis.core.repatriation.EvacuationRequest;
import crisis.core.repatriation.EvacuationRequest.Assignment;
import crisis.core.repatriation.SpecialNeed;
import crisis.core.repatriation.TransportLeg;
import crisis.core.repatriation.Traveller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

/** Evacuation requests, their travellers, where the last plan put them, and the plans made. */
@RegisterRowMapper(EvacuationDao.RequestMapper.class)
@RegisterRowMapper(EvacuationDao.TravellerMapper.class)
public interface EvacuationDao {
  String REQUEST = """
      SELECT q.*, a.leg_id, a.place_id, a.boarding_code, a.assigned_at, a.notified_at
      FROM evacuation_request q LEFT JOIN evacuation_assignment a ON a.request_id = q.id
      """;

  /**
   * Whether the traveller row {@code t} is one of request {@code q}'s travellers: still travelling, or for a cancelled
   * request one it had when it was cancelled.
   */
  String TRAVELS = "(t.removed_at IS NULL OR (q.state = 'CANCELLED' AND t.removed_at = q.cancelled_at))";

  /** One planning, gate change or request change at a time per crisis (seats are never given twice). */
  @SqlQuery("SELECT pg_advisory_xact_lock(hashtextextended('evacuation:' || CAST(:crisis AS text), 0)) IS NULL")
  boolean lockCrisis(@Bind("crisis") UUID crisisId);

  /** New requests, in one batch; an element is 0 where the household already had one. */
  @SqlBatch("""
      INSERT INTO evacuation_request (id, crisis_id, registration_id, consulate_id, country, source, state, phone,
        language, latitude, longitude, notes_sealed, requested_at, requested_by, updated_at)
      VALUES (:id, :crisisId, :registrationId, :consulateId, :country, :source, 'OPEN', :phone,
        :language, :latitude, :longitude, CAST(:notesSealed AS bytea), :requestedAt, :requestedBy, :requestedAt)
      ON CONFLICT (crisis_id, registration_id) WHERE state IN ('OPEN', 'ASSIGNED', 'CHECKED_IN') DO NOTHING""")
  int[] insertAll(@BindMethods List<EvacuationRequest> requests, @Bind("notesSealed") List<byte[]> notesSealed,
      @Bind("source") String source);

  /** The requests' sealed notes after {@code after} in id order (a key rotation's pages). */
  @SqlQuery("""
      SELECT id, notes_sealed AS sealed FROM evacuation_request
      WHERE id > :after AND notes_sealed IS NOT NULL ORDER BY id LIMIT :limit""")
  @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(crisis.core.privacy.SealedValues.Cell.class)
  List<crisis.core.privacy.SealedValues.Cell> sealedNotes(@Bind("after") UUID after, @Bind("limit") int limit);

  @SqlUpdate("UPDATE evacuation_request SET notes_sealed = :sealed WHERE id = :id AND notes_sealed = :was")
  int resealNotes(@Bind("id") UUID id, @Bind("sealed") byte[] sealed, @Bind("was") byte[] was);

  /** The data key versions of the requests' sealed notes. */
  @SqlQuery("""
      SELECT DISTINCT get_byte(notes_sealed, 1) << 24 | get_byte(notes_sealed, 2) << 16
        | get_byte(notes_sealed, 3) << 8 | get_byte(notes_sealed, 4) AS v FROM evacuation_request
      WHERE notes_sealed IS NOT NULL ORDER BY v""")
  List<Integer> notesKeyVersions();

  /** The travellers' sealed document numbers after {@code after} in id order (a key rotation's pages). */
  @SqlQuery("""
      SELECT id, document_sealed AS sealed FROM evacuation_traveller
      WHERE id > :after AND document_sealed IS NOT NULL ORDER BY id LIMIT :limit""")
  @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(crisis.core.privacy.SealedValues.Cell.class)
  List<crisis.core.privacy.SealedValues.Cell> sealedDocuments(@Bind("after") UUID after, @Bind("limit") int limit);

  @SqlUpdate("UPDATE evacuation_traveller SET document_sealed = :sealed WHERE id = :id AND document_sealed = :was")
  int resealDocument(@Bind("id") UUID id, @Bind("sealed") byte[] sealed, @Bind("was") byte[] was);

  /** The data key versions of the travellers' sealed document numbers. */
  @SqlQuery("""
      SELECT DISTINCT get_byte(document_sealed, 1) << 24 | get_byte(document_sealed, 2) << 16
        | get_byte(document_sealed, 3) << 8 | get_byte(document_sealed, 4) AS v FROM evacuation_traveller
      WHERE document_sealed IS NOT NULL ORDER BY v""")
  List<Integer> documentKeyVersions();

  /** A traveller as stored. */
  record TravellerInsert(UUID id, UUID requestId, UUID crisisId, UUID registrationId, String fullName,
      String nameArabic, String sex, java.time.LocalDate dateOfBirth, String nationality, String documentType, byte[] documentSealed,
      String[] needs, String laissezPasser, Instant addedAt) {}

  @SqlBatch("""
      INSERT INTO evacuation_traveller (id, request_id, crisis_id, registration_id, full_name, name_arabic, sex,
        date_of_birth, nationality, document_type, document_sealed, needs, laissez_passer, added_at)
      VALUES (:id, :requestId, :crisisId, :registrationId, :fullName, :nameArabic, :sex, :dateOfBirth, :nationality,
        :documentType, :documentSealed, :needs, :laissezPasser, :addedAt)""")
  void insertTravellers(@BindMethods List<TravellerInsert> travellers);

  @SqlUpdate("UPDATE evacuation_traveller SET removed_at = :at WHERE id = :id AND request_id = :request "
      + "AND removed_at IS NULL")
  int removeTraveller(@Bind("request") UUID requestId, @Bind("id") UUID travellerId, @Bind("at") Instant at);

  @SqlUpdate("UPDATE evacuation_traveller SET laissez_passer = 'ISSUED', document_type = 'LAISSEZ_PASSER', "
      + "document_sealed = :number WHERE id = :id AND request_id = :request AND removed_at IS NULL")
  int issueLaissezPasser(@Bind("request") UUID requestId, @Bind("id") UUID travellerId,
      @Bind("number") byte[] sealedNumber);

  @SqlQuery(REQUEST + "WHERE q.id = :id")
  Optional<EvacuationRequest> find(@Bind("id") UUID id);

  @SqlQuery(REQUEST + "WHERE q.id = :id FOR UPDATE OF q")
  Optional<EvacuationRequest> lock(@Bind("id") UUID id);

  /** A crisis's requests, oldest first: of one consulate (null: all), in some states (empty: all). */
  @SqlQuery(REQUEST + """
      WHERE q.crisis_id = :crisis AND (CAST(:consulate AS text) IS NULL OR q.consulate_id = :consulate)
        AND (cardinality(CAST(:states AS text[])) = 0 OR q.state = ANY(:states))
      ORDER BY q.requested_at, q.id""")
  List<EvacuationRequest> ofCrisis(@Bind("crisis") UUID crisisId, @Bind("consulate") String consulateId,
      @Bind("states") String[] states);

  /**
   * The officer's evacuation queue, one page of it: the requests of some crises (the active ones), of one consulate
   * (null: all), in the queue's order. By state first, in the order {@code stateOrder} gives them (the caller passes
   * {@code EvacuationQueue.STATE_ORDER}: those waiting for a seat first); then the households with a special need
   * (a traveller with any need); then the newest; then by id, so that pages never overlap.
   */
  @SqlQuery(REQUEST + """
      WHERE q.crisis_id = ANY(:crises) AND (CAST(:consulate AS text) IS NULL OR q.consulate_id = :consulate)
      ORDER BY array_position(CAST(:states AS text[]), q.state),
      """ + "EXISTS (SELECT 1 FROM evacuation_traveller t WHERE t.request_id = q.id AND cardinality(t.needs) > 0 "
      + "AND " + TRAVELS + ") DESC, q.requested_at DESC, q.id LIMIT :limit OFFSET :offset")
  List<EvacuationRequest> queue(@Bind("crises") UUID[] crisisIds, @Bind("consulate") String consulateId,
      @Bind("states") String[] stateOrder, @Bind("limit") int limit, @Bind("offset") int offset);

  /** How many requests the queue holds: of some crises, of one consulate (null: all). */
  @SqlQuery("""
      SELECT count(*) FROM evacuation_request q
      WHERE q.crisis_id = ANY(:crises) AND (CAST(:consulate AS text) IS NULL OR q.consulate_id = :consulate)""")
  long queueSize(@Bind("crises") UUID[] crisisIds, @Bind("consulate") String consulateId);

  @SqlQuery(REQUEST + "WHERE a.crisis_id = :crisis AND a.boarding_code = :code")
  Optional<EvacuationRequest> byBoardingCode(@Bind("crisis") UUID crisisId, @Bind("code") String code);

  @SqlQuery(REQUEST + "WHERE a.leg_id = :leg ORDER BY q.requested_at, q.id")
  List<EvacuationRequest> onLeg(@Bind("leg") UUID legId);

  /**
   * The travellers of requests, in the order they were added: those still travelling, and for a cancelled request
   * those it had when it was cancelled.
   */
  @SqlQuery("SELECT t.* FROM evacuation_traveller t JOIN evacuation_request q ON q.id = t.request_id "
      + "WHERE t.request_id = ANY(:ids) AND " + TRAVELS + " ORDER BY t.request_id, t.seq")
  List<TravellerRow> travellers(@Bind("ids") UUID[] requestIds);

  /** Moves travellers to another request of the same crisis (those left at a gate, to a request of their own). */
  @SqlUpdate("UPDATE evacuation_traveller SET request_id = :to WHERE id = ANY(:ids) AND removed_at IS NULL")
  int moveTravellers(@Bind("ids") UUID[] travellerIds, @Bind("to") UUID requestId);

  /** Registrations, among {@code ids}, of households that withdrew their request of the crisis (STAY). */
  @SqlQuery("""
      SELECT DISTINCT t.registration_id FROM evacuation_traveller t JOIN evacuation_request q ON q.id = t.request_id
      WHERE q.crisis_id = :crisis AND q.withdrawn AND t.registration_id = ANY(:ids)
        AND t.removed_at = q.cancelled_at""")
  List<UUID> withdrawn(@Bind("crisis") UUID crisisId, @Bind("ids") UUID[] registrationIds);

  @SqlUpdate("UPDATE evacuation_request SET withdrawn = true WHERE id = :id")
  void markWithdrawn(@Bind("id") UUID id);

  /** The requests of a crisis in which some of these registrations travel, in some states. */
  @SqlQuery(REQUEST + """
      WHERE q.crisis_id = :crisis AND q.state = ANY(:states) AND q.id IN (
        SELECT request_id FROM evacuation_traveller
        WHERE crisis_id = :crisis AND registration_id = ANY(:ids) AND removed_at IS NULL)
      ORDER BY q.requested_at, q.id""")
  List<EvacuationRequest> withTravellersAmong(@Bind("crisis") UUID crisisId, @Bind("ids") UUID[] registrationIds,
      @Bind("states") String[] states);

  /** A traveller row and the request it belongs to. */
  record TravellerRow(UUID requestId, Traveller traveller) {}

  /** Registrations already travelling in a request of the crisis, among {@code ids}. */
  @SqlQuery("""
      SELECT registration_id FROM evacuation_traveller
      WHERE crisis_id = :crisis AND registration_id = ANY(:ids) AND removed_at IS NULL""")
  List<UUID> travelling(@Bind("crisis") UUID crisisId, @Bind("ids") UUID[] registrationIds);

  @SqlUpdate("""
      UPDATE evacuation_request SET state = :state, version = version + 1, updated_at = :at
      WHERE id = ANY(:ids) AND state <> :state""")
  int setState(@Bind("ids") UUID[] ids, @Bind("state") String state, @Bind("at") Instant at);

  @SqlUpdate("""
      UPDATE evacuation_request SET state = 'CANCELLED', version = version + 1, updated_at = :at, cancelled_at = :at,
        cancelled_by = :by, cancel_reason = :reason
      WHERE id = :id""")
  void cancel(@Bind("id") UUID id, @Bind("by") String by, @Bind("reason") String reason, @Bind("at") Instant at);

  @SqlUpdate("UPDATE evacuation_traveller SET removed_at = :at WHERE request_id = :request AND removed_at IS NULL")
  void removeTravellers(@Bind("request") UUID requestId, @Bind("at") Instant at);

  /** Cancels a request, in the caller's transaction: its seat and its travellers are freed. */
  default void cancelRequest(UUID id, String by, String reason, Instant at) {
    cancel(id, by, reason, at);
    unassign(id);
    removeTravellers(id, at);
  }

  /** The requests of a crisis anchored on some registrations, in some states. */
  @SqlQuery(REQUEST + """
      WHERE q.crisis_id = :crisis AND q.registration_id = ANY(:ids) AND q.state = ANY(:states)
      ORDER BY q.requested_at, q.id""")
  List<EvacuationRequest> ofRegistrations(@Bind("crisis") UUID crisisId, @Bind("ids") UUID[] registrationIds,
      @Bind("states") String[] states);

  @SqlUpdate("UPDATE evacuation_request SET version = version + 1, updated_at = :at WHERE id = :id")
  void touch(@Bind("id") UUID id, @Bind("at") Instant at);

  /** A household put on a leg by a plan. */
  record Seat(UUID requestId, UUID crisisId, UUID legId, UUID placeId, String code, UUID planId, Instant at) {}

  /** Puts households on legs; a household moved keeps its boarding code and must be told again. */
  @SqlBatch("""
      INSERT INTO evacuation_assignment (request_id, crisis_id, leg_id, place_id, boarding_code, plan_id, assigned_at)
      VALUES (:requestId, :crisisId, :legId, :placeId, :code, :planId, :at)
      ON CONFLICT (request_id) DO UPDATE SET leg_id = excluded.leg_id, place_id = excluded.place_id,
        plan_id = excluded.plan_id, assigned_at = excluded.assigned_at, notified_at = NULL""")
  void assign(@BindMethods List<Seat> seats);

  @SqlUpdate("DELETE FROM evacuation_assignment WHERE request_id = :request")
  int unassign(@Bind("request") UUID requestId);

  @SqlUpdate("UPDATE evacuation_assignment SET notified_at = :at WHERE request_id = ANY(:requests)")
  void notified(@Bind("requests") UUID[] requestIds, @Bind("at") Instant at);

  @SqlQuery("SELECT boarding_code FROM evacuation_assignment WHERE crisis_id = :crisis")
  List<String> codes(@Bind("crisis") UUID crisisId);

  @SqlUpdate("""
      INSERT INTO evacuation_plan (id, crisis_id, planned_at, planned_by, summary)
      VALUES (:id, :crisis, :at, :by, CAST(:summary AS jsonb))""")
  void insertPlan(@Bind("id") UUID id, @Bind("crisis") UUID crisisId, @Bind("at") Instant at, @Bind("by") String by,
      @Bind("summary") String summaryJson);

  /** Requests of a crisis by state, counts only. */
  @SqlQuery("SELECT state, count(*) FROM evacuation_request WHERE crisis_id = :crisis GROUP BY state")
  @RegisterRowMapper(StateCountMapper.class)
  List<StateCount> countByState(@Bind("crisis") UUID crisisId);

  record StateCount(String state, long n) {}

  class RequestMapper implements RowMapper<EvacuationRequest> {
    @Override
    public EvacuationRequest map(ResultSet rs, StatementContext ctx) throws SQLException {
      Assignment a = rs.getObject("leg_id") == null ? null : new Assignment(rs.getObject("leg_id", UUID.class),
          rs.getObject("place_id", UUID.class), rs.getString("boarding_code"), instant(rs, "assigned_at"),
          instant(rs, "notified_at"));
      return new EvacuationRequest(rs.getObject("id", UUID.class), rs.getObject("crisis_id", UUID.class),
          rs.getObject("registration_id", UUID.class), rs.getString("consulate_id"), rs.getString("country"),
          EvacuationRequest.Source.valueOf(rs.getString("source")),
          EvacuationRequest.State.valueOf(rs.getString("state")), rs.getString("phone"), rs.getString("language"),
          (Double) rs.getObject("latitude"), (Double) rs.getObject("longitude"),
          crisis.core.privacy.FieldCipher.of(ctx.getConfig()).open(crisis.core.privacy.FieldCipher.Field.EVACUATION_NOTES,
              rs.getObject("id", UUID.class), rs.getBytes("notes_sealed")),
          rs.getInt("version"), instant(rs, "requested_at"), rs.getString("requested_by"), instant(rs, "updated_at"),
          List.of(), a);
    }
  }

  class TravellerMapper implements RowMapper<TravellerRow> {
    @Override
    public TravellerRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      Set<SpecialNeed> needs = EnumSet.noneOf(SpecialNeed.class);
      Arrays.stream((String[]) rs.getArray("needs").getArray()).map(SpecialNeed::valueOf).forEach(needs::add);
      java.sql.Date dob = rs.getDate("date_of_birth");
      String sex = rs.getString("sex");
      UUID id = rs.getObject("id", UUID.class);
      String document = crisis.core.privacy.FieldCipher.of(ctx.getConfig()).open(
          crisis.core.privacy.FieldCipher.Field.DOCUMENT_NUMBER, id, rs.getBytes("document_sealed"));
      return new TravellerRow(rs.getObject("request_id", UUID.class), new Traveller(id,
          rs.getObject("registration_id", UUID.class), rs.getString("full_name"), rs.getString("name_arabic"),
          sex == null ? null : Sex.valueOf(sex), dob == null ? null : dob.toLocalDate(), rs.getString("nationality"),
          Traveller.DocumentType.valueOf(rs.getString("document_type")), document,
          needs, Traveller.LaissezPasser.valueOf(rs.getString("laissez_passer"))));
    }
  }

  class StateCountMapper implements RowMapper<StateCount> {
    @Override
    public StateCount map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new StateCount(rs.getString(1), rs.getLong(2));
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /** A request on its leg: where it arrives and when (the leg's ARRIVE operation, else the request's last change). */
  record Arrival(UUID id, UUID crisisId, String consulateId, EvacuationRequest.State state, String phone,
      String language, String destinationCity, Instant arrivedAt) {}

  /** A request with a seat, with its leg's destination and arrival; empty when it has none. */
  @SqlQuery("""
      SELECT q.id, q.crisis_id, q.consulate_id, q.state, q.phone, q.language, l.destination_city,
        COALESCE((SELECT max(g.done_at) FROM gate_operation g WHERE g.leg_id = l.id AND g.kind = 'ARRIVE'),
                 q.updated_at) AS arrived_at
      FROM evacuation_request q
      JOIN evacuation_assignment a ON a.request_id = q.id JOIN transport_leg l ON l.id = a.leg_id
      WHERE q.id = :id""")
  @RegisterConstructorMapper(Arrival.class)
  Optional<Arrival> arrival(@Bind("id") UUID requestId);

  /** A traveller still in a request, and whether they are its registrant. */
  record Aboard(UUID registrationId, String fullName, String sex, LocalDate dateOfBirth, boolean main) {}

  /** The travellers still in a request, in their order. */
  @SqlQuery("""
      SELECT t.registration_id, t.full_name, t.sex, t.date_of_birth,
        t.registration_id IS NOT DISTINCT FROM q.registration_id AS main
      FROM evacuation_traveller t JOIN evacuation_request q ON q.id = t.request_id
      WHERE t.request_id = :id AND t.removed_at IS NULL ORDER BY t.seq""")
  @RegisterConstructorMapper(Aboard.class)
  List<Aboard> aboard(@Bind("id") UUID requestId);

  /** The current state of evacuation requests, as the {@code evacuations} topic carries it. */
  @SqlQuery("""
      SELECT q.id, q.version, q.crisis_id, q.consulate_id, q.state, q.registration_id,
             ARRAY(SELECT t.registration_id FROM evacuation_traveller t WHERE t.request_id = q.id
                   AND t.removed_at IS NULL AND t.registration_id IS NOT NULL ORDER BY t.seq) AS registration_ids,
             (SELECT count(*) FROM evacuation_traveller t WHERE t.request_id = q.id AND t.removed_at IS NULL) AS people,
             a.leg_id, l.state AS leg_state, l.destination_city, q.updated_at
      FROM evacuation_request q
      LEFT JOIN evacuation_assignment a ON a.request_id = q.id LEFT JOIN transport_leg l ON l.id = a.leg_id
      WHERE q.id = ANY(:ids)""")
  @RegisterRowMapper(EvacuationMapper.class)
  List<EvacuationEvent> events(@Bind("ids") UUID[] ids);

  class EvacuationMapper implements RowMapper<EvacuationEvent> {
    @Override
    public EvacuationEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new EvacuationEvent(rs.getObject("id", UUID.class), rs.getInt("version"),
          rs.getObject("crisis_id", UUID.class), rs.getString("consulate_id"),
          EvacuationRequest.State.valueOf(rs.getString("state")),
          rs.getObject("registration_id", UUID.class),
          List.of((UUID[]) rs.getArray("registration_ids").getArray()), rs.getInt("people"),
          rs.getObject("leg_id", UUID.class),
          rs.getString("leg_state") == null ? null : TransportLeg.State.valueOf(rs.getString("leg_state")),
          rs.getString("destination_city"),
          rs.getTimestamp("updated_at").toInstant());
    }
  }
}
