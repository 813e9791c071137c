package crisis.benchmarks;

import crisis.api.config.CrisisConfiguration;
import crisis.api.config.DataSources;
import crisis.api.services.Services;
import crisis.core.access.Actor;
import crisis.core.demo.DemoCsv;
import crisis.core.privacy.FieldCipher;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.registry.importing.ImportSummary;
import crisis.core.registry.importing.RegistrationImporter;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;

/**
 * {@code benchmark-import CONFIG --rows N}: generates N nationals, then loads the same CSV file twice into a fresh
 * database on the configured server: once with PostgreSQL's own {@code COPY} into a table of the same columns and the
 * same unique indexes (no validation at all), once through the registry importer (every check on). Prints both
 * rates and their ratio, then the rate of importing the same file a second time (every row found unchanged).
 */
public class BenchmarkImportCommand extends ConfiguredCommand<CrisisConfiguration> {

  private static final String COPY_TABLE = """
      CREATE TABLE registration_copy (
        external_id TEXT, given_name_latin TEXT NOT NULL, family_name_latin TEXT NOT NULL, given_name_arabic TEXT,
        family_name_arabic TEXT, date_of_birth DATE NOT NULL, sex CHAR(1) NOT NULL, national_id TEXT,
        passport_number TEXT, phone TEXT NOT NULL, email TEXT, preferred_language TEXT NOT NULL, address TEXT,
        latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, location_source TEXT,
        country_of_residence CHAR(2) NOT NULL REFERENCES country (iso2), consulate_id TEXT NOT NULL
        REFERENCES consulate (id), residence_type TEXT NOT NULL, stay_purpose TEXT, arrival_date DATE,
        departure_date DATE, vulnerabilities TEXT, household TEXT, emergency_contact_name TEXT,
        emergency_contact_phone TEXT, emergency_contact_relation TEXT, consent_purposes TEXT NOT NULL,
        consent_given_at TIMESTAMPTZ NOT NULL, consent_method TEXT NOT NULL);
      CREATE UNIQUE INDEX ON registration_copy (consulate_id, external_id) WHERE external_id IS NOT NULL;
      CREATE UNIQUE INDEX ON registration_copy (national_id) WHERE national_id IS NOT NULL;
      CREATE UNIQUE INDEX ON registration_copy (passport_number) WHERE passport_number IS NOT NULL;
      CREATE UNIQUE INDEX ON registration_copy (phone, date_of_birth, lower(family_name_latin),
        lower(given_name_latin));
      CREATE INDEX ON registration_copy (country_of_residence);
      CREATE INDEX ON registration_copy (consulate_id);
      """;

  private static final long SEED = 20261129L;

