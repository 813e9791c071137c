package crisis.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Writes a CSV as the workbook Excel saves: every text cell an index into the shared string table
 * ({@code xl/sharedStrings.xml}), a date a day count in a date style. Streamed, so that a million rows need no
 * memory (POI's own writer keeps the shared table whole and cannot write 100,000 rows in a small heap). Each text is
 * its own entry (Excel would share repeated ones: "FR", "RESIDENT"): the largest table a register can have.
 */
final class ExcelLikeWorkbook {
  private ExcelLikeWorkbook() {}

  private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

  /** @param dateColumn the column whose values are dates ({@code YYYY-MM-DD}), written as Excel stores a date */
  static void write(Path csv, String dateColumn, Path xlsx) throws IOException {
    Path strings = Files.createTempFile("shared-strings-", ".xml");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(xlsx));
         Writer sst = Files.newBufferedWriter(strings, StandardCharsets.UTF_8);
         Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
         CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.RFC4180).get()) {
      part(zip, "[Content_Types].xml", """
          <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
          <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
          <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
          <Default Extension="xml" ContentType="application/xml"/>
          <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
          <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
          <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
          <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
          </Types>""");
      part(zip, "_rels/.rels", """
          <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
          <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
          </Relationships>""");
      part(zip, "xl/workbook.xml", """
          <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
          <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
          <sheets><sheet name="Registre" sheetId="1" r:id="rId1"/></sheets></workbook>""");
      part(zip, "xl/_rels/workbook.xml.rels", """
          <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
          <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
          <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
          <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
          </Relationships>""");
      part(zip, "xl/styles.xml", """
          <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
          <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
          <fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>
          <cellStyleXfs count="1"><xf/></cellStyleXfs>
          <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>
          </styleSheet>""");
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      Writer sheet = new BufferedWriter(new OutputStreamWriter(new Unclosed(zip), StandardCharsets.UTF_8), 1 << 16);
      sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\""
          + "http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
      long texts = 0;
      int date = -1;
      int n = 0;
      for (CSVRecord rec : p) {
        n++;
        sheet.write("<row r=\"" + n + "\">");
        for (int i = 0; i < rec.size(); i++) {
          String v = rec.get(i);
          if (n == 1 && v.equals(dateColumn)) {
            date = i;
          }
          if (v.isEmpty()) {
            continue;
          }
          // Each cell with its reference, as Excel writes it: the empty ones are left out.
          String at = " r=\"" + column(i) + n + "\"";
          if (n > 1 && i == date) {
            sheet.write("<c" + at + " s=\"1\"><v>" + ChronoUnit.DAYS.between(EXCEL_EPOCH, LocalDate.parse(v))
                + "</v></c>");
          } else {
            sheet.write("<c" + at + " t=\"s\"><v>" + texts++ + "</v></c>");
            sst.write("<si><t xml:space=\"preserve\">");
            escaped(v, sst);
            sst.write("</t></si>");
          }
        }
        sheet.write("</row>");
      }
      sheet.write("</sheetData></worksheet>");
      sheet.flush();
      zip.closeEntry();
      sst.flush();
      zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
      zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas."
          + "openxmlformats.org/spreadsheetml/2006/main\" count=\"" + texts + "\" uniqueCount=\"" + texts + "\">")
          .getBytes(StandardCharsets.UTF_8));
      Files.copy(strings, zip);
      zip.write("</sst>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } finally {
      Files.deleteIfExists(strings);
    }
  }

  /** A column's letters: A, B, … Z, AA, AB… */
  private static String column(int index) {
    StringBuilder b = new StringBuilder();
    for (int i = index + 1; i > 0; i = (i - 1) / 26) {
      b.insert(0, (char) ('A' + (i - 1) % 26));
    }
    return b.toString();
  }

  private static void part(ZipOutputStream zip, String name, String xml) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(xml.strip().getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private static void escaped(String v, Writer out) throws IOException {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '&' -> out.write("&amp;");
        case '<' -> out.write("&lt;");
        case '>' -> out.write("&gt;");
        default -> out.write(c);
      }
    }
  }

  /** The zip's stream, which the sheet's writer must not close. */
  private static final class Unclosed extends java.io.FilterOutputStream {
    Unclosed(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
