package crisis.core.crisis.db;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import crisis.core.common.Json;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisChange;
import crisis.core.crisis.CrisisMessage;
import crisis.core.crisis.CrisisStatus;
import crisis.core.crisis.CrisisTally;
import crisis.core.crisis.PipelineProblem;
import crisis.core.crisis.CrisisType;
import crisis.core.crisis.CrisisZone;
import crisis.core.crisis.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Row mappers of {@link CrisisDao}: JSONB columns read with the system's {@link Json} mapper. */
public final class CrisisMappers {
  private static final TypeReference<List<CrisisZone>> ZONES = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {};

  private CrisisMappers() {}

  /** A message with the crisis it belongs to. */
  public record StoredMessage(UUID crisisId, CrisisMessage message) {}

  /** A crisis row, without its messages (they are read apart). */
  public static final class CrisisRow implements RowMapper<Crisis> {
    @Override
    public Crisis map(ResultSet rs, StatementContext ctx) throws SQLException {
      return Crisis.builder()
          .id(rs.getObject("id", UUID.class))
          .title(rs.getString("title"))
          .type(CrisisType.valueOf(rs.getString("type")))
          .severity(Severity.valueOf(rs.getString("severity")))
          .status(CrisisStatus.valueOf(rs.getString("status")))
          .zones(Json.read(rs.getString("zones"), ZONES))
          .fallback(Arrays.asList((String[]) rs.getArray("fallback").getArray()))
          .version(rs.getInt("version"))
          .created(instant(rs, "created_at"), rs.getString("created_by"))
          .activated(instant(rs, "activated_at"), rs.getString("activated_by"))
          .closed(instant(rs, "closed_at"), rs.getString("closed_by"))
          .updatedAt(instant(rs, "updated_at"))
          .build();
    }
  }

  public static final class MessageRow implements RowMapper<StoredMessage> {
    @Override
    public StoredMessage map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new StoredMessage(rs.getObject("crisis_id", UUID.class), new CrisisMessage(rs.getObject("id", UUID.class),
          rs.getInt("seq"), Json.read(rs.getString("texts"), TEXTS), instant(rs, "created_at"),
          rs.getString("created_by")));
    }
  }

  public static final class Change implements RowMapper<CrisisChange> {
    @Override
    public CrisisChange map(ResultSet rs, StatementContext ctx) throws SQLException {
      String detail = rs.getString("detail");
      return new CrisisChange(rs.getInt("version"), rs.getString("action"),
          detail == null ? null : Json.read(detail, JsonNode.class), instant(rs, "changed_at"),
          rs.getString("changed_by"));
    }
  }

  /** A stored tally; its status is filled in from the crisis by {@link CrisisDao#tally}. */
  public static final class Tally implements RowMapper<CrisisTally> {
    @Override
    public CrisisTally map(ResultSet rs, StatementContext ctx) throws SQLException {
      String problem = rs.getString("problem");
      return new CrisisTally(rs.getObject("crisis_id", UUID.class), null, rs.getLong("affected"),
          rs.getLong("alerted"), Json.read(rs.getString("by_message"), COUNTS), rs.getLong("revision"),
          instant(rs, "updated_at"), problem == null ? null
              : new PipelineProblem(problem, rs.getInt("problem_version"), instant(rs, "problem_at")));
    }
  }

  /** An active crisis the alert pipeline cannot process, and why. */
  public record Stuck(UUID crisisId, String problem) {}

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
