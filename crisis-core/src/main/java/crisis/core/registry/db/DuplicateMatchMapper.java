package crisis.core.registry.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

public class DuplicateMatchMapper implements RowMapper<DuplicateMatch> {
  @Override
  public DuplicateMatch map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new DuplicateMatch(rs.getObject("id", UUID.class), rs.getString("rule"));
  }
}
