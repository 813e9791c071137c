package crisis.core.registry.db;

import crisis.core.registry.RegistrationStatus;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The import's staging table ({@code import_stage}, a temporary table filled by COPY in {@code StageCopy}: COPY is
 * not something SqlObject can say) matched against the registry, one batch at a time.
 */
public interface ImportStageDao {
  /**
   * A staged row and what the registry holds for it: the registration its external id names (status, country,
   * whether the content is the same), else an active confirmed registration it would duplicate and the rule that matched.
   */
  record Classified(long line, UUID existingId, RegistrationStatus existingStatus, String existingCountry, Boolean same,
      UUID dupId, String dupRule, String dupCountry) {}

  /**
   * Creates the staging table in the session, once per import connection; its rows go at each commit. Its columns
   * are those {@code StageCopy} copies, in that order.
   */
  @SqlUpdate("""
      CREATE TEMP TABLE IF NOT EXISTS import_stage (
        line BIGINT NOT NULL, consulate_id TEXT NOT NULL, external_id TEXT, national_id_index BYTEA, passport_index BYTEA,
        phone TEXT NOT NULL, date_of_birth DATE NOT NULL, family_name_latin TEXT NOT NULL,
        given_name_latin TEXT NOT NULL, content_hash TEXT NOT NULL
      ) ON COMMIT DELETE ROWS
      """)
  void createStage();

  /**
   * Room for a batch's transition table (the outbox trigger sees every row a COPY inserts), which would otherwise
   * spill to a temporary file at the default 4 MB.
   */
  @SqlUpdate("SET LOCAL work_mem = '64MB'")
  void roomForBatch();

  @SqlQuery("""
      SELECT s.line, e.id AS existing_id, e.status AS existing_status, e.country_of_residence AS existing_country,
             e.content_hash = s.content_hash AS same, d.id AS dup_id, d.rule AS dup_rule,
             d.country_of_residence AS dup_country
      FROM import_stage s
      LEFT JOIN LATERAL (
        -- LATERAL with LIMIT keeps this an index probe per row: a plain join lets the planner, which knows nothing
        -- of the stage's size, sort the whole registry for each batch.
        SELECT r.id, r.status, r.country_of_residence, r.content_hash FROM registration r
          WHERE r.consulate_id = s.consulate_id AND r.external_id = s.external_id LIMIT 1) e ON true
      LEFT JOIN LATERAL (
        SELECT r.id, 'nationalId' AS rule, r.country_of_residence FROM registration r
          WHERE r.status = 'ACTIVE' AND r.confirmation = 'CONFIRMED' AND r.national_id_index = s.national_id_index
            AND r.id IS DISTINCT FROM e.id
        UNION ALL
        SELECT r.id, 'passportNumber', r.country_of_residence FROM registration r
          WHERE r.status = 'ACTIVE' AND r.confirmation = 'CONFIRMED' AND r.passport_index = s.passport_index
            AND r.id IS DISTINCT FROM e.id
        UNION ALL
        SELECT r.id, 'phone+name+dateOfBirth', r.country_of_residence FROM registration r
          WHERE r.status = 'ACTIVE' AND r.confirmation = 'CONFIRMED' AND r.phone = s.phone
            AND r.date_of_birth = s.date_of_birth
            AND lower(r.family_name_latin) = lower(s.family_name_latin)
            AND lower(r.given_name_latin) = lower(s.given_name_latin) AND r.id IS DISTINCT FROM e.id
        LIMIT 1) d ON true
      """)
  @RegisterConstructorMapper(Classified.class)
  List<Classified> classify();
}
