package crisis.core.registry.importing;

import crisis.core.common.TooLargeException;
import crisis.core.common.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * An Excel workbook (.xlsx) read as the registration CSV: one sheet (the first, or the one named), row by row with
 * POI's streaming reader, so that a register of 100,000 rows is never whole in memory, nor its texts (the shared
 * string table is kept on disk, {@link SharedStringsOnDisk}). Each cell as Excel shows its
 * value, with three exceptions that make it the format's: a date cell is written {@code YYYY-MM-DD} whatever its
 * display (Excel stores a date as a day count), a whole number without its decimals or exponent (a phone number or a
 * passport number typed as a number), and a formula as its last computed value (what Excel saved). A workbook is a
 * zip: one whose parts expand a hundred times or more (a zip bomb), hold more than {@link #MAX_PART_BYTES} each, or
 * have more than {@link #MAX_COLUMNS} columns or {@link #MAX_ROWS} rows (Excel's own limit) is refused with why. Thread-safe (no state;
 * POI's zip limits are set once for the process).
 */
public final class Workbooks {
  private Workbooks() {}

  /** The media type of an .xlsx workbook. */
  public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final int MAX_COLUMNS = 200;
  /** Excel's own limit of rows in a sheet. */
  static final int MAX_ROWS = 1_048_576;
  /** The most a part of the workbook (a sheet, its shared strings) may expand to: a million rows fit. */
  static final long MAX_PART_BYTES = 0xFFFFFFFFL;

  static {
    // A compressed part that expands more than 100 times is a zip bomb, not a register.
    ZipSecureFile.setMinInflateRatio(0.01);
    ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
  }

  /** Whether a file's first bytes are a zip's, as every .xlsx is (a CSV never starts so). */
  public static boolean looksLikeOne(byte[] head) {
    return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
  }

  /**
   * Writes a sheet of a workbook as the registration CSV (UTF-8, commas, RFC 4180).
   *
   * @param sheet the sheet's name; null: the first
   * @return the name of the sheet read
   * @throws ValidationException (field "file" or "sheet") when the workbook cannot be read, is hostile, or has no such
   *     sheet
   */
  public static String toCsv(Path workbook, String sheet, Path csv) {
    try (OPCPackage pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ);
         SharedStringsOnDisk strings = sharedStrings(pkg, csv.toAbsolutePath().getParent())) {
      XSSFReader reader = new XSSFReader(pkg);
      StylesTable styles = reader.getStylesTable();
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      List<String> names = new ArrayList<>();
      while (sheets.hasNext()) {
        try (InputStream in = sheets.next()) {
          String name = sheets.getSheetName();
          names.add(name);
          if (sheet == null || sheet.equals(name)) {
            try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(out, RegistrationImporter.format())) {
              Rows rows = new Rows(printer);
              XMLReader parser = XMLHelper.newXMLReader();
              parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, rows, new Values(), false));
              parser.parse(new InputSource(in));
              rows.flush();
            }
            return name;
          }
        }
      }
      if (names.isEmpty()) {
        throw new ValidationException("file", "is a workbook without a sheet");
      }
      throw new ValidationException("sheet", "no sheet '" + sheet + "'; the sheets are: " + String.join(", ", names));
    } catch (NotOfficeXmlFileException | InvalidFormatException e) {
      throw new ValidationException("file", "is not an Excel workbook (.xlsx) this system reads");
    } catch (TooBig e) {
      throw new TooLargeException("file", e.getMessage());
    } catch (IOException | SAXException | OpenXML4JException | UncheckedIOException | IllegalStateException
        | javax.xml.parsers.ParserConfigurationException e) {
      // POI says a zip bomb or an oversized part in its message; nothing else of it is passed on.
      String m = String.valueOf(e.getMessage());
      if (m.contains("max size") || m.contains("MaxEntrySize")) {
        throw new TooLargeException("file", "is a workbook with a part larger than " + MAX_PART_BYTES + " bytes");
      }
      if (m.contains("Zip bomb") || m.contains("exceed")) {
        throw new ValidationException("file", "is a workbook whose parts expand too much to be a register "
            + "(a zip bomb?)");
      }
      throw new ValidationException("file", "is not an Excel workbook (.xlsx) this system reads");
    }
  }

  /** The workbook's shared strings, on disk beside the CSV ({@link SharedStringsOnDisk}). */
  private static SharedStringsOnDisk sharedStrings(OPCPackage pkg, Path dir) throws IOException {
    List<org.apache.poi.openxml4j.opc.PackagePart> parts = pkg.getPartsByContentType(
        org.apache.poi.xssf.usermodel.XSSFRelation.SHARED_STRINGS.getContentType());
    if (parts.isEmpty()) {
      return new SharedStringsOnDisk(null, dir);
    }
    try (InputStream in = parts.get(0).getInputStream()) {
      return new SharedStringsOnDisk(in, dir);
    }
  }

  /**
   * A sheet's rows as CSV rows: the cells a row leaves out (empty) filled in, empty rows left out, and the rows above
   * the header left out too (a title, headings merged over several columns): the header is the first row naming at
   * least {@value #HEADER_NAMES} of the format's columns (by any of their names, or a full name's, {@link
   * HeaderNames}) among the first {@value #LOOK_AHEAD} rows; where none does (a register whose columns are all the
   * consulate's own, to be mapped), the first of them with {@value #HEADER_NAMES} cells or more.
   */
  private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
    private static final int HEADER_NAMES = 3;
    private static final int LOOK_AHEAD = 20;
    private final CSVPrinter printer;
    private final List<String> cells = new ArrayList<>();
    /** The rows read while the header is looked for. */
    private final List<List<String>> pending = new ArrayList<>();
    private int rows;
    /** The header's cells; 0 until the header is found. */
    private int width;

    Rows(CSVPrinter printer) {
      this.printer = printer;
    }

    @Override
    public void startRow(int rowNum) {
      cells.clear();
    }

    @Override
    public void cell(String reference, String value, XSSFComment comment) {
      int col = reference == null ? cells.size() : new CellReference(reference).getCol();
      if (col >= MAX_COLUMNS) {
        throw new TooBig("is a workbook with more than " + MAX_COLUMNS + " columns");
      }
      while (cells.size() < col) {
        cells.add("");
      }
      cells.add(value == null ? "" : value);
    }

    @Override
    public void endRow(int rowNum) {
      if (cells.stream().allMatch(String::isBlank)) {
        return;
      }
      if (width == 0) {
        if (cells.stream().filter(c -> HeaderNames.column(c) != null || HeaderNames.fullName(c) != null).count()
            >= HEADER_NAMES) {
          pending.clear();
          header(List.copyOf(cells));
          return;
        }
        pending.add(List.copyOf(cells));
        if (pending.size() >= LOOK_AHEAD) {
          settle();
        }
        return;
      }
      print(cells);
    }

    /** No row named enough columns: the first with enough cells is the header, and the rows after it are rows. */
    private void settle() {
      List<List<String>> seen = List.copyOf(pending);
      pending.clear();
      int at = 0;
      while (at < seen.size() && seen.get(at).stream().filter(c -> !c.isBlank()).count() < HEADER_NAMES) {
        at++;
      }
      if (at == seen.size()) {
        return;
      }
      header(seen.get(at));
      for (List<String> row : seen.subList(at + 1, seen.size())) {
        print(new ArrayList<>(row));
      }
    }

    private void header(List<String> header) {
      width = header.size();
      print(new ArrayList<>(header));
    }

    private void print(List<String> row) {
      // Excel leaves a row's empty cells at its end out: the row is as wide as the header.
      while (row.size() < width) {
        row.add("");
      }
      if (++rows > MAX_ROWS) {
        throw new TooBig("is a workbook with more than " + MAX_ROWS + " rows");
      }
      try {
        printer.printRecord(row);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void flush() throws IOException {
      if (width == 0) {
        settle();
      }
      printer.flush();
    }
  }

  /** A sheet too large to be read. */
  private static final class TooBig extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooBig(String message) {
      super(message);
    }
  }

  /** Cell values as the registration format writes them: dates, whole numbers. */
  static final class Values extends DataFormatter {
    Values() {
      super(java.util.Locale.ROOT);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        java.time.LocalDateTime t = DateUtil.getLocalDateTime(value, use1904);
        return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString()
            : t.toInstant(java.time.ZoneOffset.UTC).toString();
      }
      if (formatIndex == 0 || "General".equalsIgnoreCase(formatString)) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
      }
      return super.formatRawCellContents(value, formatIndex, formatString, use1904);
    }
  }
}
