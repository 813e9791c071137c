package crisis.core.consulate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

@RegisterRowMapper(ConsulateDao.Mapper.class)
public interface ConsulateDao {
  String SELECT = """
      SELECT c.*, COALESCE(ARRAY(SELECT j.country_iso2 FROM consulate_jurisdiction j
                                 WHERE j.consulate_id = c.id ORDER BY 1), '{}') AS jurisdiction
      FROM consulate c
      """;

  @SqlQuery(SELECT + " ORDER BY c.id")
  List<Consulate> list();

  @SqlQuery("SELECT id FROM consulate ORDER BY id")
  List<String> ids();

  @SqlQuery(SELECT + " WHERE c.id = :id")
  Optional<Consulate> find(@Bind("id") String id);

  /** The countries of a consulate's jurisdiction, by code. */
  @SqlQuery("SELECT country_iso2 FROM consulate_jurisdiction WHERE consulate_id = :id ORDER BY 1")
  List<String> jurisdiction(@Bind("id") String consulateId);

  /** The consulate whose jurisdiction has the country, the first by id when several have it. */
  @SqlQuery("""
      SELECT consulate_id FROM consulate_jurisdiction WHERE country_iso2 = :country
      ORDER BY consulate_id LIMIT 1""")
  Optional<String> firstFor(@Bind("country") String countryIso2);

  @SqlUpdate("""
      INSERT INTO consulate (id, name, city, country_iso2, phone, email)
      VALUES (:c.id, :c.name, :c.city, :c.country, :c.phone, :c.email)
      """)
  void insertOnly(@BindMethods("c") Consulate c);

  @SqlUpdate("""
      UPDATE consulate SET name = :c.name, city = :c.city, country_iso2 = :c.country, phone = :c.phone,
        email = :c.email WHERE id = :c.id
      """)
  int updateOnly(@BindMethods("c") Consulate c);

  @SqlUpdate("DELETE FROM consulate_jurisdiction WHERE consulate_id = :id")
  void clearJurisdiction(@Bind("id") String id);

  @SqlUpdate("""
      INSERT INTO consulate_jurisdiction (consulate_id, country_iso2)
      SELECT :id, unnest(CAST(:countries AS text[]))
      """)
  void addJurisdiction(@Bind("id") String id, @Bind("countries") String[] countries);

  @Transaction
  default void insert(Consulate c) {
    insertOnly(c);
    addJurisdiction(c.id(), c.jurisdiction().toArray(String[]::new));
  }

  @Transaction
  default int update(Consulate c) {
    int n = updateOnly(c);
    if (n > 0) {
      clearJurisdiction(c.id());
      addJurisdiction(c.id(), c.jurisdiction().toArray(String[]::new));
    }
    return n;
  }

  class Mapper implements RowMapper<Consulate> {
    @Override
    public Consulate map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Consulate(rs.getString("id"), rs.getString("name"), rs.getString("city"),
          rs.getString("country_iso2"), rs.getString("phone"), rs.getString("email"),
          List.of((String[]) rs.getArray("jurisdiction").getArray()));
    }
  }
}