  public BenchmarkImportCommand() {
    super("benchmark-import", "Import N generated nationals and compare with PostgreSQL COPY of the same file");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--rows").type(Long.class).setDefault(1_000_000L).help("nationals to generate");
    subparser.addArgument("--csv-only").action(Arguments.storeTrue())
        .help("leave out the workbook imports (the CSV, COPY and the database's floor only)");
    subparser.addArgument("--keep").action(Arguments.storeTrue()).help("keep the benchmark database");
  }

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration config)
      throws Exception {
    long rows = namespace.getLong("rows");
    Path csv = Files.createTempFile("bench-registrations-", ".csv");
    LocalDate today = LocalDate.now();
    try {
      long t0 = System.nanoTime();
      DemoCsv.write(csv, rows, SEED, today);
      double genSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("generated %d rows (%.1f MB) in %.1f s%n", rows, Files.size(csv) / 1e6, genSeconds);

      try (ScratchDatabase scratch = new ScratchDatabase(DataSources.server(config), "crisis_bench_",
          namespace.getBoolean("keep"))) {
        Jdbi jdbi = scratch.jdbi;
        jdbi.useHandle(h -> h.execute(COPY_TABLE));

        t0 = System.nanoTime();
        long copied;
        try (Connection c = scratch.connect();
             Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
          copied = c.unwrap(PGConnection.class).getCopyAPI()
              .copyIn("COPY registration_copy FROM STDIN WITH (FORMAT csv, HEADER true)", r);
        }
        double copySeconds = (System.nanoTime() - t0) / 1e9;

        RegistrationImporter importer = Services.build(jdbi, Clock.systemUTC()).importer();
        t0 = System.nanoTime();
        ImportSummary s = importer.importFile(Actor.cli("benchmark"), csv, o -> { });
        double importSeconds = (System.nanoTime() - t0) / 1e9;

        System.out.printf("COPY (no validation)        %9d rows in %7.1f s = %8.0f rows/s%n", copied, copySeconds,
            copied / copySeconds);
        System.out.printf("import (all checks, report) %9d rows in %7.1f s = %8.0f rows/s (created %d, rejected %d,"
                + " duplicates %d)%n", s.rows(), importSeconds, s.rows() / importSeconds, s.created(),
            s.rejected(), s.duplicates());
        System.out.printf("import / COPY rate ratio: %.2f%n", (s.rows() / importSeconds) / (copied / copySeconds));
        floor(config, namespace, jdbi, copied / copySeconds);

        t0 = System.nanoTime();
        ImportSummary again = importer.importFile(Actor.cli("benchmark"), csv, o -> { });
        double againSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("same file again             %9d rows in %7.1f s = %8.0f rows/s (unchanged %d, created %d,"
                + " updated %d)%n", again.rows(), againSeconds, again.rows() / againSeconds, again.unchanged(),
            again.created(), again.updated());
        lookups(jdbi, rows, today);
      }
      if (!namespace.getBoolean("csv_only")) {
        workbook(config, namespace, csv, rows);
      }
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  /**
   * The database's own share of the import: the rows the import wrote (already checked, sealed, hashed and placed),
   * copied out, then COPYed into the {@code registration} table of a fresh database in the import's batches of
   * {@value RegistrationImporter#BATCH}, one transaction each, on as many connections as the import has writers;
   * once with the registry's triggers (outbox, cell counts) and once without them. No import, whatever its JVM does,
   * can be faster than this on the same server: it is the floor the ratio to the plain COPY is bounded by.
   */
  private static void floor(CrisisConfiguration config, Namespace namespace, Jdbi imported, double copyRate)
      throws Exception {
    String columns = "id, " + crisis.core.registry.db.CopyFormat.ROW_COLUMNS.strip()
        + ", content_hash, h3_cell, version, created_at, created_by, created_via, updated_at, updated_by";
    Path dump = Files.createTempFile("bench-registration-rows-", ".copy");
    try {
      try (var h = imported.open();
           java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(dump), 1 << 20)) {
        h.getConnection().unwrap(PGConnection.class).getCopyAPI()
            .copyOut("COPY registration (" + columns + ") TO STDOUT", out);
      }
      for (boolean triggers : new boolean[] {true, false}) {
        try (ScratchDatabase scratch = new ScratchDatabase(DataSources.server(config), "crisis_bench_",
            namespace.getBoolean("keep"))) {
          long t0 = System.nanoTime();
          long rows = copyInBatches(scratch, dump, "COPY registration (" + columns + ") FROM STDIN", triggers);
          double seconds = (System.nanoTime() - t0) / 1e9;
          System.out.printf("floor: the import's rows COPYed into registration, %s %9d rows in %7.1f s = %8.0f"
                  + " rows/s (%.2f of COPY)%n", triggers ? "triggers on " : "triggers off", rows, seconds,
              rows / seconds, rows / seconds / copyRate);
        }
      }
    } finally {
      Files.deleteIfExists(dump);
    }
  }

  /** COPYs the lines of {@code dump} in batches, one transaction each, on the importer's number of writers. */
  private static long copyInBatches(ScratchDatabase scratch, Path dump, String sql, boolean triggers)
      throws Exception {
    java.util.concurrent.BlockingQueue<List<String>> batches = new java.util.concurrent.ArrayBlockingQueue<>(4);
    List<String> end = List.of();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    List<java.util.concurrent.Future<Long>> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      writers.add(pool.submit(() -> {
        long n = 0;
        try (Connection c = scratch.connect()) {
          c.setAutoCommit(false);
          if (!triggers) {
            try (var st = c.createStatement()) {
              st.execute("SET session_replication_role = replica");
            }
          }
          for (List<String> batch = batches.take(); !batch.isEmpty(); batch = batches.take()) {
            StringBuilder b = new StringBuilder(batch.size() * 600);
            batch.forEach(l -> b.append(l).append('\n'));
            n += c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new java.io.StringReader(b.toString()));
            c.commit();
          }
        }
        return n;
      }));
    }
    try (var lines = Files.newBufferedReader(dump, StandardCharsets.UTF_8)) {
      List<String> batch = new ArrayList<>(RegistrationImporter.BATCH);
      for (String l = lines.readLine(); l != null; l = lines.readLine()) {
        batch.add(l);
        if (batch.size() == RegistrationImporter.BATCH) {
          batches.put(batch);
          batch = new ArrayList<>(RegistrationImporter.BATCH);
        }
      }
      if (!batch.isEmpty()) {
        batches.put(batch);
      }
      batches.put(end);
      batches.put(end);
    }
    long n = 0;
    for (var f : writers) {
      n += f.get();
    }
    pool.shutdown();
    return n;
  }

  /**
   * The same rows as an Excel workbook (written with POI's streaming writer, the date of birth as a date cell as Excel
   * keeps it; its strings inline, where Excel would put them in the shared table), imported into a fresh database: its rate beside the CSV's,
   * and the heap at its peak (the heap pools' peaks, reset before: garbage included, so run it with a small -Xmx to
   * see what it needs).
   */
  private static void workbook(CrisisConfiguration config, Namespace namespace, Path csv, long rows) throws Exception {
    Path xlsx = Files.createTempFile("bench-registrations-", ".xlsx");
    try {
      long t0 = System.nanoTime();
      // Strings written inline: POI's writer keeps a shared string table whole in memory (more than the reader).
      try (org.apache.poi.xssf.streaming.SXSSFWorkbook wb = new org.apache.poi.xssf.streaming.SXSSFWorkbook(100);
           Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
           org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.builder().setReader(r)
               .setFormat(org.apache.commons.csv.CSVFormat.RFC4180).get();
           java.io.OutputStream out = Files.newOutputStream(xlsx)) {
        org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("Registre");
        org.apache.poi.ss.usermodel.CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
        int born = -1;
        int n = 0;
        for (org.apache.commons.csv.CSVRecord rec : p) {
          org.apache.poi.ss.usermodel.Row row = sheet.createRow(n++);
          for (int i = 0; i < rec.size(); i++) {
            String v = rec.get(i);
            if (n == 1 && v.equals("date_of_birth")) {
              born = i;
            }
            if (v.isEmpty()) {
              continue;
            }
            if (n > 1 && i == born) {
              row.createCell(i).setCellValue(LocalDate.parse(v));
              row.getCell(i).setCellStyle(date);
            } else {
              row.createCell(i).setCellValue(v);
            }
          }
        }
        wb.write(out);
      }
      System.out.printf("workbook of the same rows written in %.1f s (%.1f MB, CSV %.1f MB)%n",
          (System.nanoTime() - t0) / 1e9, Files.size(xlsx) / 1e6, Files.size(csv) / 1e6);
      importWorkbook(config, namespace, xlsx, "import of the workbook     ");
      Files.deleteIfExists(xlsx);
      // The same rows as Excel saves them: every text in the shared string table, read from disk by the importer.
      t0 = System.nanoTime();
      ExcelLikeWorkbook.write(csv, "date_of_birth", xlsx);
      System.out.printf("workbook with shared strings written in %.1f s (%.1f MB)%n", (System.nanoTime() - t0) / 1e9,
          Files.size(xlsx) / 1e6);
      importWorkbook(config, namespace, xlsx, "import, shared strings     ");
      // Beside it, what POI's read-only table (the importer's before) holds of the same workbook's strings.
      System.gc();
      long base = usedHeap();
      try (org.apache.poi.openxml4j.opc.OPCPackage pkg = org.apache.poi.openxml4j.opc.OPCPackage.open(
          xlsx.toFile(), org.apache.poi.openxml4j.opc.PackageAccess.READ)) {
        org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable table =
            new org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable(pkg, false);
        System.gc();
        System.out.printf("POI's read-only table of the same strings: %d texts, %.0f MB of heap%n",
            table.getUniqueCount(), (usedHeap() - base) / 1e6);
      } catch (OutOfMemoryError e) {
        System.out.printf("POI's read-only table of the same strings: out of memory in this heap (%.0f MB max)%n",
            Runtime.getRuntime().maxMemory() / 1e6);
      }
    } finally {
      Files.deleteIfExists(xlsx);
    }
  }

  private static long usedHeap() {
    return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(m -> m.getType() == java.lang.management.MemoryType.HEAP).mapToLong(m -> m.getUsage().getUsed())
        .sum();
  }

  /** Imports a workbook into a fresh database: its rate, and the heap at its peak (garbage included). */
  private static void importWorkbook(CrisisConfiguration config, Namespace namespace, Path xlsx, String label)
      throws Exception {
    try (ScratchDatabase scratch = new ScratchDatabase(DataSources.server(config), "crisis_bench_",
        namespace.getBoolean("keep"))) {
      RegistrationImporter importer = Services.build(scratch.jdbi, Clock.systemUTC()).importer();
      System.gc();
      List<java.lang.management.MemoryPoolMXBean> heap = java.lang.management.ManagementFactory
          .getMemoryPoolMXBeans().stream().filter(m -> m.getType() == java.lang.management.MemoryType.HEAP)
          .toList();
      heap.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
      long before = heap.stream().mapToLong(m -> m.getUsage().getUsed()).sum();
      long t0 = System.nanoTime();
      ImportSummary s = importer.importFile(Actor.cli("benchmark"), xlsx, o -> { });
      double seconds = (System.nanoTime() - t0) / 1e9;
      long peak = heap.stream().mapToLong(m -> m.getPeakUsage().getUsed()).sum();
      System.out.printf("%s %9d rows in %7.1f s = %8.0f rows/s (created %d, rejected %d);"
          + " heap at its peak %.0f MB (%.0f MB before)%n", label, s.rows(), seconds, s.rows() / seconds,
          s.created(), s.rejected(), peak / 1e6, before / 1e6);
    }
  }

  /**
   * "Is this passport already registered?": the registry's look-up by the passport's blind index (the duplicate rule
   * of every create and update, {@code RegistrationDao.findDuplicate}) beside the same look-up on the clear column of
   * the COPY table, for 2,000 passport numbers of the file, each asked once; p50 and p99 of each.
   */
  private static void lookups(Jdbi jdbi, long rows, LocalDate today) {
    // The same people as the file (same seed and day), read from the generator rather than parsed back.
    List<String> passports = new ArrayList<>();
    Iterator<crisis.core.registry.RegistrationData> people = new crisis.core.demo.DemoData(SEED, today)
        .registrations();
    for (int i = 0; i < rows && passports.size() < 20_000; i++) {
      String p = people.next().passportNumber();
      if (p != null) {
        passports.add(p);
      }
    }
    java.util.Collections.shuffle(passports, new java.util.Random(31));
    List<String> asked = passports.subList(0, Math.min(2_000, passports.size()));
    FieldCipher cipher = FieldCipher.of(jdbi);
    long[] sealed = new long[asked.size()];
    long[] clear = new long[asked.size()];
    int found = 0;
    try (var h = jdbi.open()) {
      RegistrationDao dao = h.attach(RegistrationDao.class);
      for (int i = 0; i < asked.size(); i++) {
        String p = asked.get(i);
        long t0 = System.nanoTime();
        found += dao.findDuplicate(new java.util.UUID(0, 0), null, cipher.index(FieldCipher.Field.PASSPORT_NUMBER, p),
            null, null, null, null).isPresent() ? 1 : 0;
        sealed[i] = System.nanoTime() - t0;
        t0 = System.nanoTime();
        h.createQuery("SELECT count(*) FROM registration_copy WHERE passport_number = :p").bind("p", p)
            .mapTo(Long.class).one();
        clear[i] = System.nanoTime() - t0;
      }
    }
    java.util.Arrays.sort(sealed);
    java.util.Arrays.sort(clear);
    System.out.printf("look-up by passport number, %d asked, %d found: blind index p50 %.2f ms p99 %.2f ms; clear "
        + "column (COPY table) p50 %.2f ms p99 %.2f ms%n", asked.size(), found, sealed[sealed.length / 2] / 1e6,
        sealed[sealed.length * 99 / 100] / 1e6, clear[clear.length / 2] / 1e6, clear[clear.length * 99 / 100] / 1e6);
  }
}
