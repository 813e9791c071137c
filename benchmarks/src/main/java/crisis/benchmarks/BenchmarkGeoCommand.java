package crisis.benchmarks;

import crisis.api.CrisisApplication;
import crisis.api.Services;
import crisis.api.config.CrisisConfiguration;
import crisis.core.access.Actor;
import crisis.core.demo.DemoCsv;
import crisis.core.geo.CircleZone;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.PolygonZone;
import crisis.core.geo.Zone;
import crisis.core.geo.ZoneParser;
import crisis.core.registry.ZoneSearch;
import crisis.core.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.locationtech.jts.io.WKTWriter;

/**
 * {@code benchmark-geo CONFIG --rows N}: the zone query benchmark. Loads N generated nationals into a fresh database
 * on the configured server (which must have PostGIS installed), adds PostGIS columns with GiST indexes to the same
 * table, then answers the same zones both ways — the H3 range index with exact JTS tests, and PostGIS — checking that
 * both find the same people and printing p50 and p99 latencies.
 */
public class BenchmarkGeoCommand extends ConfiguredCommand<CrisisConfiguration> {

  public BenchmarkGeoCommand() {
    super("benchmark-geo", "Compare zone queries on the H3 index with PostGIS on the same data");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--rows").type(Long.class).setDefault(1_000_000L).help("nationals to load");
    subparser.addArgument("--runs").type(Integer.class).setDefault(30).help("timed runs of each query");
    subparser.addArgument("--keep").action(Arguments.storeTrue()).help("keep the benchmark database");
  }

  /** A zone to ask about, built as the API builds it for each request (country zones are cached there too). */
  record Query(String name, Supplier<Zone> zone, String postgis) {}

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration config)
      throws Exception {
    long rows = namespace.getLong("rows");
    int runs = namespace.getInt("runs");
    Path csv = Files.createTempFile("bench-geo-", ".csv");
    try (ScratchDatabase scratch = new ScratchDatabase(CrisisApplication.dataSourceFactory(config), "crisis_geo_",
        namespace.getBoolean("keep"))) {
      Jdbi jdbi = scratch.jdbi;
      DemoCsv.write(csv, rows, 20261129L, LocalDate.now());
      Services services = Services.build(jdbi, Clock.systemUTC());
      services.importer().importFile(Actor.cli("benchmark"), csv, o -> { });
      long t0 = System.nanoTime();
      jdbi.useHandle(h -> {
        h.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        h.execute("ALTER TABLE registration ADD COLUMN geom geometry(Point, 4326), ADD COLUMN geog geography(Point, 4326)");
        h.execute("UPDATE registration SET geom = ST_SetSRID(ST_MakePoint(longitude, latitude), 4326), "
            + "geog = ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography WHERE latitude IS NOT NULL");
        h.execute("CREATE INDEX registration_geom ON registration USING GIST (geom) WHERE status = 'ACTIVE'");
        h.execute("CREATE INDEX registration_geog ON registration USING GIST (geog) WHERE status = 'ACTIVE'");
        h.execute("VACUUM ANALYZE registration");
      });
      System.out.printf("loaded %d rows; PostGIS columns and GiST indexes built in %.1f s%n", rows,
          (System.nanoTime() - t0) / 1e9);

      ZoneSearch search = services.zoneSearch();
      Actor cell = Actor.cli("benchmark");
      List<Query> queries = queries();
      System.out.printf("%-22s %9s | %12s %12s | %12s %12s | %s%n", "zone", "people", "H3 p50 ms", "H3 p99 ms",
          "PostGIS p50", "PostGIS p99", "same people");
      for (Query q : queries) {
        Set<UUID> ours = new HashSet<>(search.ids(cell, q.zone().get()));
        Set<UUID> theirs = new HashSet<>(jdbi.withHandle(h -> h.createQuery(q.postgis()).mapTo(UUID.class).list()));
        double[] h3 = time(runs, () -> search.ids(cell, q.zone().get()).size());
        double[] gis = time(runs, () -> jdbi.withHandle(h -> h.createQuery(q.postgis()).mapTo(UUID.class).list())
            .size());
        Set<UUID> onlyOurs = new HashSet<>(ours);
        onlyOurs.removeAll(theirs);
        Set<UUID> onlyTheirs = new HashSet<>(theirs);
        onlyTheirs.removeAll(ours);
        System.out.printf("%-22s %9d | %12.2f %12.2f | %12.2f %12.2f | %s%n", q.name(), ours.size(), h3[0], h3[1],
            gis[0], gis[1], onlyOurs.isEmpty() && onlyTheirs.isEmpty() ? "yes"
                : "NO: " + onlyOurs.size() + " only H3, " + onlyTheirs.size() + " only PostGIS");
      }
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  private static List<Query> queries() {
    String parisWkt = "POLYGON((2.224 48.816, 2.300 48.812, 2.362 48.816, 2.416 48.834, 2.470 48.845, "
        + "2.416 48.876, 2.398 48.902, 2.320 48.901, 2.280 48.880, 2.252 48.860, 2.224 48.816))";
    JsonNode paris = Json.read("{\"type\":\"Polygon\",\"coordinates\":[[[2.224,48.816],[2.300,48.812],"
        + "[2.362,48.816],[2.416,48.834],[2.470,48.845],[2.416,48.876],[2.398,48.902],[2.320,48.901],[2.280,48.880],"
        + "[2.252,48.860],[2.224,48.816]]]}", JsonNode.class);
    ZoneParser parser = new ZoneParser(100_000);
    CountryBoundaries countries = new CountryBoundaries();
    PolygonZone libya = countries.zone("LY").orElseThrow();
    PolygonZone france = countries.zone("FR").orElseThrow();
    List<Query> out = new ArrayList<>();
    out.add(new Query("city polygon (Paris)", () -> parser.parse(paris, "zone"), covers(parisWkt)));
    out.add(circle("50 km circle (Paris)", 48.8566, 2.3522, 50));
    out.add(circle("300 km circle (Paris)", 48.8566, 2.3522, 300));
    out.add(circle("300 km circle (Tripoli)", 32.8872, 13.1913, 300));
    out.add(new Query("country (Libya)", () -> countries.zone("LY").orElseThrow(), covers(new WKTWriter().write(libya.geometry()))));
    out.add(new Query("country (France)", () -> countries.zone("FR").orElseThrow(), covers(new WKTWriter().write(france.geometry()))));
    return out;
  }

  private static Query circle(String name, double lat, double lon, double km) {
    return new Query(name, () -> new CircleZone(lat, lon, km), "SELECT id FROM registration WHERE status = 'ACTIVE' AND "
        + "ST_DWithin(geog, ST_SetSRID(ST_MakePoint(" + lon + ", " + lat + "), 4326)::geography, " + (km * 1000)
        + ", false)");
  }

  private static String covers(String wkt) {
    return "SELECT id FROM registration WHERE status = 'ACTIVE' AND ST_Covers(ST_GeomFromText('" + wkt
        + "', 4326), geom)";
  }

  /** p50 and p99 in ms over {@code runs} timed runs, after three untimed ones. */
  private static double[] time(int runs, Supplier<Integer> query) {
    for (int i = 0; i < 3; i++) {
      query.get();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      query.get();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return new double[] {ms[runs / 2], ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.99) - 1)]};
  }
}
