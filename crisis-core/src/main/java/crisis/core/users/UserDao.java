package crisis.core.users;

import crisis.core.access.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(UserDao.Mapper.class)
public interface UserDao {

  @SqlUpdate("""
      INSERT INTO app_user (username, password_hash, role, consulate_id, region)
      VALUES (:username, :hash, :role, :consulate, :region)
      """)
  void insert(@Bind("username") String username, @Bind("hash") String hash, @Bind("role") String role,
      @Bind("consulate") String consulateId, @Bind("region") String region);

  /** Enabled case workers of a region, by name. */
  @SqlQuery("""
      SELECT username FROM app_user
      WHERE role = 'CASEWORKER' AND region = :region AND disabled_at IS NULL ORDER BY username""")
  List<String> caseworkers(@Bind("region") String region);

  @SqlQuery("SELECT * FROM app_user WHERE username = :username")
  Optional<User> find(@Bind("username") String username);

  @SqlQuery("SELECT password_hash FROM app_user WHERE username = :username AND disabled_at IS NULL")
  Optional<String> passwordHash(@Bind("username") String username);

  @SqlQuery("SELECT count(*) FROM app_user")
  long count();

  /** Whether the user exists and is enabled. */
  @SqlQuery("SELECT EXISTS (SELECT 1 FROM app_user WHERE username = :username AND disabled_at IS NULL)")
  boolean enabled(@Bind("username") String username);

  @SqlUpdate("UPDATE app_user SET disabled_at = now() WHERE username = :username AND disabled_at IS NULL")
  int disable(@Bind("username") String username);

  @SqlUpdate("UPDATE app_user SET password_hash = :hash WHERE username = :username")
  int setPasswordHash(@Bind("username") String username, @Bind("hash") String hash);

  class Mapper implements RowMapper<User> {
    @Override
    public User map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new User(rs.getLong("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
          rs.getString("consulate_id"), rs.getString("region"), rs.getTimestamp("created_at").toInstant(),
          rs.getTimestamp("disabled_at") != null);
    }
  }
}
