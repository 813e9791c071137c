package crisis.core.registry;

import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.PARIS_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.audit.AuditTrail;
import crisis.core.consulate.ConsulateDao;
import crisis.core.demo.DemoCsv;
import crisis.core.demo.DemoData;
import crisis.core.geo.CircleZone;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.CountryZone;
import crisis.core.geo.Coverage;
import crisis.core.geo.GeoIndex;
import crisis.core.geo.Zone;
import crisis.core.registry.importing.RegistrationImporter;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The registry's cell counts and the zone search that reads them: counts kept right by every way of writing a
 * registration, folded or not; a search's total, counts and every page equal to what a test of every registration one
 * by one gives, whichever way it pages (sorted here, or walked oldest first).
 */
@Tag("db")
class ZoneSearchCountsTest {
  private static TestDatabase db;
  private static Jdbi jdbi;
  private static RegistrationService registrations;
  private static ZoneSearch search;
  private static CellCounts counts;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    jdbi.useExtension(ConsulateDao.class, dao -> DemoData.consulates().stream()
        .filter(c -> dao.find(c.id()).isEmpty()).forEach(dao::insert));
    AuditTrail audit = new AuditTrail(jdbi, Clock.systemUTC());
    registrations = new RegistrationService(jdbi, new RegistrationValidator(), audit, Clock.systemUTC());
    search = new ZoneSearch(jdbi, audit);
    counts = new CellCounts(jdbi);
    Path file = Files.createTempFile("zone-search-", ".csv");
    try {
      DemoCsv.write(file, 2000, 11, LocalDate.now());
      new RegistrationImporter(jdbi, new RegistrationValidator(), audit, Clock.systemUTC())
          .importFile(CRISIS_CELL, file, o -> { });
    } finally {
      Files.delete(file);
    }
    // People on the edge of the 12 km circle around Paris, 20 m inside or outside it, registered before anyone else:
    // the first page of a walk meets them, and only the exact test tells them apart.
    for (int i = 0; i < 24; i++) {
      double[] p = destination(48.8566, 2.3522, i * 15.0, 12 + (i % 2 == 0 ? -0.02 : 0.02));
      Registration r = registrations.create(CRISIS_CELL, Samples.at(Samples.parisian(9300 + i), p[0], p[1]));
      jdbi.useHandle(h -> h.execute("UPDATE registration SET created_at = TIMESTAMPTZ '2001-01-01' + ? * INTERVAL "
          + "'1 day' WHERE id = ?", r.id().hashCode() & 0xff, r.id()));
    }
    // Two people 7 m either side of a density box's east edge, in one fine cell.
    registrations.create(CRISIS_CELL, Samples.at(Samples.parisian(9400), 48.8, 2.79995));
    registrations.create(CRISIS_CELL, Samples.at(Samples.parisian(9401), 48.8, 2.80005));
    jdbi.useHandle(h -> h.execute("ANALYZE registration"));
  }

  /** The point {@code km} from a start along a bearing, on the sphere: {latitude, longitude}. */
  private static double[] destination(double lat, double lon, double bearingDegrees, double km) {
    double d = km / 6371.0088;
    double p1 = Math.toRadians(lat);
    double b = Math.toRadians(bearingDegrees);
    double p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
    double l2 = Math.toRadians(lon) + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1),
        Math.cos(d) - Math.sin(p1) * Math.sin(p2));
    return new double[] {Math.toDegrees(p2), Math.toDegrees(l2)};
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  @Test
  void theDatabaseFindsParentCellsAsH3Does() {
    Random random = new Random(5);
    long[] cells = new long[500];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = GeoIndex.cellOf(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180);
    }
    List<long[]> parents = jdbi.withHandle(h -> h.createQuery("""
            SELECT c, r, h3_parent(c, r) AS p FROM unnest(CAST(:cells AS bigint[])) AS c
            CROSS JOIN generate_series(0, 10) AS r""")
        .bind("cells", cells)
        .map((rs, ctx) -> new long[] {rs.getLong("c"), rs.getInt("r"), rs.getLong("p")}).list());
    assertThat(parents).hasSize(cells.length * 11);
    for (long[] p : parents) {
      assertThat(p[2]).as("parent of %s at %d", Long.toHexString(p[0]), p[1])
          .isEqualTo(GeoIndex.parent(p[0], (int) p[1]));
    }
  }

  /** How many times the two tables of the counts were vacuumed other than by autovacuum. */
  private long vacuums() {
    return jdbi.withHandle(h -> h.createQuery("""
        SELECT sum(vacuum_count) FROM pg_stat_user_tables
        WHERE relname IN ('registration_cell_count', 'registration_cell_total')""").mapTo(Long.class).one());
  }

  @Test
  void countsFollowEveryWriteFoldedOrNot() {
    assertCountsMatchTheRegistry();
    // One by one through the service: a new person, a move across the world, a change of language, an archive.
    Registration a = registrations.create(CRISIS_CELL, Samples.parisian(9001));
    Registration b = registrations.create(CRISIS_CELL, Samples.parisian(9002));
    assertCountsMatchTheRegistry();
    registrations.update(CRISIS_CELL, a.id(), a.version(), Samples.at(Samples.parisian(9001), 43.2965, 5.3698));
    Registration moved = registrations.get(CRISIS_CELL, a.id());
    registrations.update(CRISIS_CELL, a.id(), moved.version(),
        Samples.at(Samples.withLanguage(Samples.parisian(9001), Language.FR), 43.2965, 5.3698));
    registrations.archive(CRISIS_CELL, b.id(), "left the country");
    assertCountsMatchTheRegistry();
    long vacuumed = vacuums();
    assertThat(counts.compact()).isPositive();
    assertThat(vacuums()).as("a fold vacuums both tables").isEqualTo(vacuumed + 2);
    assertCountsMatchTheRegistry();
    assertThat(counts.compact()).as("nothing left to fold").isZero();
    assertThat(vacuums()).as("nothing folded, nothing vacuumed").isEqualTo(vacuumed + 2);
    // Written behind the service's back: a whole-table update and a delete.
    jdbi.useHandle(h -> h.execute("UPDATE registration SET preferred_language = 'en' WHERE preferred_language = 'fr'"));
    // Vulnerabilities alone changed: a key keeps its people and only its counts by vulnerability move.
    jdbi.useHandle(h -> h.execute("UPDATE registration SET vulnerabilities = ARRAY['ELDERLY', 'PREGNANCY'] WHERE id IN "
        + "(SELECT id FROM registration WHERE vulnerabilities = '{}' ORDER BY id LIMIT 40)"));
    jdbi.useHandle(h -> h.execute("UPDATE registration SET vulnerabilities = '{}' WHERE id IN "
        + "(SELECT id FROM registration WHERE vulnerabilities @> ARRAY['ELDERLY'] ORDER BY id DESC LIMIT 25)"));
    assertCountsMatchTheRegistry();
    counts.compact();
    jdbi.useHandle(h -> h.execute("DELETE FROM registration_change WHERE registration_id = ?", b.id()));
    jdbi.useHandle(h -> h.execute("DELETE FROM registration WHERE id = ?", b.id()));
    assertCountsMatchTheRegistry();
    counts.compact();
    assertCountsMatchTheRegistry();
  }

  @Test
  void foldsRunningAtOnceFoldEachDeltaOnce() throws Exception {
    for (int i = 0; i < 30; i++) {
      registrations.create(CRISIS_CELL, Samples.parisian(9100 + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Long>> folds = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        folds.add(pool.submit(() -> {
          go.await();
          return counts.compact();
        }));
      }
      go.countDown();
      for (Future<Long> f : folds) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    counts.compact();
    assertCountsMatchTheRegistry();
  }

  @Test
  void aLargeZoneCountsByCellAndPagesLikeAPersonByPersonTest() {
    // A 12 km circle around Paris: most of the generated Parisians, with inner cells counted from the cell counts.
    Zone paris = new CircleZone(48.8566, 2.3522, 12);
    assertThat(paris.cover().counting().countLo()).as("inner cells counted by cell").isNotEmpty();
    assertSearchIsExact(paris, CRISIS_CELL);
    assertSearchIsExact(paris, PARIS_OFFICER);
    // Around Brussels: Belgians, Dutch, Germans and the French of Paris; an officer of Paris counts only the French.
    Zone benelux = new CircleZone(50.8503, 4.3517, 300);
    assertSearchIsExact(benelux, CRISIS_CELL);
    assertSearchIsExact(benelux, PARIS_OFFICER);
    assertThat(search.search(PARIS_OFFICER, benelux, new ZoneSearch.Filter(null, null, null), 0, 1).total())
        .isLessThan(search.search(CRISIS_CELL, benelux, new ZoneSearch.Filter(null, null, null), 0, 1).total());
  }

  @Test
  void aCountryZoneCountsItsResidentsOffshoreAndUnlocatedOnce() {
    // 21 km off the 1:50m coast west of Marseille, within the coastal band (12 nautical miles).
    Registration offshore = registrations.create(CRISIS_CELL, Samples.at(Samples.parisian(9201), 43.12, 5.2));
    Registration unlocated = registrations.create(CRISIS_CELL, Samples.withoutLocation(Samples.parisian(9202)));
    CountryZone france = new CountryZone("FR", CountryBoundaries.shared().zone("FR").orElseThrow());
    List<UUID> ids = search.ids(CRISIS_CELL, france);
    assertThat(ids).contains(offshore.id(), unlocated.id()).doesNotHaveDuplicates();
    assertSearchIsExact(france, CRISIS_CELL);
  }

  @Test
  void aSmallZoneWithoutCountedCellsIsReadPersonByPerson() {
    Zone small = new CircleZone(48.8566, 2.3522, 0.3);
    assertThat(small.cover().counting().countLo()).isEmpty();
    assertSearchIsExact(small, CRISIS_CELL);
  }

  @Test
  void densityMapsCountEveryoneInTheBoxOnce() {
    DensityMap density = new DensityMap(jdbi);
    double[][] boxes = {{2.0, 48.5, 2.8, 49.1}, {-10, 35, 30, 60}, {-180, -90, 180, 90}, {170, -50, -170, 50},
        {2.3522, 48.8566, 2.3522, 48.9}};
    for (double[] b : boxes) {
      for (int res : new int[] {3, 8, 9}) {
        Map<String, Long> expected = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                SELECT h3_parent(h3_cell, :res) AS cell, count(*) AS n FROM registration
                WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL AND latitude BETWEEN :s AND :n
                  AND (CASE WHEN :w <= :e THEN longitude BETWEEN :w AND :e ELSE longitude >= :w OR longitude <= :e END)
                GROUP BY 1""")
            .bind("res", res).bind("w", b[0]).bind("s", b[1]).bind("e", b[2]).bind("n", b[3])
            .map((rs, ctx) -> Map.entry(Long.toHexString(rs.getLong("cell")), rs.getLong("n")))
            .forEach(e -> expected.put(e.getKey(), e.getValue())));
        Map<String, Long> ours = new TreeMap<>();
        density.count(CRISIS_CELL, b[0], b[1], b[2], b[3], res).forEach(c -> ours.put(c.cell(), c.count()));
        if (b[0] == b[2]) {
          assertThat(ours).as("a box without area").isEmpty();
        } else {
          assertThat(ours).as("box %s at resolution %d", java.util.Arrays.toString(b), res).isEqualTo(expected);
        }
      }
    }
  }

  /** Every active registration the actor sees, tested one by one against the zone, oldest first. */
  private static List<Expected> everyoneInside(Zone zone, boolean all, String[] countries) {
    List<Expected> out = new ArrayList<>();
    jdbi.useHandle(h -> h.createQuery("""
            SELECT id, latitude, longitude, country_of_residence, preferred_language,
                   array_to_string(vulnerabilities, ',') AS v
            FROM registration WHERE status = 'ACTIVE' AND (:all OR country_of_residence = ANY(:countries))
            ORDER BY created_at, id""")
        .bind("all", all).bind("countries", countries)
        .map((rs, ctx) -> new Expected(rs.getObject("id", UUID.class), (Double) rs.getObject("latitude"),
            (Double) rs.getObject("longitude"), rs.getString("country_of_residence"),
            rs.getString("preferred_language"), rs.getString("v")))
        .forEach(e -> {
          if (zone.reaches(e.latitude(), e.longitude(), e.residence())) {
            out.add(e);
          }
        }));
    return out;
  }

  record Expected(UUID id, Double latitude, Double longitude, String residence, String language, String v) {}

  private static void assertSearchIsExact(Zone zone, crisis.core.access.Actor actor) {
    List<Expected> inside = everyoneInside(zone, actor.seesEveryCountry(), actor.jurisdictionArray());
    assertThat(inside).as("the zone should hold people").isNotEmpty();
    Map<String, Long> byLanguage = new TreeMap<>();
    Map<String, Long> byVulnerability = new TreeMap<>();
    for (Expected e : inside) {
      byLanguage.merge(e.language(), 1L, Long::sum);
      if (!e.v().isEmpty()) {
        for (String v : e.v().split(",")) {
          byVulnerability.merge(v, 1L, Long::sum);
        }
      }
    }
    List<UUID> order = inside.stream().map(Expected::id).toList();
    // Small pages walk the registry, a page as large as the zone is sorted here, a page past the end is empty.
    int[][] pages = {{0, 7}, {7, 7}, {inside.size() - 3, 7}, {0, 500}, {inside.size(), 10}};
    for (int[] p : pages) {
      ZoneSearch.Result r = search.search(actor, zone, new ZoneSearch.Filter(null, null, null), p[0], p[1]);
      assertThat(r.total()).isEqualTo(inside.size());
      assertThat(r.byLanguage()).isEqualTo(byLanguage);
      assertThat(r.byVulnerability()).isEqualTo(byVulnerability);
      assertThat(r.items()).extracting(Registration::id)
          .as("page at %d of %d", p[0], p[1])
          .containsExactlyElementsOf(order.subList(Math.min(p[0], order.size()),
              Math.min(p[0] + p[1], order.size())));
    }
    // With a filter: the counted cells filter by the same rule as the people read one by one.
    ZoneSearch.Result ar = search.search(actor, zone, new ZoneSearch.Filter(null, null, Language.AR), 0, 5);
    assertThat(ar.total()).isEqualTo(byLanguage.getOrDefault("ar", 0L));
    assertThat(ar.items()).extracting(Registration::id).containsExactlyElementsOf(inside.stream()
        .filter(e -> e.language().equals("ar")).limit(5).map(Expected::id).toList());
    ZoneSearch.Result elderly = search.search(actor, zone,
        new ZoneSearch.Filter(Vulnerability.ELDERLY, null, null), 0, 500);
    assertThat(elderly.total()).isEqualTo(byVulnerability.getOrDefault("ELDERLY", 0L));
    Map<String, Long> elderlyByLanguage = new TreeMap<>();
    Map<String, Long> elderlyByVulnerability = new TreeMap<>();
    for (Expected e : inside) {
      if (List.of(e.v().split(",")).contains("ELDERLY")) {
        elderlyByLanguage.merge(e.language(), 1L, Long::sum);
        for (String v : e.v().split(",")) {
          elderlyByVulnerability.merge(v, 1L, Long::sum);
        }
      }
    }
    assertThat(elderly.byLanguage()).isEqualTo(elderlyByLanguage);
    assertThat(elderly.byVulnerability()).as("the other vulnerabilities of the elderly")
        .isEqualTo(elderlyByVulnerability);
  }

  /** Both tables of cell counts, summed by key, equal a count of the registry itself. */
  private static void assertCountsMatchTheRegistry() {
    assertSameRows("""
        SELECT h3_parent(h3_cell, 8) AS cell, country_of_residence AS country, preferred_language AS language,
               residence_type, vulnerabilities, count(*) AS n
        FROM registration WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL AND vulnerabilities <> '{}'
        GROUP BY 1, 2, 3, 4, 5""", """
        SELECT cell, country, language, residence_type, vulnerabilities, sum(n) AS n
        FROM registration_cell_count GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0""");
    StringBuilder flags = new StringBuilder();
    StringBuilder sums = new StringBuilder();
    for (Vulnerability v : Vulnerability.values()) {
      flags.append(", count(*) FILTER (WHERE '").append(v.name()).append("' = ANY(vulnerabilities))");
      sums.append(", sum(n_").append(v.name().toLowerCase(java.util.Locale.ROOT)).append(")");
    }
    assertSameRows("SELECT h3_parent(h3_cell, 8) AS cell, country_of_residence AS country, preferred_language, "
        + "residence_type, count(*)" + flags + " FROM registration WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL "
        + "GROUP BY 1, 2, 3, 4", "SELECT cell, country, language, residence_type, sum(n)" + sums
        + " FROM registration_cell_total GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0");
    long people = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM registration WHERE status = 'ACTIVE' "
        + "AND h3_cell IS NOT NULL").mapTo(Long.class).one());
    assertThat(people).isPositive();
    assertThat(Coverage.COUNT_RESOLUTION).isEqualTo(8);
  }

  private static void assertSameRows(String registry, String cells) {
    long differences = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM ((" + registry + ") EXCEPT ("
        + cells + ")) a").mapTo(Long.class).one() + h.createQuery("SELECT count(*) FROM ((" + cells + ") EXCEPT ("
        + registry + ")) b").mapTo(Long.class).one());
    assertThat(differences).as("keys whose count differs from the registry's: " + cells).isZero();
  }
}
