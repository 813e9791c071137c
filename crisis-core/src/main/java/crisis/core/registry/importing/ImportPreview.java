package crisis.core.registry.importing;

import com.fasterxml.jackson.annotation.JsonInclude;
import crisis.core.common.FieldError;
import crisis.core.registry.RegistrationData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What importing a file would do, before anything is written: how it was read, its rows, how many would be taken
 * and how many refused, the first rows as they were read (the officer sees that "Nom" went to the family name), and
 * the problems of the whole file by kind, each with its count and first lines. Duplicates are not counted: only the
 * import itself finds them against the register.
 *
 * @param rows the rows read
 * @param valid the rows that would be created, updated or left unchanged (or found duplicates)
 * @param rejected the rows that would be refused
 * @param readAs the rows with a value read otherwise than the format writes it (a date day first, a national phone)
 * @param sample the first rows: their line, and either the values read (by column) or why they would be refused
 * @param problems the reasons rows would be refused, by column and kind, most frequent first
 * @param stoppedBy why reading stopped before the end (the CSV structure breaks), or null
 * @param unmapped the headers nothing names (neither the format, nor the names consulates use, nor the mapping given):
 *     no row is checked until they are mapped to a column or left out
 * @param missing the required columns the file lacks, by the format's names: no row is checked either
 * @param mappings the names of the consulate's mappings under which the file reads whole, for the officer to use
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportPreview(ImportSummary.Format format, long rows, long valid, long rejected, long readAs,
    List<SampleRow> sample, List<Problem> problems, String stoppedBy, List<String> unmapped, List<String> missing,
    List<String> mappings) {

  ImportPreview(ImportSummary.Format format, long rows, long valid, long rejected, long readAs,
      List<SampleRow> sample, List<Problem> problems, String stoppedBy) {
    this(format, rows, valid, rejected, readAs, sample, problems, stoppedBy, null, null, null);
  }

  /** A file whose header must be mapped first: nothing checked; the consulate's mappings that read it whole. */
  static ImportPreview unmapped(ImportSummary.Format format, List<String> unmapped, List<String> missing,
      List<String> mappings) {
    return new ImportPreview(format, 0, 0, 0, 0, List.of(), List.of(), null, unmapped, missing,
        List.copyOf(mappings));
  }

  /** The most lines a problem names as examples. */
  static final int EXAMPLES = 3;

  /** A row of the sample: its values as read, by column of the format, or why it would be refused. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record SampleRow(long line, Map<String, String> values, List<FieldError> errors, List<String> readAs) {}

  /**
   * One kind of problem: the column, the reason's code (null when it has none) and parameters, a reason as written,
   * how many rows have it and the first of them.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Problem(String column, String code, List<Object> params, String reason, long count,
      List<Long> lines) {}

  static final class Builder {
    private final ImportSummary.Format format;
    private final int sampleSize;
    private long rows;
    private long valid;
    private long rejected;
    private long readAs;
    private final List<SampleRow> sample = new ArrayList<>();
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, FieldError> first = new LinkedHashMap<>();
    private final Map<String, List<Long>> lines = new LinkedHashMap<>();
    private String stoppedBy;

    Builder(ImportSummary.Format format, int sampleSize) {
      this.format = format;
      this.sampleSize = sampleSize;
    }

    void row(long line, RegistrationData data, List<FieldError> errors, List<String> read) {
      rows++;
      readAs += read.isEmpty() ? 0 : 1;
      if (data != null) {
        valid++;
      } else {
        rejected++;
        for (FieldError e : errors) {
          String key = e.field() + "\u0000" + (e.code() == null ? e.reason() : e.code());
          counts.computeIfAbsent(key, k -> new long[1])[0]++;
          first.putIfAbsent(key, e);
          List<Long> at = lines.computeIfAbsent(key, k -> new ArrayList<>(EXAMPLES));
          if (at.size() < EXAMPLES && (at.isEmpty() || at.get(at.size() - 1) != line)) {
            at.add(line);
          }
        }
      }
      if (sample.size() < sampleSize) {
        sample.add(new SampleRow(line, data == null ? Map.of() : values(data), data == null ? errors : List.of(),
            read));
      }
    }

    void stoppedBy(String why) {
      stoppedBy = why;
    }

    ImportPreview build() {
      List<Problem> problems = new ArrayList<>();
      counts.forEach((key, n) -> {
        FieldError e = first.get(key);
        problems.add(new Problem(e.field(), e.code(), e.params(), e.reason(), n[0], List.copyOf(lines.get(key))));
      });
      problems.sort((a, b) -> Long.compare(b.count(), a.count()));
      return new ImportPreview(format, rows, valid, rejected, readAs, List.copyOf(sample), List.copyOf(problems),
          stoppedBy);
    }

    /** A row's values as read, by the format's column names: what the officer checks the columns went to. */
    private static Map<String, String> values(RegistrationData d) {
      Map<String, String> v = new LinkedHashMap<>();
      put(v, "external_id", d.externalId());
      put(v, "given_name_latin", d.givenNameLatin());
      put(v, "family_name_latin", d.familyNameLatin());
      put(v, "given_name_arabic", d.givenNameArabic());
      put(v, "family_name_arabic", d.familyNameArabic());
      put(v, "date_of_birth", d.dateOfBirth());
      put(v, "sex", d.sex());
      put(v, "phone", d.phone());
      put(v, "preferred_language", d.preferredLanguage() == null ? null : d.preferredLanguage().code());
      put(v, "country_of_residence", d.countryOfResidence());
      put(v, "consulate_id", d.consulateId());
      put(v, "residence_type", d.residenceType());
      return v;
    }

    private static void put(Map<String, String> v, String column, Object value) {
      if (value != null) {
        v.put(column, value.toString());
      }
    }
  }
}
