package crisis.core.registry.importing;

import crisis.core.common.FieldError;
import crisis.core.common.SafeText;
import crisis.core.common.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a consulate's own files that the import does not know by name ("Observations", "Tél. domicile",
 * "N° ordre"), each mapped by an officer to a column of the format or left out ({@link #IGNORE}), kept under a name
 * the consulate reuses for its next files. A header is matched as {@link HeaderNames} matches them (no case, accents
 * or punctuation); a mapped header wins over the name the import knows it by, so an officer can also say that this
 * register's "Nom" is the Arabic family name.
 *
 * @param consulateId the consulate that keeps it
 * @param name its name, as the officer gave it
 * @param columns each header as written in the file, and the format's column it is read as, or {@link #IGNORE}
 */
public record ColumnMapping(String consulateId, String name, Map<String, String> columns, Instant updatedAt,
    String updatedBy) {

  /** What a header mapped to this is: a column of the file left out of the import. */
  public static final String IGNORE = "ignore";
  /** The most headers one mapping holds, and the longest header and name. */
  static final int MAX_COLUMNS = 200;
  static final int MAX_HEADER = 200;
  static final int MAX_NAME = 80;

  /**
   * The mapping a request gives, checked: a name of 1 to {@value #MAX_NAME} printable characters, 1 to
   * {@value #MAX_COLUMNS} headers, each a printable text of at most {@value #MAX_HEADER} characters with letters or
   * digits, none twice (as matched), each mapped to a column of the format or {@link #IGNORE}, no column twice.
   *
   * @throws ValidationException naming the field ({@code name}, {@code columns}, {@code columns[header]})
   */
  public static ColumnMapping of(String consulateId, String name, Map<String, String> columns, Instant at,
      String by) {
    List<FieldError> errors = new ArrayList<>();
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > MAX_NAME || !SafeText.isPrintable(n)) {
      errors.add(new FieldError("name", "is required, at most " + MAX_NAME + " printable characters"));
    }
    if (columns == null || columns.isEmpty() || columns.size() > MAX_COLUMNS) {
      errors.add(new FieldError("columns", "must map 1 to " + MAX_COLUMNS + " headers"));
      throw new ValidationException(errors);
    }
    Map<String, String> kept = new LinkedHashMap<>();
    Map<String, String> seen = new HashMap<>();
    Map<String, String> taken = new HashMap<>();
    for (Map.Entry<String, String> e : columns.entrySet()) {
      // A header as a cell may hold it: a line break (Alt+Enter in Excel) or runs of spaces read as one space.
      String header = e.getKey() == null ? "" : e.getKey().strip().replaceAll("\\s+", " ");
      String field = "columns[" + CsvFormat.clip(header) + "]";
      String normal = HeaderNames.normalized(header);
      if (header.length() > MAX_HEADER || !SafeText.isPrintable(header) || normal.isEmpty()) {
        errors.add(new FieldError(field, "must be a header of at most " + MAX_HEADER
            + " printable characters, with letters or digits"));
        continue;
      }
      String to = e.getValue() == null ? "" : e.getValue().strip();
      String before = seen.put(normal, header);
      if (before != null) {
        // Two columns of a file with one name ("Remarque", "Remarque "): one choice for both, or refused.
        if (!to.equals(kept.get(before))) {
          errors.add(new FieldError(field, "is the same header as '" + CsvFormat.clip(before) + "'"));
        }
        continue;
      }
      if (!to.equals(IGNORE) && CsvFormat.column(to) == null) {
        errors.add(new FieldError(field, "must be a column of the format or '" + IGNORE + "', not '"
            + CsvFormat.clip(to) + "'"));
        continue;
      }
      if (!to.equals(IGNORE)) {
        String other = taken.put(to, header);
        if (other != null) {
          errors.add(new FieldError(field, "goes to column '" + to + "' as '" + CsvFormat.clip(other)
              + "' does already"));
          continue;
        }
      }
      kept.put(header, to);
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new ColumnMapping(consulateId, n, Map.copyOf(kept), at, by);
  }

  /** What this mapping says of each header, by the header as {@link HeaderNames#normalized} writes it. */
  Map<String, String> byHeader() {
    Map<String, String> by = new HashMap<>();
    columns.forEach((header, to) -> by.put(HeaderNames.normalized(header), to));
    return by;
  }
}
