package crisis.core.registry.importing;

import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.PARIS_OFFICER;
import static crisis.core.testing.Samples.parisian;
import static crisis.core.testing.Samples.tripolitan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.audit.AuditTrail;
import crisis.core.common.FieldError;
import crisis.core.common.ValidationException;
import crisis.core.consulate.ConsulateDao;
import crisis.core.demo.DemoCsv;
import crisis.core.demo.DemoData;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationValidator;
import crisis.core.registry.importing.RowOutcome.Status;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class RegistrationImporterTest {
  private static TestDatabase db;
  private static Jdbi jdbi;
  private static RegistrationImporter importer;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    importer = new RegistrationImporter(jdbi, new RegistrationValidator(),
        new AuditTrail(jdbi, Clock.systemUTC()), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  @Test
  void importsValidRowsRejectsBadOnesAndIsIdempotent() {
    StringBuilder csv = new StringBuilder(CsvFormat.header()).append('\n');
    CsvFormat.write(parisian(100), csv);                                    // line 2: created
    CsvFormat.write(Samples.withPhone(parisian(101), "+33142345678"), csv); // line 3: landline
    CsvFormat.write(parisian(102), csv);                                    // line 4: created
    csv.append(CsvFormat.write(parisian(103)).replace(",1985-03-14,", ",31/02/1985,")); // line 5: bad date
    CsvFormat.write(parisian(100).withConsulateId("fr-paris"), csv);        // line 6: same row again in-file
    long before = count();

    List<RowOutcome> first = run(PARIS_OFFICER, csv.toString());
    assertThat(first).extracting(RowOutcome::line, RowOutcome::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2L, Status.CREATED), org.assertj.core.groups.Tuple.tuple(3L, Status.REJECTED),
        org.assertj.core.groups.Tuple.tuple(4L, Status.CREATED), org.assertj.core.groups.Tuple.tuple(5L, Status.REJECTED),
        org.assertj.core.groups.Tuple.tuple(6L, Status.UNCHANGED));
    assertThat(first.get(1).errors()).extracting(FieldError::field).containsExactly("phone");
    assertThat(first.get(3).errors()).containsExactly(
        new FieldError("date_of_birth", "'31/02/1985' is not a date (YYYY-MM-DD or DD/MM/YYYY)"));
    assertThat(count()).isEqualTo(before + 2);

    List<RowOutcome> second = run(PARIS_OFFICER, csv.toString());
    assertThat(second).extracting(RowOutcome::status).containsExactly(Status.UNCHANGED, Status.REJECTED,
        Status.UNCHANGED, Status.REJECTED, Status.UNCHANGED);
    assertThat(count()).isEqualTo(before + 2);
    assertThat(scalar("SELECT count(*) FROM registration_change c JOIN registration r ON r.id = c.registration_id "
        + "WHERE c.kind = 'UPDATED' AND r.external_id IN ('PAR-100', 'PAR-101', 'PAR-102')")).isEqualTo("0");
  }

  @Test
  void updatesRowsWithTheSameExternalIdAndReportsDuplicates() {
    run(PARIS_OFFICER, csvOf(parisian(200), parisian(201)));
    RegistrationData changed = Samples.withPhone(parisian(200), "+33698760000");
    RegistrationData dupOfOther = new RegistrationData("PAR-NEW", "Someone", "Else", null, null,
        LocalDate.of(1970, 1, 1), parisian(1).sex(), parisian(201).nationalId(), null, "+33698760001", null,
        parisian(1).preferredLanguage(), null, null, "FR", "fr-paris", parisian(1).residenceType(), null, null, null,
        null, null, null, parisian(1).consent());
    List<RowOutcome> out = run(PARIS_OFFICER, csvOf(changed, dupOfOther));
    assertThat(out).extracting(RowOutcome::status).containsExactly(Status.UPDATED, Status.DUPLICATE);
    assertThat(out.get(1).rule()).isEqualTo("nationalId");
    assertThat(scalar("SELECT phone FROM registration WHERE external_id = 'PAR-200'")).isEqualTo("+33698760000");
    assertThat(scalar("""
        SELECT c.changed_fields[1] FROM registration_change c JOIN registration r ON r.id = c.registration_id
        WHERE r.external_id = 'PAR-200' AND c.kind = 'UPDATED'""")).isEqualTo("phone");
  }

  @Test
  void officersCannotImportOutsideTheirJurisdiction() {
    List<RowOutcome> out = run(PARIS_OFFICER, csvOf(tripolitan(300)));
    assertThat(out).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Status.REJECTED);
      assertThat(o.errors()).extracting(FieldError::field).containsExactly("consulate_id");
    });
  }

  @Test
  void aFrenchExcelFileWithSemicolonsCrlfAndWindows1252IsReadByItsFrenchColumnNames() throws Exception {
    Map<String, String> french = new java.util.LinkedHashMap<>();
    french.put("external_id", "N° dossier");
    french.put("given_name_latin", "Prénom");
    french.put("family_name_latin", "Nom");
    french.put("date_of_birth", "Date de naissance");
    french.put("sex", "Sexe");
    french.put("national_id", "CIN");
    french.put("passport_number", "N° de passeport");
    french.put("phone", "Téléphone");
    french.put("preferred_language", "Langue");
    french.put("address", "Adresse");
    french.put("country_of_residence", "Pays de résidence");
    french.put("consulate_id", "Consulat");
    french.put("residence_type", "Type de résidence");
    french.put("consent_purposes", "Consentement");
    french.put("consent_given_at", "Date du consentement");
    french.put("consent_method", "Mode de consentement");
    // As people type them: a day-first date, the sex written out, the country by its name, a national phone.
    String sheet = sheetOf(french, ";", Map.of("given_name_latin", "Zoé", "address",
        "12 rue de l’Église – 2e étage; bâtiment B", "date_of_birth", "14/03/1985", "sex", "Féminin",
        "country_of_residence", "France", "phone", "06 12 34 05 10", "consent_given_at", "10/01/2024"),
        parisian(510));
    List<ImportSummary> summary = new ArrayList<>();
    List<RowOutcome> out = run(PARIS_OFFICER, sheet.getBytes(java.nio.charset.Charset.forName("windows-1252")),
        "windows-1252", summary);
    assertThat(out).as(out.toString()).extracting(RowOutcome::status).containsExactly(RowOutcome.Status.CREATED);
    ImportSummary.Format format = summary.get(0).format();
    assertThat(format.charset()).isEqualTo("windows-1252");
    assertThat(format.charsetFrom()).isEqualTo("declared");
    assertThat(format.delimiter()).isEqualTo(";");
    assertThat(format.columns()).containsEntry("Prénom", "given_name_latin").containsEntry("N° de passeport",
        "passport_number").containsEntry("Téléphone", "phone").hasSize(french.size());
    assertThat(scalar("SELECT given_name_latin || ' ' || date_of_birth || ' ' || sex || ' ' || phone || ' ' || "
        + "country_of_residence FROM registration WHERE consulate_id = 'fr-paris' AND external_id = '"
        + parisian(510).externalId() + "'")).isEqualTo("Zoé 1985-03-14 F +33612340510 FR");
    // What was read otherwise than the format writes it, said on the row.
    assertThat(out.get(0).readAs()).containsExactly("country_of_residence: 'France' read as FR",
        "consent_given_at: '10/01/2024' read as 2024-01-10", "date_of_birth: '14/03/1985' read as 1985-03-14",
        "sex: 'Féminin' read as F", "phone: '06 12 34 05 10' read as +33612340510 (a number of FR)");
    // A phone Excel kept as a number, its first 0 lost, is read the same.
    List<RowOutcome> again = run(PARIS_OFFICER, sheetOf(french, ";", Map.of("phone", "612340511"), parisian(511))
        .getBytes(StandardCharsets.UTF_8), null, new ArrayList<>());
    assertThat(again).extracting(RowOutcome::status).containsExactly(RowOutcome.Status.CREATED);
    assertThat(again.get(0).readAs()).containsExactly("phone: '612340511' read as +33612340511 (a number of FR)");
  }

  @Test
  void aRegisterAsConsulatesWriteItIsReadEveryChangeSaidAndEveryProblemOfARowShown() throws Exception {
    Map<String, String> names = new java.util.LinkedHashMap<>();
    names.put("external_id", "N° dossier");
    names.put("full_name", "Nom et prénom");
    names.put("date_of_birth", "Né(e) le");
    names.put("sex", "Sexe");
    names.put("national_id", "CIN");
    names.put("phone", "GSM");
    names.put("preferred_language", "Langue");
    names.put("country_of_residence", "Pays");
    names.put("consulate_id", "Consulat");
    names.put("residence_type", "Type de résidence");
    names.put("consent_purposes", "Consentement");
    names.put("consent_given_at", "Date du consentement");
    names.put("consent_method", "Mode de consentement");
    Map<String, String> words = Map.of("full_name", "EL AMRANI Fatima Zahra", "preferred_language", "Arabe",
        "consulate_id", "Consulat général de Paris", "residence_type", "Résident", "consent_method", "En personne",
        "consent_purposes", "Contact en cas de crise;Rapatriement", "date_of_birth", "14/03/1985");
    Map<String, String> broken = new java.util.HashMap<>(words);
    broken.putAll(Map.of("full_name", "Ben Salah Karim", "date_of_birth", "31/02/1990", "sex", "Z", "phone", "123"));
    Map<String, String> oneWord = new java.util.HashMap<>(words);
    oneWord.put("full_name", "Fatima");
    String sheet = sheetOf(names, ";", words, parisian(540)) + sheetOf(names, ";", broken, parisian(541))
        .lines().skip(1).map(l -> l + "\r\n").collect(java.util.stream.Collectors.joining())
        + sheetOf(names, ";", oneWord, parisian(542)).lines().skip(1).map(l -> l + "\r\n")
        .collect(java.util.stream.Collectors.joining());
    List<ImportSummary> summary = new ArrayList<>();
    List<RowOutcome> out = run(PARIS_OFFICER, sheet.getBytes(java.nio.charset.Charset.forName("windows-1252")),
        "windows-1252", summary);
    assertThat(out).as(out.toString()).extracting(RowOutcome::status).containsExactly(RowOutcome.Status.CREATED,
        RowOutcome.Status.REJECTED, RowOutcome.Status.REJECTED);
    assertThat(summary.get(0).format().columns()).containsEntry("Nom et prénom", "full_name_latin");
    assertThat(out.get(0).readAs()).contains(
        "full_name_latin: 'EL AMRANI Fatima Zahra' split as given name 'Fatima Zahra', family name 'EL AMRANI'",
        "preferred_language: 'Arabe' read as ar", "consulate_id: 'Consulat général de Paris' read as fr-paris",
        "residence_type: 'Résident' read as RESIDENT", "consent_method: 'En personne' read as IN_PERSON",
        "consent_purposes: 'Contact en cas de crise' read as CRISIS_CONTACT",
        "consent_purposes: 'Rapatriement' read as REPATRIATION");
    assertThat(scalar("SELECT given_name_latin || ' | ' || preferred_language || ' | ' || residence_type || ' | ' || "
        + "consulate_id FROM registration WHERE external_id = '" + parisian(540).externalId() + "'"))
        .isEqualTo("Fatima Zahra | ar | RESIDENT | fr-paris");
    // A value that cannot be read hides none of the row's other problems: the officer fixes them all at once.
    assertThat(out.get(1).errors()).extracting(FieldError::field)
        .containsExactlyInAnyOrder("date_of_birth", "sex", "phone");
    assertThat(out.get(2).errors()).extracting(FieldError::toString)
        .containsExactly("full_name_latin: 'Fatima' cannot be split into a given and a family name (one word)");
  }

  @Test
  void anArabicHeadedFileInWindows1256AndExcelsUnicodeTextAreReadToo() throws Exception {
    Map<String, String> arabic = new java.util.LinkedHashMap<>();
    for (String column : CsvFormat.header().split(",")) {
      arabic.put(column, column);
    }
    arabic.put("family_name_arabic", "الاسم العائلي");
    arabic.put("given_name_arabic", "الاسم الشخصي");
    arabic.put("passport_number", "رقم جواز السفر");
    arabic.put("phone", "رقم الهاتف");
    arabic.put("date_of_birth", "تاريخ الازدياد");
    String sheet = sheetOf(arabic, ",", Map.of(), parisian(520));
    List<ImportSummary> summary = new ArrayList<>();
    assertThat(run(PARIS_OFFICER, sheet.getBytes(java.nio.charset.Charset.forName("windows-1256")), "windows-1256",
        summary)).extracting(RowOutcome::status).containsExactly(RowOutcome.Status.CREATED);
    assertThat(summary.get(0).format().columns()).containsEntry("الاسم العائلي", "family_name_arabic")
        .containsEntry("رقم جواز السفر", "passport_number").hasSize(5);
    assertThat(scalar("SELECT family_name_arabic FROM registration WHERE consulate_id = 'fr-paris' AND "
        + "external_id = '" + parisian(520).externalId() + "'")).isEqualTo(parisian(520).familyNameArabic());

    // Excel's "Unicode text": UTF-16 little-endian with its mark, tab-separated; no charset declared.
    String tabs = sheetOf(arabic, "\t", Map.of(), parisian(521));
    byte[] utf16 = tabs.getBytes(StandardCharsets.UTF_16LE);
    byte[] marked = new byte[utf16.length + 2];
    marked[0] = (byte) 0xFF;
    marked[1] = (byte) 0xFE;
    System.arraycopy(utf16, 0, marked, 2, utf16.length);
    summary.clear();
    assertThat(run(PARIS_OFFICER, marked, null, summary)).extracting(RowOutcome::status)
        .containsExactly(RowOutcome.Status.CREATED);
    assertThat(summary.get(0).format()).isEqualTo(new ImportSummary.Format("UTF-16LE", "byte order mark", "\t",
        summary.get(0).format().columns(), null));
  }

  @Test
  void anExcelWorkbookIsImportedFromTheSheetNamedItsDatesAndFormulasAsExcelSavedThem() throws Exception {
    // The register's rows written in a workbook by the format's names, a date as Excel stores it, a formula.
    RegistrationData d = parisian(530);
    String[] header = CsvFormat.header().split(",");
    List<String> cells;
    try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.builder()
        .setReader(new java.io.StringReader(CsvFormat.write(d))).setFormat(RegistrationImporter.format()).get()) {
      cells = p.iterator().next().toList();
    }
    byte[] xlsx;
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
         java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      wb.createSheet("Lisez-moi").createRow(0).createCell(0).setCellValue("Registre 2026");
      org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("Registre");
      org.apache.poi.ss.usermodel.Row h = sheet.createRow(0);
      org.apache.poi.ss.usermodel.Row r = sheet.createRow(1);
      org.apache.poi.ss.usermodel.CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
      for (int i = 0; i < header.length; i++) {
        h.createCell(i).setCellValue(header[i].equals("given_name_latin") ? "Prénom" : header[i]);
        String v = cells.get(i);
        if (header[i].equals("date_of_birth")) {
          r.createCell(i).setCellValue(LocalDate.parse(v));
          r.getCell(i).setCellStyle(date);
        } else if (header[i].equals("external_id")) {
          r.createCell(i).setCellFormula("\"PAR-\"&TEXT(530,\"0\")");
        } else if (!v.isEmpty()) {
          r.createCell(i).setCellValue(v);
        }
      }
      org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
      wb.write(out);
      xlsx = out.toByteArray();
    }
    List<RowOutcome> out = new ArrayList<>();
    ImportSummary summary;
    try (SpooledFile f = SpooledFile.spoolWorkbook(new ByteArrayInputStream(xlsx), 1 << 20, "Registre")) {
      summary = importer.open(PARIS_OFFICER, f, "registre.xlsx").run(out::add);
    }
    assertThat(out).as(out.toString()).extracting(RowOutcome::status).containsExactly(Status.CREATED);
    assertThat(out.get(0).externalId()).isEqualTo("PAR-530");
    assertThat(summary.format()).isEqualTo(new ImportSummary.Format(null, null, null,
        Map.of("Prénom", "given_name_latin"), "Registre"));
    assertThat(scalar("SELECT date_of_birth || ' ' || given_name_latin FROM registration WHERE consulate_id = "
        + "'fr-paris' AND external_id = 'PAR-530'")).isEqualTo(d.dateOfBirth() + " " + d.givenNameLatin());
  }

  @Test
  void refusesFilesWithUnknownOrMissingColumnsBeforeWriting() {
    assertThatThrownBy(() -> open("given_name_latin,family_name_latin,shoe_size\nA,B,42\n"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("unknown columns 'shoe_size'; the columns are: external_id,");
    assertThatThrownBy(() -> open("given_name_latin,phone\nA,+33612345678\n"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("missing columns");
  }

  @Test
  void reportsARowWithTheWrongNumberOfCellsAndAStructureBreak() {
    String csv = csvOf(parisian(400)) + "only,three,cells\n" + CsvFormat.write(parisian(401))
        + "\"unclosed quote,x\n" + CsvFormat.write(parisian(402));
    List<RowOutcome> out = new ArrayList<>();
    ImportSummary s = open(csv).run(out::add);
    assertThat(out).extracting(RowOutcome::status).containsExactly(Status.CREATED, Status.REJECTED,
        Status.CREATED, Status.REJECTED);
    assertThat(out.get(1).errors().get(0).reason()).contains("has 3 cells");
    assertThat(s.stoppedBy()).contains("line 5");
  }

  @Test
  void rowsWithAnAddressButNoPointAreLocatedAtTheirTownAndSaySo() {
    String csv = CsvFormat.header() + "\n"
        + CsvFormat.write(Samples.withAddress(Samples.withoutLocation(parisian(300)), "8 rue Oberkampf, 75011 Paris"))
        + CsvFormat.write(Samples.withAddress(Samples.withoutLocation(parisian(301)), "Via Roma 1, Milano"))
        + CsvFormat.write(Samples.withAddress(Samples.at(parisian(302), 45.76, 4.83), "1 avenue Foch, Lyon"));
    List<RowOutcome> out = run(PARIS_OFFICER, csv);
    assertThat(out).extracting(RowOutcome::status).containsOnly(RowOutcome.Status.CREATED);
    assertThat(out.get(0).location()).isEqualTo("located at Paris (FR) from the address (GEOCODED)");
    // A town of another country is never taken: the row is kept without a point, and the report says why.
    assertThat(out.get(1).location())
        .isEqualTo("not located from the address: no town of FR found in the address");
    // A point given is never replaced.
    assertThat(out.get(2).location()).isNull();
    assertThat(scalar("SELECT location_source || ' ' || latitude || ' ' || longitude FROM registration WHERE id = '"
        + out.get(0).registrationId() + "'")).isEqualTo("GEOCODED 48.85341 2.3488");
    assertThat(scalar("SELECT coalesce(location_source, 'none') FROM registration WHERE id = '"
        + out.get(1).registrationId() + "'")).isEqualTo("none");
    assertThat(scalar("SELECT location_source FROM registration WHERE id = '" + out.get(2).registrationId() + "'"))
        .isEqualTo("GPS");
    assertThat(scalar("SELECT h3_cell = " + crisis.core.geo.GeoIndex.cellOf(48.85341, 2.3488)
        + " FROM registration WHERE id = '" + out.get(0).registrationId() + "'")).isEqualTo("t");
    // The same file again, as a consulate re-sends it: located the same way, so nothing changes.
    List<RowOutcome> again = run(PARIS_OFFICER, csv);
    assertThat(again).extracting(RowOutcome::status).containsOnly(RowOutcome.Status.UNCHANGED);
    assertThat(again.get(0).location()).isEqualTo(out.get(0).location());
  }

  @Test
  void importsGeneratedNationalsWithoutLoss(@TempDir Path dir) throws Exception {
    jdbi.useExtension(ConsulateDao.class, dao -> DemoData.consulates().stream()
        .filter(c -> dao.find(c.id()).isEmpty()).forEach(dao::insert));
    Path file = dir.resolve("demo.csv");
    DemoCsv.write(file, 3000, 7, LocalDate.now());
    ImportSummary s;
    try (SpooledFile f = SpooledFile.spool(Files.newInputStream(file), 1 << 30)) {
      s = importer.open(CRISIS_CELL, f, "demo.csv").run(o -> { });
    }
    assertThat(s.rejected()).isZero();
    assertThat(s.created()).isEqualTo(3000);
    try (SpooledFile f = SpooledFile.spool(Files.newInputStream(file), 1 << 30)) {
      ImportSummary again = importer.open(CRISIS_CELL, f, "demo.csv").run(o -> { });
      assertThat(again.unchanged()).isEqualTo(3000);
      assertThat(again.created() + again.updated() + again.duplicates()).isZero();
    }
    Map<String, Long> byCountry = jdbi.withHandle(h -> h.createQuery(
            "SELECT country_of_residence, count(*) FROM registration WHERE created_via LIKE 'import:%' GROUP BY 1")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).list())
        .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(byCountry).containsKeys("FR", "ES", "AE", "LY");
  }

  @Test
  void twoImportsOfTheSameFileAtOnceRegisterEveryoneOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("same.csv");
    StringBuilder csv = new StringBuilder(CsvFormat.header()).append('\n');
    for (int n = 500_000; n < 506_000; n++) {
      CsvFormat.write(Samples.withPhone(parisian(n), "+3367" + String.format("%07d", n)), csv);
    }
    Files.writeString(file, csv);
    long before = count();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.Callable<ImportSummary> job = () -> {
        try (SpooledFile f = SpooledFile.spool(Files.newInputStream(file), 1 << 30)) {
          return importer.open(CRISIS_CELL, f, "same.csv").run(o -> { });
        }
      };
      var a = pool.submit(job);
      var b = pool.submit(job);
      ImportSummary first = a.get();
      ImportSummary second = b.get();
      assertThat(first.created() + second.created()).isEqualTo(6000);
      assertThat(first.rejected() + second.rejected()).isZero();
      assertThat(first.created() + first.unchanged() + first.duplicates()).isEqualTo(6000);
      assertThat(second.created() + second.unchanged() + second.duplicates()).isEqualTo(6000);
    } finally {
      pool.shutdown();
    }
    assertThat(count()).isEqualTo(before + 6000);
  }

  @Test
  void batchesWrittenAtOnceStillFindDuplicatesAcrossThemAndReportInFileOrder() {
    // 1,200 rows: the first batch holds 1,000 of them, the second the rest, and the two would be written at once if
    // they shared no key. They share two, crossed: the first batch's last row is the second batch's first person,
    // and the second batch repeats a person near the start of the first. Written at once, each writer would wait on
    // the other's uncommitted row (a deadlock); the second batch must wait for the first and find both duplicates.
    List<RegistrationData> rows = new ArrayList<>();
    for (int n = 7000; n < 8200; n++) {
      rows.add(parisian(n));
    }
    RegistrationData twenty = rows.get(20);
    RegistrationData last = rows.get(999);
    rows.set(1000, other(last, "PAR-X0", last.nationalId(), "+33612349900"));
    rows.set(1010, other(twenty, "PAR-X1", "AB999999", twenty.phone()));
    List<RowOutcome> out = run(PARIS_OFFICER, csvOf(rows.toArray(RegistrationData[]::new)));

    assertThat(out).hasSize(1200);
    assertThat(out).extracting(RowOutcome::line).isSorted();
    Map<Long, RowOutcome> byLine = out.stream().collect(Collectors.toMap(RowOutcome::line, o -> o));
    assertThat(out.stream().filter(o -> o.status() == Status.CREATED)).hasSize(1198);
    RowOutcome first = byLine.get(1000L + 2);
    assertThat(first.status()).isEqualTo(Status.DUPLICATE);
    assertThat(first.registrationId()).isEqualTo(byLine.get(999L + 2).registrationId());
    assertThat(first.rule()).isEqualTo("nationalId");
    RowOutcome second = byLine.get(1010L + 2);
    assertThat(second.status()).isEqualTo(Status.DUPLICATE);
    assertThat(second.registrationId()).isEqualTo(byLine.get(20L + 2).registrationId());
    assertThat(second.rule()).isEqualTo("phone+name+dateOfBirth");
  }

  @Test
  void anImportedDuplicateOutsideTheOfficersJurisdictionIsReportedWithoutItsId() {
    List<RowOutcome> cell = run(CRISIS_CELL, csvOf(tripolitan(8400)));
    assertThat(cell).singleElement().extracting(RowOutcome::status).isEqualTo(Status.CREATED);
    RegistrationData libyan = tripolitan(8400);
    RegistrationData p = other(parisian(8400), "PAR-8400-DUP", libyan.nationalId(), "+33698700400");
    List<RowOutcome> out = run(PARIS_OFFICER, csvOf(p));
    assertThat(out).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Status.DUPLICATE);
      assertThat(o.rule()).isEqualTo("nationalId");
      assertThat(o.registrationId()).isNull();
    });
    assertThat(run(CRISIS_CELL, csvOf(other(parisian(8400), "PAR-8400-DUP2", libyan.nationalId(), "+33698700401"))))
        .singleElement().satisfies(o -> assertThat(o.registrationId()).isEqualTo(cell.get(0).registrationId()));
  }

  /** Someone with the same names and birth date as {@code d}, under another external id, ID number and phone. */
  private static RegistrationData other(RegistrationData d, String externalId, String nationalId, String phone) {
    RegistrationData p = Samples.withPhone(d, phone);
    return new RegistrationData(externalId, p.givenNameLatin(), p.familyNameLatin(), p.givenNameArabic(),
        p.familyNameArabic(), p.dateOfBirth(), p.sex(), nationalId, p.passportNumber(), p.phone(), p.email(),
        p.preferredLanguage(), p.address(), p.location(), p.countryOfResidence(), p.consulateId(), p.residenceType(),
        p.stayPurpose(), p.arrivalDate(), p.departureDate(), p.household(), p.vulnerabilities(),
        p.emergencyContact(), p.consent());
  }

  /**
   * The rows as a consulate's own spreadsheet holds them: its column names, its separator and line ends. Each row is
   * written by the format first and read back by column name, so the values are the format's.
   */
  private static String sheetOf(Map<String, String> names, String separator, Map<String, String> changes,
      RegistrationData... rows) throws java.io.IOException {
    StringBuilder out = new StringBuilder(String.join(separator, names.values())).append("\r\n");
    for (RegistrationData d : rows) {
      try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.builder()
          .setReader(new java.io.StringReader(csvOf(d))).setFormat(RegistrationImporter.format().builder()
              .setHeader().setSkipHeaderRecord(true).get()).get()) {
        org.apache.commons.csv.CSVRecord r = p.iterator().next();
        List<String> cells = new ArrayList<>();
        for (String column : names.keySet()) {
          String v = changes.containsKey(column) ? changes.get(column) : r.get(column);
          cells.add(v.contains(separator) || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        out.append(String.join(separator, cells)).append("\r\n");
      }
    }
    return out.toString();
  }

  private static List<RowOutcome> run(crisis.core.access.Actor actor, byte[] file, String charset,
      List<ImportSummary> summary) {
    List<RowOutcome> out = new ArrayList<>();
    try (SpooledFile f = SpooledFile.spool(new ByteArrayInputStream(file), 1 << 20, charset)) {
      summary.add(importer.open(actor, f, "consulat.csv").run(out::add));
    }
    return out;
  }

  private static String csvOf(RegistrationData... rows) {
    StringBuilder csv = new StringBuilder(CsvFormat.header()).append('\n');
    for (RegistrationData d : rows) {
      CsvFormat.write(d, csv);
    }
    return csv.toString();
  }

  private static RegistrationImporter.ImportJob open(String csv) {
    SpooledFile f = SpooledFile.spool(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 1 << 20);
    return importer.open(PARIS_OFFICER, f, "test.csv");
  }

  private static List<RowOutcome> run(crisis.core.access.Actor actor, String csv) {
    List<RowOutcome> out = new ArrayList<>();
    try (SpooledFile f = SpooledFile.spool(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 1 << 20)) {
      importer.open(actor, f, "test.csv").run(out::add);
    }
    return out;
  }

  private static String scalar(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
  }

  private static long count() {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM registration").mapTo(Long.class).one());
  }
}
