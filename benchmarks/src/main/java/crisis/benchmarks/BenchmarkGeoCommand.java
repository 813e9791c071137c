package crisis.benchmarks;

import crisis.api.config.CrisisConfiguration;
import crisis.api.config.DataSources;
import crisis.api.services.Services;
import crisis.core.access.Actor;
import crisis.core.demo.DemoCsv;
import crisis.core.geo.CircleZone;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.PolygonZone;
import crisis.core.geo.Zone;
import crisis.core.geo.ZoneInputs;
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
import java.util.Map;
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
    subparser.addArgument("--reuse").help("the database an earlier run kept (--keep): measured again as it is");
    subparser.addArgument("--sections").setDefault("ids,search,large,http")
        .help("what to measure: ids (the ids of a zone), search (the API's search), large (a 200,000-vertex zone), "
            + "http (concurrent clients)");
    subparser.addArgument("--http-seconds").type(Integer.class).setDefault(20)
        .help("length of the concurrent HTTP run (0: none)");
    subparser.addArgument("--clients").type(Integer.class).setDefault(8).help("concurrent HTTP clients");
  }

  /** A zone to ask about, built as the API builds it for each request (country zones are cached there too). */
  record Query(String name, Supplier<Zone> zone, String postgis) {}

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration config)
      throws Exception {
    long rows = namespace.getLong("rows");
    int runs = namespace.getInt("runs");
    Path csv = Files.createTempFile("bench-geo-", ".csv");
    String reuse = namespace.getString("reuse");
    try (ScratchDatabase scratch = reuse == null
        ? new ScratchDatabase(DataSources.server(config), "crisis_geo_", namespace.getBoolean("keep"))
        : new ScratchDatabase(DataSources.server(config), reuse, true, true)) {
      Jdbi jdbi = scratch.jdbi;
      Services services = Services.build(jdbi, Clock.systemUTC());
      long t0 = System.nanoTime();
      if (reuse == null) {
        DemoCsv.write(csv, rows, 20261129L, LocalDate.now());
        services.importer().importFile(Actor.cli("benchmark"), csv, o -> { });
        t0 = System.nanoTime();
        addPostgis(jdbi);
      }
      rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM registration").mapTo(Long.class).one());
      System.out.printf("%s %d rows; PostGIS columns and GiST indexes built in %.1f s%n",
          reuse == null ? "loaded" : "reusing " + reuse + " with", rows, (System.nanoTime() - t0) / 1e9);

      ZoneSearch search = services.zoneSearch();
      Actor cell = Actor.cli("benchmark");
      List<String> sections = List.of(namespace.getString("sections").split(","));
      if (sections.contains("ids")) {
        ids(search, jdbi, cell, runs);
      }
      if (sections.contains("search")) {
        searches(search, jdbi, cell, runs);
      }
      if (sections.contains("large")) {
        largeZone(search, cell);
      }
      int seconds = namespace.getInt("http_seconds");
      if (sections.contains("http") && seconds > 0) {
        String body = "{\"circle\":{\"latitude\":48.8566,\"longitude\":2.3522,\"radiusKm\":10},\"limit\":50}";
        long expected = search.search(cell, new CircleZone(48.8566, 2.3522, 10), NO_FILTER, 0, 1).total();
        int clients = namespace.getInt("clients");
        HttpSearchLoad.Figures f = HttpSearchLoad.run(jdbi, scratch.url,
            DataSources.server(config).getUser(), body, expected, clients, seconds);
        System.out.printf("%nHTTP: POST /api/v1/registrations/search, 10 km circle (Paris, %d people), limit 50, "
            + "%d clients for %.1f s: %d requests, %.1f requests/s, p50 %.2f ms, p99 %.2f ms, %d errors%n",
            expected, clients, f.seconds(), f.requests(), f.perSecond(), f.p50(), f.p99(), f.errors());
      }
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  /** PostGIS columns beside the H3 cell, from the same coordinates, each with its GiST index. */
  private static void addPostgis(Jdbi jdbi) {
    jdbi.useHandle(h -> {
      h.execute("CREATE EXTENSION IF NOT EXISTS postgis");
      h.execute("ALTER TABLE registration ADD COLUMN geom geometry(Point, 4326), ADD COLUMN geog geography(Point, 4326)");
      h.execute("UPDATE registration SET geom = ST_SetSRID(ST_MakePoint(longitude, latitude), 4326), "
          + "geog = ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography WHERE latitude IS NOT NULL");
      // The UPDATE wrote every row again, and every index of the registry with it: rebuilt, so that both sides are
      // measured on fresh indexes (PostGIS's are created after it).
      h.execute("REINDEX TABLE registration");
      h.execute("CREATE INDEX registration_geom ON registration USING GIST (geom) WHERE status = 'ACTIVE'");
      h.execute("CREATE INDEX registration_geog ON registration USING GIST (geog) WHERE status = 'ACTIVE'");
      h.execute("VACUUM ANALYZE registration");
    });
    // The UPDATE above changed every registration: its cell-count deltas are folded as the server would.
    new crisis.core.registry.CellCounts(jdbi).compact();
  }

  /** The ids of everyone inside (what a crisis preview reads), ours and PostGIS's. */
  private static void ids(ZoneSearch search, Jdbi jdbi, Actor cell, int runs) {
    System.out.printf("%-22s %9s | %12s %12s | %12s %12s | %s%n", "zone", "people", "H3 p50 ms", "H3 p99 ms",
        "PostGIS p50", "PostGIS p99", "same people");
    for (Query q : queries()) {
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
  }

  private static final ZoneSearch.Filter NO_FILTER = new ZoneSearch.Filter(null, null, null);

  /**
   * A zone question as the API answers it (total, counts by vulnerability and language, the 50 oldest people with
   * their records) and the same question put to PostGIS: {@code postgis} selects the matches' id, language,
   * vulnerabilities and creation time.
   */
  record Search(String name, Supplier<Zone> zone, String postgis) {}

  /** What both sides answer; equal when both found the same people in the same order. */
  record Answer(long total, Map<String, Long> byLanguage, Map<String, Long> byVulnerability, List<UUID> page) {}

  private static void searches(ZoneSearch search, Jdbi jdbi, Actor cell, int runs) {
    System.out.printf("%nsearch with counts and a page of 50, as POST /api/v1/registrations/search answers it%n");
    System.out.printf("%-24s %9s | %12s %12s | %12s %12s %5s | %s%n", "zone", "people", "ours p50 ms",
        "ours p99 ms", "PostGIS p50", "PostGIS p99", "runs", "same answer");
    for (Search q : searchQueries()) {
      Supplier<Answer> ours = () -> {
        ZoneSearch.Result r = search.search(cell, q.zone().get(), NO_FILTER, 0, 50);
        return new Answer(r.total(), r.byLanguage(), r.byVulnerability(),
            r.items().stream().map(crisis.core.registry.Registration::id).toList());
      };
      Supplier<Answer> theirs = () -> postgis(jdbi, q.postgis());
      Answer a = ours.get();
      Answer b = theirs.get();
      double[] h3 = time(runs, () -> (int) ours.get().total());
      double[] gis = time(runs, () -> (int) theirs.get().total());
      System.out.printf("%-24s %9d | %12.2f %12.2f | %12.2f %12.2f %5d | %s%n", q.name(), a.total(), h3[0], h3[1],
          gis[0], gis[1], (int) gis[2], a.equals(b) ? "yes" : "NO: ours " + a.total() + " " + a.byLanguage() + ", PostGIS "
              + b.total() + " " + b.byLanguage() + (a.page().equals(b.page()) ? "" : ", pages differ"));
    }
  }

  private static Answer postgis(Jdbi jdbi, String matches) {
    return jdbi.withHandle(h -> {
      var row = h.createQuery("WITH m AS MATERIALIZED (" + matches + """
          )
          SELECT (SELECT count(*) FROM m) AS total,
            (SELECT coalesce(json_object_agg(l, n), '{}') FROM
              (SELECT preferred_language AS l, count(*) AS n FROM m GROUP BY 1) a)::text AS by_language,
            (SELECT coalesce(json_object_agg(v, n), '{}') FROM
              (SELECT unnest(vulnerabilities) AS v, count(*) AS n FROM m GROUP BY 1) b)::text AS by_vulnerability,
            (SELECT array_agg(id ORDER BY created_at, id) FROM
              (SELECT id, created_at FROM m ORDER BY created_at, id LIMIT 50) c) AS page
          """).mapToMap().one();
      UUID[] page = row.get("page") == null ? new UUID[0] : uuids((java.sql.Array) row.get("page"));
      // The records of the page, as the API reads them.
      h.createQuery("SELECT * FROM registration WHERE id = ANY(:ids)").bind("ids", page).mapToMap().list();
      return new Answer(((Number) row.get("total")).longValue(), counts((String) row.get("by_language")),
          counts((String) row.get("by_vulnerability")), Arrays.asList(page));
    });
  }

  private static UUID[] uuids(java.sql.Array array) {
    try {
      return (UUID[]) array.getArray();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Long> counts(String json) {
    Map<String, Long> out = new java.util.TreeMap<>();
    Json.read(json, JsonNode.class).properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }

  private static List<Search> searchQueries() {
    JsonNode paris = Json.read(PARIS_JSON, JsonNode.class);
    ZoneParser parser = new ZoneParser(500_000);
    CountryBoundaries countries = CountryBoundaries.shared();
    String select = "SELECT id, preferred_language, vulnerabilities, created_at FROM registration WHERE status = "
        + "'ACTIVE' AND ";
    List<Search> out = new ArrayList<>();
    out.add(new Search("10 km circle (Paris)", () -> new CircleZone(48.8566, 2.3522, 10),
        select + within(48.8566, 2.3522, 10)));
    out.add(new Search("city polygon (Paris)", () -> parser.parse(paris, "zone"),
        select + "ST_Covers(ST_GeomFromText('" + PARIS_WKT + "', 4326), geom)"));
    out.add(new Search("300 km circle (Paris)", () -> new CircleZone(48.8566, 2.3522, 300),
        select + within(48.8566, 2.3522, 300)));
    for (String iso2 : List.of("FR", "US", "RU")) {
      String wkt = new WKTWriter().write(countries.zone(iso2).orElseThrow().geometry());
      // The country zone's rule: inside the outline, or a resident within the coastal band of it or without a point
      // (the land beyond the outline, islands the 1:50m file drops, is not in this reference: none of the demo's).
      String outline = "ST_GeomFromText('" + wkt + "', 4326)";
      out.add(new Search("country (" + iso2 + ")", () -> ZoneInputs.country(countries, iso2, "country"),
          select + "ST_DWithin(geog, " + outline + "::geography, " + CountryBoundaries.COASTAL_BAND_KM * 1000
              + ", false) AND (country_of_residence = '" + iso2 + "' OR ST_Covers(" + outline + ", geom))"
              + " UNION ALL " + select + "country_of_residence = '" + iso2 + "' AND geom IS NULL"));
    }
    return out;
  }

  private static String within(double lat, double lon, double km) {
    return "ST_DWithin(geog, ST_SetSRID(ST_MakePoint(" + lon + ", " + lat + "), 4326)::geography, " + (km * 1000)
        + ", false)";
  }

  /** A zone of 200,000 vertices, as a detailed flood outline may be: parsed, covered and searched once. */
  private static void largeZone(ZoneSearch search, Actor cell) {
    int vertices = 200_000;
    StringBuilder ring = new StringBuilder();
    for (int i = 0; i <= vertices; i++) {
      double a = 2 * Math.PI * (i % vertices) / vertices;
      double km = 40 * (1 + 0.25 * Math.sin(37 * a) + 0.05 * Math.sin(1013 * a));
      double lat = 48.8566 + km / 110.57 * Math.sin(a);
      double lon = 2.3522 + km / (111.32 * Math.cos(Math.toRadians(48.8566))) * Math.cos(a);
      ring.append(i == 0 ? "" : ",").append('[').append(lon).append(',').append(lat).append(']');
    }
    JsonNode zone = Json.read("{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}", JsonNode.class);
    long t0 = System.nanoTime();
    PolygonZone parsed = new ZoneParser(500_000).parse(zone, "zone");
    long t1 = System.nanoTime();
    crisis.core.geo.Coverage c = parsed.cover();
    long t2 = System.nanoTime();
    ZoneSearch.Result r = search.search(cell, parsed, NO_FILTER, 0, 50);
    long t3 = System.nanoTime();
    System.out.printf("%nzone of %,d vertices (a 40 km outline around Paris, wiggled): parsed and checked in %.0f ms, "
        + "covered in %.0f ms (%d ranges), searched in %.0f ms (%d people)%n", vertices, (t1 - t0) / 1e6,
        (t2 - t1) / 1e6, c.size(), (t3 - t2) / 1e6, r.total());
  }

  private static final String PARIS_WKT = "POLYGON((2.224 48.816, 2.300 48.812, 2.362 48.816, 2.416 48.834, "
      + "2.470 48.845, 2.416 48.876, 2.398 48.902, 2.320 48.901, 2.280 48.880, 2.252 48.860, 2.224 48.816))";
  private static final String PARIS_JSON = "{\"type\":\"Polygon\",\"coordinates\":[[[2.224,48.816],"
      + "[2.300,48.812],[2.362,48.816],[2.416,48.834],[2.470,48.845],[2.416,48.876],[2.398,48.902],[2.320,48.901],"
      + "[2.280,48.880],[2.252,48.860],[2.224,48.816]]]}";

  private static List<Query> queries() {
    String parisWkt = PARIS_WKT;
    JsonNode paris = Json.read(PARIS_JSON, JsonNode.class);
    ZoneParser parser = new ZoneParser(100_000);
    CountryBoundaries countries = CountryBoundaries.shared();
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

  /**
   * p50 and p99 in ms over {@code runs} timed runs after untimed ones for two seconds (at least one, at most 200: a
   * running server has long compiled its code, and ten runs of a 20 ms query left the JVM still compiling), or fewer
   * timed runs (at least three) when a side takes more than a minute in all; the third number is how many were timed.
   */
  private static double[] time(int runs, Supplier<Integer> query) {
    long warm = System.nanoTime() + 2_000_000_000L;
    for (int i = 0; i < 200 && (i == 0 || System.nanoTime() < warm); i++) {
      query.get();
    }
    double[] ms = new double[runs];
    long budget = System.nanoTime() + 60_000_000_000L;
    int done = 0;
    while (done < runs && (done < 3 || System.nanoTime() < budget)) {
      long t0 = System.nanoTime();
      query.get();
      ms[done++] = (System.nanoTime() - t0) / 1e6;
    }
    double[] timed = Arrays.copyOf(ms, done);
    Arrays.sort(timed);
    return new double[] {timed[done / 2], timed[Math.min(done - 1, (int) Math.ceil(done * 0.99) - 1)], done};
  }
}
