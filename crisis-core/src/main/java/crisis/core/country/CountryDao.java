package crisis.core.country;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(CountryDao.CountryMapper.class)
@RegisterRowMapper(CountryDao.ChangeMapper.class)
public interface CountryDao {

  @SqlQuery("SELECT count(*) FROM country")
  long count();

  @SqlQuery("SELECT * FROM country ORDER BY iso2")
  List<Country> list();

  @SqlQuery("SELECT * FROM country WHERE iso2 = :iso2")
  Optional<Country> find(@Bind("iso2") String iso2);

  @SqlQuery("SELECT * FROM country WHERE iso2 = :iso2 FOR UPDATE")
  Optional<Country> lock(@Bind("iso2") String iso2);

  @SqlUpdate("""
      UPDATE country SET risk_level = :level, risk_reason = :reason, risk_changed_at = :at, risk_changed_by = :by
      WHERE iso2 = :iso2
      """)
  void setRisk(@Bind("iso2") String iso2, @Bind("level") int level, @Bind("reason") String reason,
      @Bind("at") Instant at, @Bind("by") String by);

  @SqlUpdate("""
      INSERT INTO country_risk_change (iso2, previous_level, new_level, reason, changed_by, changed_at)
      VALUES (:iso2, :previous, :level, :reason, :by, :at)
      """)
  void recordChange(@Bind("iso2") String iso2, @Bind("previous") int previous, @Bind("level") int level,
      @Bind("reason") String reason, @Bind("by") String by, @Bind("at") Instant at);

  @SqlQuery("SELECT * FROM country_risk_change WHERE iso2 = :iso2 ORDER BY changed_at DESC, id DESC")
  List<RiskChange> history(@Bind("iso2") String iso2);

  class CountryMapper implements RowMapper<Country> {
    @Override
    public Country map(ResultSet rs, StatementContext ctx) throws SQLException {
      Timestamp at = rs.getTimestamp("risk_changed_at");
      return new Country(rs.getString("iso2"), rs.getString("name_en"), rs.getString("name_fr"),
          rs.getString("name_ar"), rs.getInt("risk_level"), rs.getString("risk_reason"),
          at == null ? null : at.toInstant(), rs.getString("risk_changed_by"));
    }
  }

  class ChangeMapper implements RowMapper<RiskChange> {
    @Override
    public RiskChange map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new RiskChange(rs.getString("iso2"), rs.getInt("previous_level"), rs.getInt("new_level"),
          rs.getString("reason"), rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant());
    }
  }
}
