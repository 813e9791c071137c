package crisis.core.places;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Places, located by the same H3 index as the registry ({@code place.h3_cell}, resolution 10). */
@RegisterRowMapper(PlaceDao.Mapper.class)
public interface PlaceDao {
  @SqlUpdate("""
      INSERT INTO place (id, kind, name, latitude, longitude, h3_cell, country_iso2, notes, created_at, created_by)
      VALUES (:p.id, :kind, :p.name, :p.latitude, :p.longitude, :cell, :p.country, :p.notes, :p.createdAt,
        :p.createdBy)""")
  void insert(@BindMethods("p") Place p, @Bind("kind") String kind, @Bind("cell") long cell);

  @SqlQuery("SELECT * FROM place WHERE id = :id")
  java.util.Optional<Place> find(@Bind("id") UUID id);

  /** The places of these ids, in no particular order; unknown ids are left out. */
  @SqlQuery("SELECT * FROM place WHERE id = ANY(:ids)")
  List<Place> findAll(@Bind("ids") UUID[] ids);

  @SqlUpdate("""
      UPDATE place SET kind = :kind, name = :p.name, latitude = :p.latitude, longitude = :p.longitude,
        h3_cell = :cell, country_iso2 = :p.country, notes = :p.notes, updated_at = :p.updatedAt,
        updated_by = :p.updatedBy
      WHERE id = :p.id""")
  int update(@BindMethods("p") Place p, @Bind("kind") String kind, @Bind("cell") long cell);

  @SqlUpdate("DELETE FROM place WHERE id = :id")
  int delete(@Bind("id") UUID id);

  /** Places of a kind in the ranges of a coverage (resolution-10 cell ranges); the caller tests the exact shape. */
  @SqlQuery("""
      SELECT p.* FROM unnest(CAST(:lo AS bigint[]), CAST(:hi AS bigint[])) AS x(lo, hi)
      JOIN place p ON p.h3_cell BETWEEN x.lo AND x.hi
      WHERE p.kind = :kind""")
  List<Place> inRanges(@Bind("lo") long[] lo, @Bind("hi") long[] hi, @Bind("kind") String kind);

  class Mapper implements RowMapper<Place> {
    @Override
    public Place map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Place(rs.getObject("id", UUID.class), PlaceKind.valueOf(rs.getString("kind")), rs.getString("name"),
          rs.getDouble("latitude"), rs.getDouble("longitude"), rs.getString("country_iso2"), rs.getString("notes"),
          rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
          rs.getTimestamp("updated_at") == null ? null : rs.getTimestamp("updated_at").toInstant(),
          rs.getString("updated_by"));
    }
  }
}
