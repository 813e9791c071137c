package crisis.core.demo;

import crisis.core.registry.RegistrationData;
import crisis.core.registry.importing.CsvFormat;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.function.Predicate;

/** Writes demo nationals in the registration CSV format, streaming, so a million rows need little memory. */
public final class DemoCsv {
  private DemoCsv() {}

  public static void write(Path file, long rows, long seed, LocalDate today) throws IOException {
    write(file, new DemoData(seed, today).registrations(), rows, d -> true);
  }

  /** Writes the next {@code rows} people of {@code people} that {@code keep} accepts (e.g. those of one country). */
  public static void write(Path file, Iterator<RegistrationData> people, long rows,
      Predicate<RegistrationData> keep) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(CsvFormat.header());
      w.write('\n');
      StringBuilder b = new StringBuilder(1024);
      for (long written = 0; written < rows; ) {
        RegistrationData d = people.next();
        if (keep.test(d)) {
          b.setLength(0);
          CsvFormat.write(d, b);
          w.append(b);
          written++;
        }
      }
    }
  }
}
