package crisis.core.repatriation.remains;

import org.jdbi.v3.core.mapper.MapMapper;
import java.util.Map;
import com.fasterxml.jackson.core.type.TypeReference;
import crisis.core.common.Json;
import crisis.core.repatriation.remains.RemainsCase.Cost;
import crisis.core.repatriation.remains.RemainsCase.Document;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Remains cases, their documents, costs and history; a case is read with {@link #documents} and {@link #costs}. */
@RegisterRowMapper(RemainsDao.CaseMapper.class)
@RegisterRowMapper(RemainsDao.DocumentMapper.class)
@RegisterRowMapper(RemainsDao.CostMapper.class)
public interface RemainsDao {
  /** Those of {@code ids} (registrations) a case names: the retention purge holds them. */
  @SqlQuery("SELECT DISTINCT registration_id FROM remains_case WHERE registration_id = ANY(:ids)")
  UUID[] registrationsNamed(@Bind("ids") UUID[] ids);

  @SqlUpdate("""
      INSERT INTO remains_case (id, crisis_id, registration_id, consulate_id, country, deceased_name, date_of_birth,
        date_of_death, place_of_death, document_sealed, family_name, family_phone, family_relation, destination_city,
        status, created_at, created_by, updated_at, updated_by)
      VALUES (:c.id, :c.crisisId, :c.registrationId, :c.consulateId, :c.country, :c.deceasedName, :c.dateOfBirth,
        :c.dateOfDeath, :c.placeOfDeath, :documentSealed, :family, :phone, :relation, :c.destinationCity, 'OPENED',
        :c.createdAt, :c.createdBy, :c.createdAt, :c.createdBy)""")
  void insert(@BindMethods("c") RemainsCase c, @Bind("documentSealed") byte[] documentSealed,
      @Bind("family") String family, @Bind("phone") String phone, @Bind("relation") String relation);

  /** The cases' sealed document numbers after {@code after} in id order (a key rotation's pages). */
  @SqlQuery("""
      SELECT id, document_sealed AS sealed FROM remains_case
      WHERE id > :after AND document_sealed IS NOT NULL ORDER BY id LIMIT :limit""")
  @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(crisis.core.privacy.SealedValues.Cell.class)
  List<crisis.core.privacy.SealedValues.Cell> sealedDocuments(@Bind("after") UUID after, @Bind("limit") int limit);

  @SqlUpdate("UPDATE remains_case SET document_sealed = :sealed WHERE id = :id AND document_sealed = :was")
  int resealDocument(@Bind("id") UUID id, @Bind("sealed") byte[] sealed, @Bind("was") byte[] was);

  /** The data key versions of the cases' sealed document numbers. */
  @SqlQuery("""
      SELECT DISTINCT get_byte(document_sealed, 1) << 24 | get_byte(document_sealed, 2) << 16
        | get_byte(document_sealed, 3) << 8 | get_byte(document_sealed, 4) AS v FROM remains_case
      WHERE document_sealed IS NOT NULL ORDER BY v""")
  List<Integer> documentKeyVersions();

  @SqlUpdate("INSERT INTO remains_document (case_id, kind, state, updated_at) VALUES (:id, :kind, 'MISSING', :at)")
  void insertDocument(@Bind("id") UUID caseId, @Bind("kind") String kind, @Bind("at") Instant at);

  /** The first entry of a case's history: opened, version 1. */
  @SqlUpdate("""
      INSERT INTO remains_change (case_id, version, action, changed_at, changed_by)
      VALUES (:id, 1, 'OPENED', :at, :by)""")
  void opened(@Bind("id") UUID caseId, @Bind("at") Instant at, @Bind("by") String by);

  @SqlQuery("SELECT * FROM remains_case WHERE id = :id")
  Optional<RemainsCase> find(@Bind("id") UUID id);

  /** The registrations, among {@code ids}, of nationals whose remains have a case (nobody is evacuated then). */
  @SqlQuery("SELECT DISTINCT registration_id FROM remains_case WHERE registration_id = ANY(:ids)")
  List<UUID> withCase(@Bind("ids") UUID[] registrationIds);

  @SqlQuery("SELECT * FROM remains_case WHERE id = :id FOR UPDATE")
  Optional<RemainsCase> lock(@Bind("id") UUID id);

  /** Cases of one consulate (null: all), in one status (null: all), newest first. */
  @SqlQuery("""
      SELECT * FROM remains_case WHERE (CAST(:consulate AS text) IS NULL OR consulate_id = :consulate)
        AND (CAST(:status AS text) IS NULL OR status = :status) ORDER BY created_at DESC, id LIMIT 500""")
  List<RemainsCase> list(@Bind("consulate") String consulateId, @Bind("status") String status);

  @SqlQuery("SELECT * FROM remains_document WHERE case_id = :id ORDER BY kind")
  List<Document> documents(@Bind("id") UUID caseId);

  @SqlQuery("SELECT * FROM remains_cost WHERE case_id = :id ORDER BY added_at, id")
  List<Cost> costs(@Bind("id") UUID caseId);

  @SqlUpdate("""
      UPDATE remains_document SET state = :state, reference = :reference, updated_at = :at
      WHERE case_id = :id AND kind = :kind""")
  void setDocument(@Bind("id") UUID caseId, @Bind("kind") String kind, @Bind("state") String state,
      @Bind("reference") String reference, @Bind("at") Instant at);

  @SqlUpdate("""
      INSERT INTO remains_cost (id, case_id, item, amount, currency, borne_by, added_at, added_by)
      VALUES (:c.id, :case, :c.item, :c.amount, :c.currency, :borneBy, :c.addedAt, :c.addedBy)""")
  void insertCost(@Bind("case") UUID caseId, @BindMethods("c") Cost cost, @Bind("borneBy") String borneBy);

  @SqlUpdate("UPDATE remains_case SET transport = CAST(:transport AS jsonb) WHERE id = :id")
  void setTransport(@Bind("id") UUID caseId, @Bind("transport") String transportJson);

  @SqlUpdate("UPDATE remains_case SET status = :status WHERE id = :id")
  void setStatus(@Bind("id") UUID caseId, @Bind("status") String status);

  /** Bumps the version and records the change in the history, in the caller's transaction. */
  @SqlUpdate("""
      WITH bumped AS (
        UPDATE remains_case SET version = version + 1, updated_at = :at, updated_by = :by WHERE id = :id
        RETURNING version)
      INSERT INTO remains_change (case_id, version, action, detail, changed_at, changed_by)
      SELECT :id, version, :action, :detail, :at, :by FROM bumped""")
  void changed(@Bind("id") UUID caseId, @Bind("action") String action, @Bind("detail") String detail,
      @Bind("at") Instant at, @Bind("by") String by);

  class CaseMapper implements RowMapper<RemainsCase> {
    @Override
    public RemainsCase map(ResultSet rs, StatementContext ctx) throws SQLException {
      String transport = rs.getString("transport");
      java.sql.Date dob = rs.getDate("date_of_birth");
      UUID id = rs.getObject("id", UUID.class);
      String document = crisis.core.privacy.FieldCipher.of(ctx.getConfig()).open(
          crisis.core.privacy.FieldCipher.Field.DOCUMENT_NUMBER, id, rs.getBytes("document_sealed"));
      return new RemainsCase(id, rs.getObject("crisis_id", UUID.class),
          rs.getObject("registration_id", UUID.class), rs.getString("consulate_id"), rs.getString("country"),
          rs.getString("deceased_name"), dob == null ? null : dob.toLocalDate(), rs.getDate("date_of_death")
          .toLocalDate(), rs.getString("place_of_death"), document,
          new RemainsCase.Family(rs.getString("family_name"), rs.getString("family_phone"),
              rs.getString("family_relation")), rs.getString("destination_city"),
          transport == null ? null : Json.read(transport, new TypeReference<RemainsCase.Transport>() { }),
          RemainsCase.Status.valueOf(rs.getString("status")), List.of(), List.of(), rs.getInt("version"),
          rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
          rs.getTimestamp("updated_at").toInstant());
    }
  }

  class DocumentMapper implements RowMapper<Document> {
    @Override
    public Document map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Document(RemainsCase.DocumentKind.valueOf(rs.getString("kind")),
          RemainsCase.DocumentState.valueOf(rs.getString("state")), rs.getString("reference"),
          rs.getTimestamp("updated_at").toInstant());
    }
  }

  class CostMapper implements RowMapper<Cost> {
    @Override
    public Cost map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Cost(rs.getObject("id", UUID.class), rs.getString("item"), rs.getBigDecimal("amount"),
          rs.getString("currency"), RemainsCase.BorneBy.valueOf(rs.getString("borne_by")),
          rs.getTimestamp("added_at").toInstant(), rs.getString("added_by"));
    }
  }

  // A person's copy: the remains cases that name them (a deceased national's file, asked for by their family).

  @SqlQuery("SELECT * FROM remains_case WHERE registration_id = :id")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> casesNaming(@Bind("id") UUID id);

  @SqlQuery("SELECT * FROM remains_document WHERE case_id = ANY(:cases)")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> documentsOf(@Bind("cases") UUID[] cases);

  @SqlQuery("SELECT * FROM remains_cost WHERE case_id = ANY(:cases)")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> costsOf(@Bind("cases") UUID[] cases);

  @SqlQuery("SELECT * FROM remains_change WHERE case_id = ANY(:cases)")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> changesOf(@Bind("cases") UUID[] cases);

  // Cases handed over before their legal period's start: each goes whole.

  /** Locked against a change of the case meanwhile. */
  @SqlQuery("""
      SELECT id FROM remains_case WHERE status = 'HANDED_OVER' AND updated_at < :before ORDER BY id FOR UPDATE""")
  UUID[] handedOverBefore(@Bind("before") Instant before);

  @SqlQuery("SELECT DISTINCT registration_id FROM remains_case WHERE id = ANY(:cases) AND registration_id IS NOT NULL")
  UUID[] registrationsOf(@Bind("cases") UUID[] cases);

  @SqlQuery("""
      SELECT id FROM remains_case
      WHERE id = ANY(:cases) AND (registration_id IS NULL OR NOT registration_id = ANY(:kept)) ORDER BY id""")
  UUID[] namingNoneOf(@Bind("cases") UUID[] cases, @Bind("kept") UUID[] kept);

  @SqlUpdate("DELETE FROM remains_document WHERE case_id = ANY(:cases)")
  int deleteDocuments(@Bind("cases") UUID[] cases);

  @SqlUpdate("DELETE FROM remains_cost WHERE case_id = ANY(:cases)")
  int deleteCosts(@Bind("cases") UUID[] cases);

  @SqlUpdate("DELETE FROM remains_change WHERE case_id = ANY(:cases)")
  int deleteChanges(@Bind("cases") UUID[] cases);

  @SqlUpdate("DELETE FROM remains_case WHERE id = ANY(:cases)")
  int deleteCases(@Bind("cases") UUID[] cases);
}
