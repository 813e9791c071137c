package crisis.api.demo;

import crisis.api.config.DemoSettings;
import crisis.api.services.Services;
import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.consulate.Consulate;
import crisis.core.consulate.ConsulateDao;
import crisis.core.demo.DemoCsv;
import crisis.core.demo.DemoData;
import crisis.core.registry.importing.ImportSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo at first start on an empty database: the demo consulates, one user per role with a generated password
 * (kept in the credentials file, mode 600), and generated nationals imported through the real importer. Once per
 * database, however many instances start on it together.
 */
public final class DemoSeeder {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
  private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  /** Demo users: name, role, consulate, region. */
  static final List<String[]> USERS = List.of(
      new String[] {"admin", "ADMIN", null, null},
      new String[] {"crisis.cell", "CRISIS_CELL", null, null},
      new String[] {"officer.paris", "CONSULAR_OFFICER", "fr-paris", null},
      new String[] {"officer.tripoli", "CONSULAR_OFFICER", "ly-tripoli", null},
      new String[] {"caseworker", "CASEWORKER", null, "MA.06"},
      new String[] {"caseworker.rabat", "CASEWORKER", null, "MA.04"});

  private DemoSeeder() {}

  /** Seeds when no user exists yet; returns the demo credentials (read back from the file on later starts). */
  public static Map<String, String> seedIfEmpty(Services services, DemoSettings demo) {
    // Instances started together on one empty database: one seeds, the others wait and find the users there.
    return crisis.core.db.Jdbis.once(services.jdbi(), "demo-seed", () -> seedIfEmptyNow(services, demo));
  }

  private static Map<String, String> seedIfEmptyNow(Services services, DemoSettings demo) {
    Path file = Path.of(demo.credentialsFile);
    if (services.users().count() > 0) {
      return read(file);
    }
    services.jdbi().useExtension(ConsulateDao.class, dao -> {
      for (Consulate c : DemoData.consulates()) {
        if (dao.find(c.id()).isEmpty()) {
          dao.insert(c);
        }
      }
    });
    Map<String, String> credentials = new LinkedHashMap<>();
    SecureRandom random = new SecureRandom();
    for (String[] u : USERS) {
      StringBuilder pw = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        pw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      services.users().add(u[0], pw.toString().toCharArray(), Role.valueOf(u[1]), u[2], u[3]);
      credentials.put(u[0], pw.toString());
    }
    write(file, credentials);
    if (demo.registrations > 0) {
      importRegistrations(services, demo);
    }
    return credentials;
  }

  private static void importRegistrations(Services services, DemoSettings demo) {
    try {
      Path csv = Files.createTempFile("demo-registrations-", ".csv");
      try {
        DemoCsv.write(csv, demo.registrations, demo.seed, LocalDate.now());
        ImportSummary s = services.importer().importFile(Actor.cli("demo"), csv, o -> { });
        LOG.info("demo: {} registrations created, {} rejected in {} s", s.created(), s.rejected(),
            String.format("%.1f", s.seconds()));
      } finally {
        Files.deleteIfExists(csv);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, Map<String, String> credentials) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      List<String> lines = new ArrayList<>();
      credentials.forEach((u, p) -> lines.add(u + " " + p));
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo credentials to " + file, e);
    }
  }

  private static Map<String, String> read(Path file) {
    Map<String, String> credentials = new LinkedHashMap<>();
    try {
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] parts = line.split(" ", 2);
          if (parts.length == 2) {
            credentials.put(parts[0], parts[1]);
          }
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot read the demo credentials file {}", file);
    }
    return credentials;
  }
}
