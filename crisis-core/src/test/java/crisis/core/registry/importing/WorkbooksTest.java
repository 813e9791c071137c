package crisis.core.registry.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.common.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workbooks as consulates keep them, made here the way Excel writes them (POI's own writer). */
@Tag("fast")
class WorkbooksTest {

  /**
   * Two sheets: notes first, then the register under a title merged over its columns; dates stored as day counts
   * with a French display, a phone typed as a number, a file number computed by a formula.
   */
  static byte[] register() throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet notes = wb.createSheet("Notes");
      notes.createRow(0).createCell(0).setCellValue("Registre tenu par le service consulaire");
      Sheet sheet = wb.createSheet("Registre");
      sheet.createRow(0).createCell(0).setCellValue("Consulat général à Paris — registre 2026");
      sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 4));
      Row header = sheet.createRow(1);
      String[] names = {"N° dossier", "Nom", "Prénom", "Date de naissance", "Téléphone", "Sexe"};
      for (int i = 0; i < names.length; i++) {
        header.createCell(i).setCellValue(names[i]);
      }
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
      Row r = sheet.createRow(2);
      r.createCell(0).setCellFormula("\"PAR-\"&TEXT(ROW()*100,\"0\")");
      r.createCell(1).setCellValue("El Amrani");
      r.createCell(2).setCellValue("Zoé");
      r.createCell(3).setCellValue(java.time.LocalDate.of(1985, 3, 14));
      r.getCell(3).setCellStyle(date);
      r.createCell(4).setCellValue(33612345678d);
      // The sex left empty in this row (a cell Excel does not write at all).
      Row r2 = sheet.createRow(4);
      r2.createCell(1).setCellValue("Benali, Omar");
      r2.createCell(5).setCellValue("M");
      XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
      wb.write(out);
      return out.toByteArray();
    }
  }

  @Test
  void aSheetIsReadAsTheFormatsCsvDatesNumbersAndFormulasIncluded(@TempDir Path dir) throws Exception {
    Path xlsx = dir.resolve("registre.xlsx");
    Files.write(xlsx, register());
    Path csv = dir.resolve("registre.csv");
    assertThat(Workbooks.toCsv(xlsx, "Registre", csv)).isEqualTo("Registre");
    assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo(
        "N° dossier,Nom,Prénom,Date de naissance,Téléphone,Sexe\r\n"
        + "PAR-300,El Amrani,Zoé,1985-03-14,33612345678,\r\n"
        + "\"\",\"Benali, Omar\",,,,M\r\n");
    // Unnamed, the first sheet: no header there, so nothing of it is a row.
    assertThat(Workbooks.toCsv(xlsx, null, csv)).isEqualTo("Notes");
    assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEmpty();
    assertThatThrownBy(() -> Workbooks.toCsv(xlsx, "Feuil1", csv)).isInstanceOf(ValidationException.class)
        .hasMessage("sheet: no sheet 'Feuil1'; the sheets are: Notes, Registre");
  }

  @Test
  void aRegisterWhoseColumnsAreAllItsOwnHasItsHeaderFoundForTheOfficerToMap(@TempDir Path dir) throws Exception {
    // Two names the format knows ("Nom et prénom", a full name; "Date de naissance") and three of its own, under a
    // title; a gap column without a name: the header is the first row of three cells or more.
    Path xlsx = dir.resolve("registre.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook(); java.io.OutputStream out = Files.newOutputStream(xlsx)) {
      Sheet sheet = wb.createSheet("Registre");
      sheet.createRow(0).createCell(0).setCellValue("Registre des Marocains de la circonscription");
      Row header = sheet.createRow(2);
      String[] names = {"N° ordre", "Nom et prénom", "Date de naissance", "", "Tél.\nportable", "Observations"};
      for (int i = 0; i < names.length; i++) {
        if (!names[i].isEmpty()) {
          header.createCell(i).setCellValue(names[i]);
        }
      }
      Row r = sheet.createRow(3);
      r.createCell(0).setCellValue(1);
      r.createCell(1).setCellValue("EL AMRANI Fatima");
      wb.write(out);
    }
    Path csv = dir.resolve("registre.csv");
    Workbooks.toCsv(xlsx, null, csv);
    assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo(
        "N° ordre,Nom et prénom,Date de naissance,,\"Tél.\nportable\",Observations\r\n"
        + "1,EL AMRANI Fatima,,,,\r\n");
    CsvFormat.Header read = CsvFormat.header(java.util.List.of("N° ordre", "Nom et prénom", "Date de naissance", "",
        "Tél.\nportable", "Observations"), null);
    assertThat(read.unknown()).containsExactly("N° ordre", "Tél.\nportable", "Observations");
    assertThat(read.ignored()).as("the column without a name").containsExactly("(4)");
    // Mapped as an officer does in the console, the header with its line break included.
    ColumnMapping m = ColumnMapping.of("fr-paris", "Registre", java.util.Map.of("N° ordre", "external_id",
        "Tél. portable", "phone", "Observations", "ignore"), java.time.Instant.EPOCH, "officer");
    CsvFormat.Header mapped = CsvFormat.header(java.util.List.of("N° ordre", "Nom et prénom", "Date de naissance", "",
        "Tél.\nportable", "Observations"), m);
    assertThat(mapped.unknown()).isEmpty();
    assertThat(mapped.ignored()).containsExactly("(4)", "Observations");
  }

  @Test
  void aZipBombOrAFileThatIsNoWorkbookIsRefusedWithWhy(@TempDir Path dir) throws Exception {
    // The register's sheet padded with 40 MB of spaces, which compress a thousand times.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(register()));
         ZipOutputStream out = new ZipOutputStream(bomb)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.putNextEntry(new ZipEntry(e.getName()));
        byte[] part = in.readAllBytes();
        if (e.getName().equals("xl/worksheets/sheet2.xml")) {
          String xml = new String(part, StandardCharsets.UTF_8);
          int end = xml.lastIndexOf("</worksheet>");
          out.write(xml.substring(0, end).getBytes(StandardCharsets.UTF_8));
          byte[] spaces = new byte[1 << 20];
          java.util.Arrays.fill(spaces, (byte) ' ');
          for (int i = 0; i < 40; i++) {
            out.write(spaces);
          }
          out.write("</worksheet>".getBytes(StandardCharsets.UTF_8));
        } else {
          out.write(part);
        }
        out.closeEntry();
      }
    }
    assertThat(bomb.size()).isLessThan(1 << 20);
    Path xlsx = dir.resolve("bomb.xlsx");
    Files.write(xlsx, bomb.toByteArray());
    assertThatThrownBy(() -> Workbooks.toCsv(xlsx, "Registre", dir.resolve("out.csv")))
        .isInstanceOf(ValidationException.class)
        .hasMessage("file: is a workbook whose parts expand too much to be a register (a zip bomb?)");

    Path zip = dir.resolve("photos.xlsx");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("photo.jpg"));
      out.write(new byte[] {1, 2, 3});
      out.closeEntry();
    }
    assertThatThrownBy(() -> Workbooks.toCsv(zip, null, dir.resolve("out.csv")))
        .hasMessage("file: is not an Excel workbook (.xlsx) this system reads");
    assertThat(Workbooks.looksLikeOne(Files.readAllBytes(zip))).isTrue();
    assertThat(Workbooks.looksLikeOne("PAR-1,Fatima".getBytes(StandardCharsets.UTF_8))).isFalse();
  }
}
