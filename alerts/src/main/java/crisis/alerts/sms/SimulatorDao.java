package crisis.alerts.sms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The simulator's phones: {@code sms_simulated}, newest last by {@code seq}. Each call its own transaction. */
@RegisterRowMapper(SimulatorDao.ItemMapper.class)
public interface SimulatorDao {
  String COLUMNS = "sid, kind, phone, sender, body, language, at";

  @SqlUpdate("INSERT INTO sms_simulated (" + COLUMNS + ") VALUES (:sid, :kind, :to, :from, :body, :language, :at)")
  void add(@BindMethods SimulatorGateway.Item item);

  /** Keeps the newest {@code keep}: a cheap delete by the order of arrival. */
  @SqlUpdate("DELETE FROM sms_simulated WHERE seq <= (SELECT max(seq) FROM sms_simulated) - :keep")
  int keepNewest(@Bind("keep") int keep);

  /** What simulated phones of a purged person received (the retention purge). */
  @SqlUpdate("DELETE FROM sms_simulated WHERE phone = ANY(:phones)")
  int forget(@Bind("phones") String[] phones);

  /** What a simulated phone received, for its owner's copy. */
  @SqlQuery("SELECT kind, phone, sender, body, language, at FROM sms_simulated WHERE phone = :phone ORDER BY seq")
  @RegisterRowMapper(org.jdbi.v3.core.mapper.MapMapper.class)
  List<java.util.Map<String, Object>> receivedBy(@Bind("phone") String phone);

  /** What simulated phones received before {@code before}: the SMS texts' period applies to them too. */
  @SqlUpdate("DELETE FROM sms_simulated WHERE at < :before")
  int expire(@Bind("before") Instant before);

  @SqlQuery("SELECT " + COLUMNS + " FROM sms_simulated ORDER BY seq DESC LIMIT :n")
  List<SimulatorGateway.Item> newest(@Bind("n") int limit);

  @SqlQuery("SELECT " + COLUMNS + " FROM sms_simulated WHERE phone = :to ORDER BY seq DESC LIMIT :n")
  List<SimulatorGateway.Item> newestTo(@Bind("to") String to, @Bind("n") int limit);

  /** SMS with {@code body} (calls when it is null) to {@code to} since {@code since}, newest first. */
  @SqlQuery("SELECT " + COLUMNS + " FROM sms_simulated WHERE phone = :to AND at >= :since"
      + " AND CASE WHEN CAST(:body AS TEXT) IS NULL THEN kind = 'CALL' ELSE kind = 'SMS' AND body = :body END"
      + " ORDER BY seq DESC")
  List<SimulatorGateway.Item> sentTo(@Bind("to") String to, @Bind("body") String body, @Bind("since") Instant since);

  class ItemMapper implements RowMapper<SimulatorGateway.Item> {
    @Override
    public SimulatorGateway.Item map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new SimulatorGateway.Item(rs.getString("sid"), rs.getString("kind"), rs.getString("phone"),
          rs.getString("sender"), rs.getString("body"), rs.getString("language"),
          rs.getTimestamp("at").toInstant());
    }
  }
}
