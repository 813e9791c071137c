package crisis.api;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.CompiledClasses.CompiledClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every table has one owner (docs/architecture.md, "Tables and their owners"): the list there names every table the
 * migrations create exactly once, and no statement in the compiled classes of the three product modules names a table
 * that its class's package (a {@code db} package counted with its owner) does not own.
 */
@Tag("fast")
class TableOwnersTest {
  private static final Path DOC = Path.of("../docs/architecture.md");
  private static final Path MIGRATIONS = Path.of("../crisis-core/src/main/resources/db");

  /** Classes whose SQL is not a capability's, and why. */
  private static final Map<String, String> EXEMPT = Map.of(
      "crisis.core.geo.H3Backfill", "a step of the Liquibase change log, frozen with the migrations",
      "crisis.core.registry.SealIdentityNumbers", "a step of the Liquibase change log, frozen with the migrations",
      "crisis.core.privacy.SealNotes", "a step of the Liquibase change log, frozen with the migrations",
      "crisis.core.db.EmbeddedDatabase", "the embedded server's own roles and passwords");

  /** A row of the owners' table: {@code | `crisis.core.registry` | `registration`, `import_run` |}. */
  private static final Pattern OWNER_ROW = Pattern.compile("^\\|\\s*`(crisis\\.[a-z.]+)`\\s*\\|(.+)\\|\\s*$");
  private static final Pattern NAME = Pattern.compile("`([a-z_][a-z0-9_]*)`");
  private static final Pattern CREATED = Pattern.compile(
      "\\bCREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)");

  /**
   * Where a statement names a table: after FROM, JOIN, INTO, UPDATE, TABLE, or a comma of a FROM list
   * ({@code FROM a x, b y}); a bound value ({@code :crisis}) or a qualified column ({@code c.crisis}) is not.
   */
  private static final Pattern TABLE_POSITION = Pattern.compile(
      "\\b(?:INTO|UPDATE|TABLE|ONLY)\\s+([a-z_][a-z0-9_]*)"
          + "|\\b(?:FROM|JOIN)\\s+([a-z_][a-z0-9_]*(?:\\s+(?:AS\\s+)?[a-z_][a-z0-9_]*)?"
          + "(?:\\s*,\\s*[a-z_][a-z0-9_]*(?:\\s+(?:AS\\s+)?[a-z_][a-z0-9_]*)?)*)");

  private static Map<String, String> ownerOf;
  private static Set<String> created;

  @BeforeAll
  static void read() throws IOException {
    ownerOf = new TreeMap<>();
    Map<String, String> twice = new TreeMap<>();
    for (String line : Files.readAllLines(DOC)) {
      Matcher row = OWNER_ROW.matcher(line);
      if (row.matches()) {
        Matcher name = NAME.matcher(row.group(2));
        while (name.find()) {
          String previous = ownerOf.put(name.group(1), row.group(1));
          if (previous != null) {
            twice.put(name.group(1), previous + " and " + row.group(1));
          }
        }
      }
    }
    assertThat(twice).as("tables with two owners in %s", DOC).isEmpty();
    created = new TreeSet<>();
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
        Matcher m = CREATED.matcher(Files.readString(f));
        while (m.find()) {
          created.add(m.group(1));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Test
  void everyTableTheMigrationsCreateHasExactlyOneOwner() {
    assertThat(created).as("the migrations' tables (the reader reads them)").hasSizeGreaterThan(40)
        .contains("registration", "outbox", "sms_send", "reintegration_case");
    assertThat(ownerOf.keySet()).as("the owners' list in %s against the migrations' tables", DOC)
        .containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void everyOwnerIsAPackageThatHoldsItsSql() {
    Set<String> packages = new TreeSet<>();
    CompiledClasses.product().forEach(c -> packages.add(owner(c)));
    assertThat(packages).containsAll(new TreeSet<>(ownerOf.values()));
  }

  @Test
  void noStatementNamesATableItsPackageDoesNotOwn() {
    Map<String, Set<String>> foreign = new TreeMap<>();
    int read = 0;
    for (CompiledClass c : CompiledClasses.product()) {
      if (EXEMPT.containsKey(c.outer())) {
        continue;
      }
      for (String statement : SqlLivesInDaosTest.statements(c)) {
        read++;
        for (String table : tablesIn(statement)) {
          String owner = ownerOf.get(table);
          if (owner != null && !owner.equals(owner(c))) {
            foreign.computeIfAbsent(c.name(), k -> new TreeSet<>()).add(table + " (" + owner + "'s)");
          }
        }
      }
    }
    assertThat(read).as("statements read").isGreaterThan(200);
    assertThat(foreign).as("tables named in SQL outside their owner: call the owner's DAO or service instead "
        + "(docs/architecture.md, Tables and their owners)").isEmpty();
  }

  @Test
  void tablesAreFoundWhereStatementsNameThem() {
    Map<String, List<String>> cases = new LinkedHashMap<>();
    cases.put("SELECT a.id FROM assistance_request a JOIN registration r ON r.id = a.registration_id",
        List.of("assistance_request", "registration"));
    cases.put("SELECT 1 FROM sms_send s, sms_recipient sr WHERE sr.send_id = s.id",
        List.of("sms_send", "sms_recipient"));
    cases.put("INSERT INTO outbox (aggregate) SELECT 'crisis' WHERE EXISTS (SELECT 1 FROM crisis WHERE id = :crisis)",
        List.of("outbox", "crisis"));
    cases.put("UPDATE transport_leg SET state = :state WHERE crisis_id = :crisis", List.of("transport_leg"));
    cases.put("DELETE FROM console_session WHERE token_hash = :hash", List.of("console_session"));
    cases.put("SELECT c.country, p.place FROM unnest(CAST(:ids AS uuid[])) AS x(id)", List.of("unnest"));
    cases.forEach((sql, tables) -> assertThat(tablesIn(sql)).as(sql).containsExactlyInAnyOrderElementsOf(tables));
  }

  /** The owner a class's SQL speaks for: its package, a {@code db} package counted with the one above it. */
  private static String owner(CompiledClass c) {
    String pkg = c.packageName();
    return pkg.endsWith(".db") ? pkg.substring(0, pkg.length() - ".db".length()) : pkg;
  }

  static Set<String> tablesIn(String statement) {
    Set<String> out = new TreeSet<>();
    Matcher m = TABLE_POSITION.matcher(statement);
    while (m.find()) {
      if (m.group(1) != null) {
        out.add(m.group(1));
      } else {
        for (String item : m.group(2).split(",")) {
          String name = item.strip().split("\\s+")[0];
          if (!name.isEmpty()) {
            out.add(name);
          }
        }
      }
    }
    return out;
  }
}
