package crisis.core.registry.importing;

import crisis.core.privacy.FieldCipher;
import crisis.core.registry.CellCounts;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.FieldError;
import crisis.core.common.ValidationException;
import crisis.core.consulate.ConsulateDao;
import crisis.core.registry.db.ImportRunDao;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports a registration CSV row by row: each valid row is created, updated (same consulate and external id) or
 * reported as a duplicate or unchanged; each invalid row is rejected with its line, column and reason and writes
 * nothing. Rows are committed in batches, so a file stopped half-way keeps its earlier rows, and importing the same
 * file again changes nothing. Memory does not grow with the file: one thread parses, {@link #PROCESSORS} others check
 * chunks of rows, and {@value #WRITERS} more write earlier batches on their own connections, each step handed on in
 * file order ({@link ParallelWrites}).
 */
public final class RegistrationImporter {
  public static final int BATCH = 10_000;
  /** Batches written at once, each on its own connection: the database then works on more than one core. */
  static final int WRITERS = 2;
  /** The first batch is small, so that the database starts writing while the reader's code is still warming up. */
  static final int FIRST_BATCH = 1_000;
  /** Records parsed at a time and handed to one processor thread; a batch is always whole chunks. */
  static final int CHUNK = 500;
  /** Threads checking chunks at once (validation, sealing, rendering), beside the reader that parses the file. */
  static final int PROCESSORS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private final Jdbi jdbi;
  private final RegistrationValidator validator;
  private final AuditTrail audit;
  private final Clock clock;

  public RegistrationImporter(Jdbi jdbi, RegistrationValidator validator, AuditTrail audit, Clock clock) {
    this.jdbi = jdbi;
    this.validator = validator;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Checks the actor and the file's header before anything is written.
   *
   * @throws ValidationException (field "file") for a missing, unknown or repeated column
   */
  public ImportJob open(Actor actor, SpooledFile file, String fileName) {
    return open(actor, file, fileName, null);
  }

  /**
   * The same, the headers read with a consulate's column mapping first (null for none).
   *
   * @throws ValidationException (field "file") for a missing, unknown or repeated column
   */
  public ImportJob open(Actor actor, SpooledFile file, String fileName, ColumnMapping mapping) {
    Opened o = read(actor, file, mapping);
    try {
      o.header.require();
    } catch (IllegalArgumentException e) {
      throw new ValidationException("file", e.getMessage());
    }
    return o.job(this, actor, file, fileName);
  }

  /**
   * What importing the file would do, nothing written ({@link ImportJob#preview}); when headers are unknown or
   * required columns missing, the preview says which and checks no row, so that the officer maps them first, and
   * names the mappings of {@code kept} (asked for only then) under which the file's header reads whole: every header
   * known, every required column there, none twice. A mapping that names the unknown headers but gives a column
   * twice, or leaves one missing, would stop the officer rather than help.
   *
   * @throws ValidationException (field "file") for a repeated column or a file that is not CSV
   */
  public ImportPreview preview(Actor actor, SpooledFile file, ColumnMapping mapping, int sample,
      java.util.function.Supplier<List<ColumnMapping>> kept) {
    Opened o = read(actor, file, mapping);
    if (o.header.complete()) {
      return o.job(this, actor, file, null).preview(sample);
    }
    List<String> fit = new ArrayList<>();
    if (!o.header.unknown().isEmpty()) {
      for (ColumnMapping m : kept.get()) {
        try {
          if (CsvFormat.header(o.cells, m).complete()) {
            fit.add(m.name());
          }
        } catch (IllegalArgumentException e) {
          // a column twice under this mapping: not proposed
        }
      }
    }
    return ImportPreview.unmapped(o.format, o.header.unknown(), o.header.missing(), fit);
  }

  /** A file's header as the file has it and as it was read, and how the file is read. */
  private record Opened(List<String> cells, CsvFormat.Header header, char delimiter, ImportSummary.Format format) {

    /** The import of the file: the consulates and countries its rows may name by name, read now. */
    ImportJob job(RegistrationImporter importer, Actor actor, SpooledFile file, String fileName) {
      return new ImportJob(importer, actor, file, fileName, header.positions(), header.width(),
          importer.consulateIds(), delimiter, format, importer.countryNames(), importer.consulateNames());
    }
  }

  private Opened read(Actor actor, SpooledFile file, ColumnMapping mapping) {
    RegistrationService.requireWriter(actor);
    char delimiter = delimiter(file.path());
    try (Reader r = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8);
         CSVParser p = CSVParser.builder().setReader(r).setFormat(format(delimiter)).get()) {
      Iterator<CSVRecord> it = p.iterator();
      if (!it.hasNext()) {
        throw new ValidationException("file", "has no header row");
      }
      List<String> cells = it.next().toList();
      CsvFormat.Header header = CsvFormat.header(cells, mapping);
      String mappingName = mapping == null ? null : mapping.name();
      List<String> ignored = header.ignored().isEmpty() ? null : header.ignored();
      ImportSummary.Format read = file.sheet() != null
          ? new ImportSummary.Format(null, null, null, header.renamed(), ignored, mappingName, file.sheet())
          : new ImportSummary.Format(file.charset(), file.charsetFrom(), String.valueOf(delimiter), header.renamed(),
              ignored, mappingName, null);
      return new Opened(cells, header, delimiter, read);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("file", e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      throw new ValidationException("file", "cannot be read as CSV: " + e.getMessage());
    }
  }

  private Set<String> consulateIds() {
    return Set.copyOf(jdbi.withExtension(ConsulateDao.class, ConsulateDao::ids));
  }

  /**
   * Each consulate by its city and its name ({@link CsvFormat#consulateKey}: "Paris", "Consulat général de Paris"),
   * where no other consulate has the same (a city of two consulates is left to their ids), and each id under {@link
   * CsvFormat#ID_KEY}.
   */
  private Map<String, String> consulateNames() {
    List<crisis.core.consulate.Consulate> all = jdbi.withExtension(ConsulateDao.class, ConsulateDao::list);
    Map<String, String> names = new HashMap<>();
    Set<String> shared = new java.util.HashSet<>();
    for (crisis.core.consulate.Consulate c : all) {
      for (String name : new String[] {c.city(), c.name()}) {
        String key = name == null ? "" : CsvFormat.consulateKey(name);
        String before = key.isEmpty() ? null : names.putIfAbsent(key, c.id());
        if (before != null && !before.equals(c.id())) {
          shared.add(key);
        }
      }
    }
    shared.forEach(names::remove);
    all.forEach(c -> names.put(CsvFormat.ID_KEY + c.id(), c.id()));
    return Map.copyOf(names);
  }

  /** Every country by its names, for a country of residence written out ("France", "Maroc", "المغرب"). */
  private Map<String, String> countryNames() {
    Map<String, String> countries = new HashMap<>();
    for (crisis.core.country.Country c : jdbi.withExtension(crisis.core.country.CountryDao.class,
        crisis.core.country.CountryDao::list)) {
      for (String name : new String[] {c.nameEn(), c.nameFr(), c.nameAr()}) {
        if (name != null) {
          countries.putIfAbsent(HeaderNames.normalized(name), c.iso2());
        }
      }
    }
    return Map.copyOf(countries);
  }

  /**
   * Imports a file from disk in one call (command line, demo loading, benchmarks): spooled and checked like an upload,
   * no size limit; a file named {@code .xlsx} is read as a workbook (its first sheet).
   */
  public ImportSummary importFile(Actor actor, java.nio.file.Path file, Consumer<RowOutcome> sink) {
    boolean workbook = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx");
    try (java.io.InputStream in = Files.newInputStream(file);
         SpooledFile spooled = workbook ? SpooledFile.spoolWorkbook(in, Long.MAX_VALUE, null)
             : SpooledFile.spool(in, Long.MAX_VALUE)) {
      return open(actor, spooled, file.getFileName().toString()).run(sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static CSVFormat format() {
    return format(',');
  }

  static CSVFormat format(char delimiter) {
    return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
  }

  /** The separators a file may use, in the order a tie is settled: what spreadsheets save, by their locale. */
  static final String DELIMITERS = ",;\t";

  /**
   * The file's separator: the one of {@link #DELIMITERS} its header line holds most often outside quotes (a French
   * Excel saves with {@code ;}, Excel's Unicode text with tabs); a comma when it holds none (one column).
   */
  static char delimiter(java.nio.file.Path file) {
    String line;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      line = r.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return delimiter(line == null ? "" : line);
  }

  static char delimiter(String header) {
    int[] counts = new int[DELIMITERS.length()];
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && DELIMITERS.indexOf(c) >= 0) {
        counts[DELIMITERS.indexOf(c)]++;
      }
    }
    int best = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > counts[best]) {
        best = i;
      }
    }
    return DELIMITERS.charAt(best);
  }

  /** One open import: call {@link #run} once. */
  public static final class ImportJob {
    private final RegistrationImporter importer;
    private final Actor actor;
    private final SpooledFile file;
    private final String fileName;
    private final int[] positions;
    /** How many cells the header has, columns left out by a mapping included. */
    private final int width;
    private final Set<String> consulates;
    private final char delimiter;
    /** Every country by its names, normalised as {@link HeaderNames#normalized} writes them, and its code. */
    private final Map<String, String> countries;
    /** The consulates by their city and name ({@link CsvFormat#consulateKey}), and their ids. */
    private final Map<String, String> consulateNames;
    /** How the file was read: its character set, separator and the headers taken under another name. */
    private final ImportSummary.Format format;
    /** Seals and indexes the identity numbers of each row as it is read. */
    private final FieldCipher cipher;
    /** Lines located from their address, and how, until their outcome is handed on (the reader writes, the sink reads). */
    private final Map<Long, String> located = new ConcurrentHashMap<>();
    /** Lines with values read otherwise than the format writes them, and how, until their outcome is handed on. */
    private final Map<Long, List<String>> readAs = new ConcurrentHashMap<>();

    ImportJob(RegistrationImporter importer, Actor actor, SpooledFile file, String fileName, int[] positions,
        int width, Set<String> consulates, char delimiter, ImportSummary.Format format, Map<String, String> countries,
        Map<String, String> consulateNames) {
      this.importer = importer;
      this.actor = actor;
      this.file = file;
      this.fileName = fileName;
      this.positions = positions;
      this.width = width;
      this.consulates = consulates;
      this.delimiter = delimiter;
      this.format = format;
      this.countries = countries;
      this.consulateNames = consulateNames;
      this.cipher = FieldCipher.of(importer.jdbi);
    }

    /** Imports every row, handing each outcome to {@code sink} (on the calling thread), and returns the totals. */
    public ImportSummary run(Consumer<RowOutcome> sink) {
      UUID runId = UUID.randomUUID();
      Instant started = Instant.now(importer.clock);
      long t0 = System.nanoTime();
      importer.jdbi.useExtension(ImportRunDao.class, dao -> dao.start(runId, started, actor.username(), fileName,
          file.sha256()));
      Counts counts = new Counts(o -> {
        String note = located.remove(o.line());
        RowOutcome told = note == null || o.status() == RowOutcome.Status.REJECTED ? o : o.withLocation(note);
        List<String> read = readAs.remove(o.line());
        sink.accept(read == null ? told : told.withReadAs(read));
      });
      BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2);
      Thread reader = new Thread(() -> read(queue), "import-reader-" + runId);
      reader.setDaemon(true);
      reader.start();
      String stoppedBy = null;
      List<BatchWriter> writers = new ArrayList<>(WRITERS);
      try {
        for (int i = 0; i < WRITERS; i++) {
          writers.add(new BatchWriter(importer.jdbi, importer.audit, actor, runId, importer.clock));
        }
      } catch (RuntimeException e) {
        writers.forEach(BatchWriter::close);
        reader.interrupt();
        throw e;
      }
      try (ParallelWrites writes = new ParallelWrites(writers, "import-writer-" + runId, counts::add)) {
        List<Candidate> carry = List.of();
        while (true) {
          Batch b = queue.take();
          if (b.failure != null) {
            throw b.failure;
          }
          List<Candidate> rows = new ArrayList<>(carry);
          rows.addAll(b.rows);
          carry = writes.submit(rows, b.rejected);
          if (b.last) {
            stoppedBy = b.stoppedBy;
            while (!carry.isEmpty()) {
              carry = writes.submit(carry, List.of());
            }
            writes.finish();
            break;
          }
        }
      } catch (InterruptedException e) {
        reader.interrupt();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("import interrupted", e);
      } catch (RuntimeException e) {
        reader.interrupt();
        throw e;
      } finally {
        importer.jdbi.useExtension(ImportRunDao.class, dao -> dao.finish(runId, Instant.now(importer.clock),
            counts.rows, counts.created, counts.updated, counts.unchanged, counts.duplicates, counts.rejected));
      }
      // A large import leaves many small deltas in the cell counts: folded now rather than read by every search.
      new CellCounts(importer.jdbi).compact();
      return new ImportSummary(runId, file.sha256(), counts.rows, counts.created, counts.updated,
          counts.unchanged, counts.duplicates, counts.rejected, (System.nanoTime() - t0) / 1e9, stoppedBy, format);
    }

    /**
     * The reader thread: parses the file into chunks of {@value #CHUNK} records, which {@link #PROCESSORS} threads
     * type-check, validate, seal and render at once (the costly part: a phone number's check alone takes as long as
     * parsing the row), and gathers their results into batches in file order.
     */
    private void read(BlockingQueue<Batch> queue) {
      ExecutorService pool = Executors.newFixedThreadPool(PROCESSORS, r -> {
        Thread t = new Thread(r, Thread.currentThread().getName() + "-check");
        t.setDaemon(true);
        return t;
      });
      Batches batches = new Batches(queue);
      ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
      try (BufferedReader r = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8);
           CSVParser p = CSVParser.builder().setReader(r).setFormat(format(delimiter)).get()) {
        Iterator<CSVRecord> it = p.iterator();
        it.next(); // header, checked by open()
        long lineEnd = p.getCurrentLineNumber();
        long[] lines = new long[CHUNK];
        List<CSVRecord> records = new ArrayList<>(CHUNK);
        RowOutcome broken = null;
        String stoppedBy = null;
        while (true) {
          CSVRecord rec;
          long line = lineEnd + 1;
          try {
            if (!it.hasNext()) {
              break;
            }
            rec = it.next();
          } catch (UncheckedIOException | IllegalStateException e) {
            stoppedBy = "the CSV structure breaks near line " + line + " (an unclosed quote?); "
                + "nothing after it was read";
            broken = RowOutcome.rejected(line, null, List.of(new FieldError("file", stoppedBy)));
            break;
          }
          lineEnd = p.getCurrentLineNumber();
          lines[records.size()] = line;
          records.add(rec);
          if (records.size() == CHUNK) {
            pending.add(submit(pool, lines, records));
            lines = new long[CHUNK];
            records = new ArrayList<>(CHUNK);
            while (pending.size() > 2 * PROCESSORS) {
              batches.add(pending.poll());
            }
          }
        }
        if (!records.isEmpty()) {
          pending.add(submit(pool, lines, records));
        }
        while (!pending.isEmpty()) {
          batches.add(pending.poll());
        }
        batches.last(broken, stoppedBy);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException | IOException | Error e) {
        Batch failed = new Batch();
        failed.failure = e instanceof RuntimeException re ? re : e instanceof IOException io
            ? new UncheckedIOException(io) : new IllegalStateException("the import's reader failed", e);
        // Only this thread puts: once the batches not yet written are dropped, the failure always has room (a full
        // queue once made it vanish, and the writers wait for a next batch for ever).
        queue.clear();
        queue.offer(failed);
      } finally {
        pool.shutdownNow();
      }
    }

    /** One chunk's rows checked on a processor thread, as a part of a batch. */
    private Future<Batch> submit(ExecutorService pool, long[] lines, List<CSVRecord> records) {
      return pool.submit(() -> {
        Batch part = new Batch();
        for (int i = 0; i < records.size(); i++) {
          process(lines[i], records.get(i), part);
        }
        return part;
      });
    }

    /**
     * What importing the file would do, nothing written: every row read and checked as the import checks it (but
     * for duplicates, which only the import finds against the register), the first {@code sample} rows as they were
     * read, and the problems by kind (column and reason code), each with a count and its first lines. Closes nothing:
     * the file can then be imported or let go.
     */
    public ImportPreview preview(int sample) {
      ImportPreview.Builder preview = new ImportPreview.Builder(format, sample);
      walk(header -> { }, (rec, line) -> {
        List<FieldError> errors = new ArrayList<>(2);
        List<String> read = new ArrayList<>(0);
        preview.row(line, check(rec.values(), errors, read).data(), errors, read);
      }, line -> preview.stoppedBy("the CSV structure breaks near line " + line + " (an unclosed quote?)"));
      return preview.build();
    }

    /**
     * The rows importing the file would refuse, as a workbook the officer fixes in Excel and sends again: the file's
     * own header and cells, then a column of reasons ("column: reason; …") and the row's line; nothing written. The
     * rows the import would take are left out (sending them again changes nothing: the import is idempotent).
     *
     * @return how many rows were refused
     */
    public long refused(java.io.OutputStream out) {
      long[] refused = {0};
      List<String> headers = new ArrayList<>();
      try (org.apache.poi.xssf.streaming.SXSSFWorkbook wb = new org.apache.poi.xssf.streaming.SXSSFWorkbook(100)) {
        org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("Refused rows");
        walk(header -> {
          headers.addAll(header);
          List<String> cells = new ArrayList<>(header);
          cells.add("reasons");
          cells.add("line");
          write(sheet.createRow(0), cells);
        }, (rec, line) -> {
          List<FieldError> errors = new ArrayList<>(2);
          if (check(rec.values(), errors, new ArrayList<>(0)).data() == null) {
            refusedRow(sheet, rec.toList(), errors.stream().map(e -> asWritten(e.field(), headers) + ": "
                + e.reason()).collect(java.util.stream.Collectors.joining("; ")), line);
            refused[0]++;
          }
        }, line -> refusedRow(sheet, List.of(), "file: the CSV structure breaks near line " + line
            + " (an unclosed quote?); the rows after it were not read", line));
        wb.write(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return refused[0];
    }

    /**
     * A column as the file's own header names it ("Date de naissance" rather than date_of_birth), so that the
     * officer finds it in the workbook; else as the import names it.
     */
    private String asWritten(String column, List<String> headers) {
      int p = CsvFormat.position(column, positions);
      return p >= 0 && p < headers.size() ? HeaderNames.strippedMark(headers.get(p)).strip() : column;
    }

    /** A refused row below the last: its cells as the file has them, padded to the header, why, and its line. */
    private void refusedRow(org.apache.poi.ss.usermodel.Sheet sheet, List<String> cells, String why, long line) {
      List<String> row = new ArrayList<>(cells);
      while (row.size() < width) {
        row.add("");
      }
      row.add(why);
      row.add(Long.toString(line));
      write(sheet.createRow(sheet.getLastRowNum() + 1), row);
    }

    /**
     * Reads the file's rows in order, after its header (checked by {@link RegistrationImporter#open}), each with the
     * line it starts on; where the CSV structure breaks, says on which line and stops. Nothing written.
     *
     * @param header given the header's cells as the file has them, before any row
     */
    private void walk(java.util.function.Consumer<List<String>> header,
        java.util.function.ObjLongConsumer<CSVRecord> row, java.util.function.LongConsumer broken) {
      try (BufferedReader r = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8);
           CSVParser p = CSVParser.builder().setReader(r).setFormat(format(delimiter)).get()) {
        Iterator<CSVRecord> it = p.iterator();
        header.accept(it.next().toList());
        long lineEnd = p.getCurrentLineNumber();
        while (true) {
          long line = lineEnd + 1;
          CSVRecord rec;
          try {
            if (!it.hasNext()) {
              break;
            }
            rec = it.next();
          } catch (UncheckedIOException | IllegalStateException e) {
            broken.accept(line);
            break;
          }
          lineEnd = p.getCurrentLineNumber();
          row.accept(rec, line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A row's cells as text: what the officer typed stays what it was (no number or date guessed from it). */
    private static void write(org.apache.poi.ss.usermodel.Row row, List<String> cells) {
      for (int i = 0; i < cells.size(); i++) {
        if (!cells.get(i).isEmpty()) {
          row.createCell(i).setCellValue(cells.get(i));
        }
      }
    }

    /**
     * One row read and checked: its external id as written, its data (null when refused, with why in {@code errors},
     * by CSV column), and where it was located from its address (null when it was not).
     */
    private record Checked(String externalId, RegistrationData data, String location) {}

    private Checked check(String[] cells, List<FieldError> errors, List<String> readAs) {
      if (cells.length != width) {
        errors.add(new FieldError("file", "has " + cells.length + " cells where the header has " + width));
        return new Checked(null, null, null);
      }
      List<FieldError> found = new ArrayList<>(2);
      RegistrationData raw = CsvFormat.parse(cells, positions, found, readAs, countries, consulateNames);
      RegistrationData data = null;
      String location = null;
      // The rules are checked even when a value could not be read, so that the officer sees every problem of the
      // row at once; what a value left unread makes them say of its own column ("is required") is left out.
      Set<String> unread = new java.util.HashSet<>();
      for (FieldError e : found) {
        unread.addAll(CsvFormat.unreadBy(e.field()));
      }
      List<FieldError> broken = new ArrayList<>(2);
      try {
        List<String> notes = new ArrayList<>(1);
        data = importer.validator.check(RegistrationService.authoriseWrite(actor, raw), broken, notes);
        location = notes.isEmpty() ? null : String.join("; ", notes);
      } catch (ValidationException e) {
        broken.addAll(e.errors());
      }
      for (FieldError e : broken) {
        if (!unread.contains(CsvFormat.columnOf(e.field()))) {
          found.add(e);
        }
      }
      if (!unread.isEmpty()) {
        data = null;
      }
      if (data != null && !consulates.contains(data.consulateId())) {
        found.add(new FieldError("consulateId", "no consulate '" + data.consulateId() + "'"));
      }
      for (FieldError e : found) {
        errors.add(new FieldError(CsvFormat.columnOf(e.field()), e.reason()));
      }
      return new Checked(raw.externalId(), errors.isEmpty() ? data : null, location);
    }

    private void process(long line, CSVRecord rec, Batch batch) {
      List<FieldError> errors = new ArrayList<>(2);
      List<String> readAs = new ArrayList<>(0);
      Checked c = check(rec.values(), errors, readAs);
      if (!readAs.isEmpty()) {
        this.readAs.put(line, readAs);
      }
      if (c.data() == null) {
        batch.rejected.add(RowOutcome.rejected(line, c.externalId(), errors));
        return;
      }
      if (c.location() != null) {
        located.put(line, c.location());
      }
      batch.rows.add(Candidate.of(line, c.data(), cipher));
    }

  }

  /** The checked chunks gathered into batches, in file order, and handed to the writers. */
  static final class Batches {
    private final BlockingQueue<Batch> queue;
    private Batch batch = new Batch();
    private boolean first = true;

    Batches(BlockingQueue<Batch> queue) {
      this.queue = queue;
    }

    /** Adds the next chunk's rows (waiting for its check), handing the batch on once it is full. */
    void add(Future<Batch> chunk) throws InterruptedException {
      Batch part;
      try {
        part = chunk.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
      }
      batch.rows.addAll(part.rows);
      batch.rejected.addAll(part.rejected);
      if (batch.rows.size() + batch.rejected.size() >= (first ? FIRST_BATCH : BATCH)) {
        queue.put(batch);
        batch = new Batch();
        first = false;
      }
    }

    /** Hands on the last batch, with the row the file broke at and why, if it did. */
    void last(RowOutcome broken, String stoppedBy) throws InterruptedException {
      if (broken != null) {
        batch.rejected.add(broken);
        batch.stoppedBy = stoppedBy;
      }
      batch.last = true;
      queue.put(batch);
    }
  }

  /** Rows handed from the reader thread to the writer. */
  static final class Batch {
    final List<Candidate> rows = new ArrayList<>();
    final List<RowOutcome> rejected = new ArrayList<>();
    boolean last;
    String stoppedBy;
    RuntimeException failure;
  }

  /** Running totals, and the single place outcomes leave the importer. */
  static final class Counts {
    private final Consumer<RowOutcome> sink;
    long rows;
    long created;
    long updated;
    long unchanged;
    long duplicates;
    long rejected;

    Counts(Consumer<RowOutcome> sink) {
      this.sink = sink;
    }

    void add(RowOutcome o) {
      rows++;
      switch (o.status()) {
        case CREATED -> created++;
        case UPDATED -> updated++;
        case UNCHANGED -> unchanged++;
        case DUPLICATE -> duplicates++;
        case REJECTED -> rejected++;
        default -> throw new IllegalStateException();
      }
      sink.accept(o);
    }
  }

}
