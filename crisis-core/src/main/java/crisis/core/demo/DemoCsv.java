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

/** Writes demo nationals in the registration CSV format, streaming, so a million rows need little memory. */
public final class DemoCsv {
  private DemoCsv() {}

  public static void write(Path file, long rows, long seed, LocalDate today) throws IOException {
    Iterator<RegistrationData> people = new DemoData(seed, today).registrations();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(CsvFormat.header());
      w.write('\n');
      StringBuilder b = new StringBuilder(1024);
      for (long i = 0; i < rows; i++) {
        b.setLength(0);
        CsvFormat.write(people.next(), b);
        w.append(b);
      }
    }
  }
}
