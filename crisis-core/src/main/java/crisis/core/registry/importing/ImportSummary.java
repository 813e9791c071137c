package crisis.core.registry.importing;

import java.util.Map;
import java.util.UUID;

/**
 * Totals of one import run. {@code stoppedBy} is null when the whole file was read, otherwise why reading stopped
 * (a row that breaks the CSV structure); rows before it were imported. {@code format}: how the file was read.
 */
public record ImportSummary(UUID runId, String fileSha256, long rows, long created, long updated, long unchanged,
    long duplicates, long rejected, double seconds, String stoppedBy, Format format) {

  /**
   * How a file was read: its character set and what said so ({@code byte order mark}, {@code declared} by the
   * request, or the {@code default}, UTF-8), its separator ({@code ,} {@code ;} or a tab), and each header given
   * under another name than the format's, with the column it was taken for ("Prénom" → {@code given_name_latin}).
   * For an Excel workbook, {@code sheet} is the sheet read, and the character set and separator are null. With a
   * consulate's column mapping ({@link ColumnMapping}), {@code mapping} is its name and {@code ignored} the headers
   * it leaves out (null when none).
   */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record Format(String charset, String charsetFrom, String delimiter, Map<String, String> columns,
      java.util.List<String> ignored, String mapping, String sheet) {

    public Format(String charset, String charsetFrom, String delimiter, Map<String, String> columns, String sheet) {
      this(charset, charsetFrom, delimiter, columns, null, null, sheet);
    }
  }
}
