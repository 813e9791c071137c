package crisis.core.repatriation.db;

import crisis.core.repatriation.TransportLeg;
import crisis.core.repatriation.TransportLeg.LegPoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Transport legs and the assembly points they leave from (points are read with the legs' {@link #points}). */
@RegisterRowMapper(LegDao.LegMapper.class)
@RegisterRowMapper(LegDao.PointMapper.class)
public interface LegDao {
  @SqlUpdate("""
      INSERT INTO transport_leg (id, crisis_id, kind, carrier, reference, seats, stretcher_places, wheelchair_places,
        departs_at, report_minutes, time_zone, destination_city, state, gate_officer, created_at, created_by,
        updated_at)
      VALUES (:l.id, :l.crisisId, :kind, :l.carrier, :l.reference, :l.seats, :l.stretcherPlaces, :l.wheelchairPlaces,
        :l.departsAt, :l.reportMinutes, :zone, :l.destinationCity, 'PLANNED', :l.gateOfficer, :at, :by, :at)""")
  void insert(@BindMethods("l") TransportLeg leg, @Bind("kind") String kind, @Bind("zone") String timeZone,
      @Bind("at") Instant at, @Bind("by") String by);

  @SqlUpdate("""
      INSERT INTO leg_assembly_point (leg_id, place_id, capacity, opens, closes)
      VALUES (:leg, :p.placeId, :p.capacity, :p.opens, :p.closes)""")
  void insertPoint(@Bind("leg") UUID legId, @BindMethods("p") LegPoint point);

  @SqlQuery("SELECT * FROM transport_leg WHERE id = :id")
  Optional<TransportLeg> find(@Bind("id") UUID id);

  @SqlUpdate("UPDATE transport_leg SET gate_officer = :officer, version = version + 1, updated_at = :at WHERE id = :id")
  void setGateOfficer(@Bind("id") UUID legId, @Bind("officer") String username, @Bind("at") Instant at);

  /** The consulates of the households that hold a seat on the leg. */
  @SqlQuery("""
      SELECT DISTINCT q.consulate_id FROM evacuation_assignment a JOIN evacuation_request q ON q.id = a.request_id
      WHERE a.leg_id = :leg""")
  List<String> consulatesAboard(@Bind("leg") UUID legId);

  /** A leg and the consulate of a household with a seat on it. */
  record LegConsulate(UUID legId, String consulateId) {}

  /** For each leg of a crisis, the consulates of the households with a seat on it (one row per pair). */
  @SqlQuery("""
      SELECT DISTINCT a.leg_id, q.consulate_id FROM evacuation_assignment a
      JOIN evacuation_request q ON q.id = a.request_id WHERE a.crisis_id = :crisis""")
  @RegisterConstructorMapper(LegConsulate.class)
  List<LegConsulate> consulatesAboardLegs(@Bind("crisis") UUID crisisId);

  @SqlQuery("SELECT * FROM transport_leg WHERE id = :id FOR UPDATE")
  Optional<TransportLeg> lock(@Bind("id") UUID id);

  @SqlQuery("SELECT * FROM transport_leg WHERE crisis_id = :crisis ORDER BY departs_at, id")
  List<TransportLeg> ofCrisis(@Bind("crisis") UUID crisisId);

  /** The points of legs, by place id (the place itself is the places capability's: {@code PlaceDao.findAll}). */
  @SqlQuery("""
      SELECT leg_id, place_id, capacity, opens, closes FROM leg_assembly_point
      WHERE leg_id = ANY(:legs) ORDER BY leg_id, place_id""")
  List<PointRow> points(@Bind("legs") UUID[] legIds);

  /** An assembly point of a leg as this table holds it: the place by id, with what the leg sets there. */
  record PointRow(UUID legId, UUID placeId, int capacity, LocalTime opens, LocalTime closes) {}

  @SqlUpdate("UPDATE transport_leg SET state = :state, version = version + 1, updated_at = :at WHERE id = :id")
  void setState(@Bind("id") UUID id, @Bind("state") String state, @Bind("at") Instant at);

  /** Records that the leg's gate closed, the first time only. */
  @SqlUpdate("UPDATE transport_leg SET gate_closed_at = COALESCE(gate_closed_at, :at), updated_at = :at WHERE id = :id")
  void closeGate(@Bind("id") UUID id, @Bind("at") Instant at);

  /** Legs still taking travellers whose gate is open though they leave by {@code due}, soonest first. */
  @SqlQuery("""
      SELECT * FROM transport_leg
      WHERE gate_closed_at IS NULL AND state IN ('PLANNED', 'BOARDING') AND departs_at <= :due
      ORDER BY departs_at, id""")
  List<TransportLeg> gatesDue(@Bind("due") Instant due);

  /** Whether the leg's gate has closed. */
  @SqlQuery("SELECT gate_closed_at IS NOT NULL FROM transport_leg WHERE id = :id")
  boolean gateClosed(@Bind("id") UUID id);

  class LegMapper implements RowMapper<TransportLeg> {
    @Override
    public TransportLeg map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new TransportLeg(rs.getObject("id", UUID.class), rs.getObject("crisis_id", UUID.class),
          TransportLeg.Kind.valueOf(rs.getString("kind")), rs.getString("carrier"), rs.getString("reference"),
          rs.getInt("seats"), rs.getInt("stretcher_places"), rs.getInt("wheelchair_places"),
          rs.getTimestamp("departs_at").toInstant(), rs.getInt("report_minutes"), ZoneId.of(rs.getString("time_zone")),
          rs.getString("destination_city"), TransportLeg.State.valueOf(rs.getString("state")), List.of(),
          rs.getString("gate_officer"), rs.getInt("version"));
    }
  }

  class PointMapper implements RowMapper<PointRow> {
    @Override
    public PointRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      Time opens = rs.getTime("opens");
      Time closes = rs.getTime("closes");
      return new PointRow(rs.getObject("leg_id", UUID.class), rs.getObject("place_id", UUID.class),
          rs.getInt("capacity"), opens == null ? null : opens.toLocalTime(),
          closes == null ? null : closes.toLocalTime());
    }
  }
}
