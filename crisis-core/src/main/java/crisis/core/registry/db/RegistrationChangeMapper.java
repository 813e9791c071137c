package crisis.core.registry.db;

import crisis.core.registry.RegistrationChange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

public class RegistrationChangeMapper implements RowMapper<RegistrationChange> {
  @Override
  public RegistrationChange map(ResultSet rs, StatementContext ctx) throws SQLException {
    UUID id = rs.getObject("registration_id", UUID.class);
    String previous = SealedPrevious.open(crisis.core.privacy.FieldCipher.of(ctx.getConfig()), id,
        rs.getString("previous"));
    return new RegistrationChange(id, rs.getInt("version"),
        rs.getString("kind"), List.of((String[]) rs.getArray("changed_fields").getArray()),
        previous, rs.getObject("other_id", UUID.class), rs.getString("via"),
        rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant());
  }
}
