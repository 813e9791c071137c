package crisis.core.citizen.db;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.MapMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Registrations by SMS under way ({@code sms_dialogue}, owner {@code crisis.core.citizen}): one per phone. */
public interface SmsDialogueDao {
  /** A dialogue as it stands: its language, the question asked last, and the answers so far (JSON). */
  record Dialogue(String phone, String language, crisis.core.citizen.SmsDeclarations.Step step, String answers,
      Instant updatedAt) {}

  /** A phone's open dialogue, locked; one left unanswered since {@code since} counts as none. */
  @RegisterConstructorMapper(Dialogue.class)
  @SqlQuery("""
      SELECT phone, language, step, answers::text AS answers, updated_at FROM sms_dialogue
      WHERE phone = :phone AND updated_at > :since FOR UPDATE""")
  Optional<Dialogue> lock(@Bind("phone") String phone, @Bind("since") Instant since);

  /** Starts (or starts again) a phone's dialogue at its first question. */
  @SqlUpdate("""
      INSERT INTO sms_dialogue (phone, language, step, answers, started_at, updated_at)
      VALUES (:phone, :language, :step, '{}', :now, :now)
      ON CONFLICT (phone) DO UPDATE SET language = excluded.language, step = excluded.step, answers = '{}',
        started_at = excluded.started_at, updated_at = excluded.updated_at""")
  void start(@Bind("phone") String phone, @Bind("language") String language,
      @Bind("step") crisis.core.citizen.SmsDeclarations.Step step,
      @Bind("now") Instant now);

  /** The next question, with the answers so far. */
  @SqlUpdate("""
      UPDATE sms_dialogue SET step = :step, answers = CAST(:answers AS jsonb), updated_at = :now WHERE phone = :phone""")
  void advance(@Bind("phone") String phone, @Bind("step") crisis.core.citizen.SmsDeclarations.Step step, @Bind("answers") String answersJson,
      @Bind("now") Instant now);

  @SqlUpdate("DELETE FROM sms_dialogue WHERE phone = :phone")
  void end(@Bind("phone") String phone);

  /** Deletes the dialogues left unanswered since before {@code before}. */
  @SqlUpdate("DELETE FROM sms_dialogue WHERE updated_at < :before")
  int expire(@Bind("before") Instant before);

  /** A phone's dialogue, for its owner's copy. */
  @SqlQuery("""
      SELECT language, step, answers::text AS answers, started_at, updated_at FROM sms_dialogue WHERE phone = :phone""")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> of(@Bind("phone") String phone);

  /** Deletes these phones' dialogues; the rows deleted for each. */
  @SqlBatch("DELETE FROM sms_dialogue WHERE phone = :phone")
  int[] forget(@Bind("phone") List<String> phones);
}
