package crisis.api;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.api.CompiledClasses.CompiledClass;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.customizer.DefineList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SQL lives in DAOs (docs/architecture.md, "Rules that keep it one way"): in the compiled classes of the three product
 * modules, only a DAO interface (a type named {@code …Dao}, and the types nested in it) or a row mapper of a
 * {@code db} package holds a statement or runs one, except the few places SqlObject cannot serve ({@link #ALLOWED}).
 * Reads each class file's constant pool ({@link CompiledClasses}), where string literals, text blocks, the recipes
 * of string concatenations and annotation values all end up, and the methods it calls.
 */
@Tag("fast")
class SqlLivesInDaosTest {
  /** Classes that may hold and run SQL outside a DAO, and why. */
  private static final Map<String, String> ALLOWED = Map.of(
      "crisis.core.registry.importing.StageCopy", "COPY … FROM STDIN, which SqlObject cannot send",
      "crisis.core.db.EmbeddedDatabase", "the embedded server's own roles and passwords, set before any Jdbi exists",
      "crisis.core.geo.H3Backfill", "a step of the Liquibase change log: frozen with the migrations it belongs to, it "
          + "must not change when a DAO does",
      "crisis.core.registry.SealIdentityNumbers", "a step of the Liquibase change log (it seals the clear identity "
          + "numbers of an older release between 037 and 038), frozen with the migrations like H3Backfill",
      "crisis.core.privacy.SealNotes", "a step of the Liquibase change log (it seals the clear notes of an older "
          + "release between 040 and 041), frozen with the migrations like H3Backfill");

  /**
   * A statement, or a fragment of one, as this code writes SQL: keywords in capitals, names in lower case, in the
   * shape of a statement ({@code SELECT … FROM name}, {@code INSERT INTO name}, {@code UPDATE name SET}, …). Prose
   * has other shapes, whatever its case: "select a leg from the list", "cannot create topics", "CREATED, UPDATED".
   * U+0001 is where a concatenation's recipe puts a variable part.
   */
  static final Pattern SQL = Pattern.compile(String.join("|",
      "\\bSELECT\\b.+?\\bFROM\\s+[a-z_\"(\\u0001]",
      "\\bSELECT\\s+(?:DISTINCT\\s+)?[A-Za-z_][\\w.]*\\s*\\(",
      "\\bINSERT\\s+INTO\\s+[a-z_\"\\u0001]",
      "\\bUPDATE\\s+[a-z_\"\\u0001][\\w.\"]*(?:\\s+(?:AS\\s+)?[a-z_]\\w*)?\\s+SET\\b",
      "\\bDELETE\\s+FROM\\s+[a-z_\"\\u0001]",
      "\\bMERGE\\s+INTO\\s+[a-z_\"\\u0001]",
      "\\bWITH\\s+(?:RECURSIVE\\s+)?[a-z_]\\w*(?:\\s*\\([^)]*\\))?\\s+AS\\s+(?:NOT\\s+)?(?:MATERIALIZED\\s+)?\\(",
      "\\b(?:CREATE|ALTER|DROP)\\s+(?:(?:GLOBAL|LOCAL|TEMP|TEMPORARY|UNLOGGED|UNIQUE|OR\\s+REPLACE)\\s+)*"
          + "(?:TABLE|INDEX|VIEW|ROLE|USER|SEQUENCE|FUNCTION|PROCEDURE|TRIGGER|SCHEMA|TYPE|EXTENSION|DATABASE"
          + "|POLICY)\\b",
      "\\b(?:VACUUM|ANALYZE|TRUNCATE|REINDEX|CLUSTER)\\b(?:\\s*\\(|\\s+(?:TABLE\\s+)?[a-z_\"\\u0001])",
      "\\bCOPY\\s+[a-z_\"\\u0001].*?\\b(?:FROM|TO)\\s+(?:STDIN|STDOUT)\\b",
      "\\bSET\\s+(?:LOCAL\\s+|SESSION\\s+)?(?:TRANSACTION\\b|ROLE\\b|[a-z_]+\\s*(?:=|TO\\s))",
      "\\bLOCK\\s+TABLE\\b",
      "\\bGRANT\\s+.+?\\bTO\\s+[a-z_\"\\u0001]",
      "\\bDO\\s+\\$\\$"), Pattern.DOTALL);

  /** Methods that send a statement given as text, by owner: only a DAO (through SqlObject) or an allowed class. */
  private static final Map<String, Set<String>> RUNS_TEXT = Map.of(
      "org/jdbi/v3/core/Handle", Set.of("createQuery", "createUpdate", "createCall", "createScript", "createBatch",
          "prepareBatch", "execute", "select"),
      "java/sql/Connection", Set.of("prepareStatement", "prepareCall", "createStatement"),
      "java/sql/Statement", Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch"),
      "java/sql/PreparedStatement", Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
          "addBatch"),
      "java/sql/CallableStatement", Set.of("execute", "executeQuery", "executeUpdate"),
      "org/postgresql/copy/CopyManager", Set.of("copyIn", "copyOut"));

  private static List<CompiledClass> classes;

  /** The statements, or fragments of one, among a class's texts. */
  static List<String> statements(CompiledClass c) {
    return c.texts().stream().filter(t -> SQL.matcher(t).find()).toList();
  }

  /** The methods a class calls that send a statement given as text. */
  static List<String> statementCalls(CompiledClass c) {
    return c.calls().stream().filter(call -> RUNS_TEXT.getOrDefault(call.substring(0, call.lastIndexOf('.')),
        Set.of()).contains(call.substring(call.lastIndexOf('.') + 1))).sorted().toList();
  }

  @BeforeAll
  static void read() {
    classes = CompiledClasses.product();
  }

  @Test
  void noClassButADaoHoldsAStatement() {
    Map<String, List<String>> outside = new TreeMap<>();
    for (CompiledClass c : classes) {
      List<String> statements = statements(c);
      if (!statements.isEmpty() && !mayHoldSql(c.name())) {
        outside.put(c.name(), statements.stream().map(SqlLivesInDaosTest::shorten).toList());
      }
    }
    assertThat(outside).as("SQL outside a DAO: move it to a DAO of the capability that owns the table").isEmpty();
  }

  @Test
  void noClassButADaoRunsAStatementGivenAsText() {
    Map<String, List<String>> outside = new TreeMap<>();
    for (CompiledClass c : classes) {
      List<String> calls = statementCalls(c);
      if (!calls.isEmpty() && !mayHoldSql(c.name())) {
        outside.put(c.name(), calls);
      }
    }
    assertThat(outside).as("statements run outside a DAO: attach a DAO instead (h.attach, jdbi.withExtension)")
        .isEmpty();
  }

  /** The scan sees what it looks for: every module's classes, and the statements of the DAOs. */
  @Test
  void theScanReadsTheDaosStatements() {
    assertThat(classes).extracting(CompiledClass::name)
        .contains("crisis.core.users.Sessions", "crisis.alerts.outreach.Escalation", "crisis.api.CrisisApplication");
    List<String> daosWithSql = classes.stream()
        .filter(c -> !c.name().contains("$") && c.name().endsWith("Dao") && !statements(c).isEmpty())
        .map(CompiledClass::name).toList();
    assertThat(daosWithSql).hasSizeGreaterThanOrEqualTo(20)
        .contains("crisis.core.users.SessionDao", "crisis.core.outreach.db.SmsDao");
  }

  /** Each exception still needs its place: a class that no longer holds SQL leaves the list. */
  @Test
  void everyAllowedClassStillHoldsSql() {
    for (String name : ALLOWED.keySet()) {
      assertThat(classes).as(name).filteredOn(c -> c.name().equals(name)).singleElement()
          .satisfies(c -> assertThat(statements(c)).as("%s: %s", name, ALLOWED.get(name)).isNotEmpty());
    }
  }

  /** A DAO's SQL is fixed: no part of a statement comes from its caller (values are bound, never spliced in). */
  @Test
  void noDaoTakesPartOfItsSqlFromItsCaller() {
    List<String> spliced = new ArrayList<>();
    List<Class<?>> daos = classes.stream().map(CompiledClass::name).filter(n -> n.endsWith("Dao"))
        .map(SqlLivesInDaosTest::load).filter(Class::isInterface).toList();
    assertThat(daos).hasSizeGreaterThanOrEqualTo(20);
    for (Class<?> dao : daos) {
      for (Method m : dao.getDeclaredMethods()) {
        for (Parameter p : m.getParameters()) {
          if (p.isAnnotationPresent(Define.class) || p.isAnnotationPresent(DefineList.class)) {
            spliced.add(dao.getSimpleName() + "." + m.getName() + "(" + p.getName() + ")");
          }
        }
      }
    }
    assertThat(spliced).as("@Define splices text into a statement: bind a value (= ANY(:values) for a list)")
        .isEmpty();
  }

  @Test
  void statementsAreToldFromProse() {
    assertThat(List.of(
        "SELECT registration_id FROM assistance_request WHERE id = :id",
        "SELECT pg_try_advisory_xact_lock(:key)",
        "EXISTS (SELECT 1 FROM sms_send r WHERE r.dedupe_key = 'reminder:' || s.phone)",
        "SELECT c.cell, sum(c.n) AS n\nFROM unnest(CAST(:lo AS bigint[])) AS x(lo)",
        "INSERT INTO remains_change (case_id, version) VALUES (:id, 1)",
        "UPDATE console_session SET last_seen_at = :now WHERE token_hash = :hash",
        "UPDATE sms_send s SET escalation = 1",
        "DELETE FROM console_session WHERE token_hash = :hash",
        "DELETE FROM \u0001 WHERE id = ?",
        "WITH latest AS MATERIALIZED (\n  SELECT DISTINCT ON (a.case_id) a.economic",
        "VACUUM (SKIP_LOCKED, ANALYZE) registration_cell_count, registration_cell_total",
        "CREATE TEMP TABLE IF NOT EXISTS import_stage (line BIGINT NOT NULL)",
        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
        "SET LOCAL work_mem = '64MB'",
        "TRUNCATE registration",
        "COPY import_stage (line, phone) FROM STDIN",
        "ALTER ROLE \u0001 LOGIN NOSUPERUSER"))
        .allSatisfy(s -> assertThat(SQL.matcher(s).find()).as(s).isTrue());
    assertThat(List.of(
        "select a leg from the list",
        "Select the households to move from the waitlist",
        "cannot create topics: ",
        "cannot delete the embedded broker's directory ",
        "Create a consulate (administrator)",
        "Each row is CREATED, UPDATED (same consulate and external_id), UNCHANGED, DUPLICATE or REJECTED",
        "is required with a location (GPS, GEOCODED or CONSULAR_ESTIMATE)",
        "Move the case forward (the remains travel only with the four documents in hand)",
        "the gateway answered SMS {} with an id already recorded for another message",
        "UPDATE", "DELETE", "SELECT", "INSERT", "READ_ASSISTANCE", "CHECK_IN, BOARD, DEPART or ARRIVE",
        "(Ljava/lang/String;Ljava/time/Instant;)V"))
        .allSatisfy(s -> assertThat(SQL.matcher(s).find()).as(s).isFalse());
  }

  private static boolean mayHoldSql(String binaryName) {
    String outer = binaryName.contains("$") ? binaryName.substring(0, binaryName.indexOf('$')) : binaryName;
    if (ALLOWED.containsKey(outer)) {
      return true;
    }
    Class<?> top = load(outer);
    if (top.isInterface() && top.getSimpleName().endsWith("Dao")) {
      return true;
    }
    Class<?> type = load(binaryName);
    return RowMapper.class.isAssignableFrom(type) && type.getPackageName().endsWith(".db");
  }

  private static Class<?> load(String binaryName) {
    try {
      return Class.forName(binaryName, false, SqlLivesInDaosTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String shorten(String statement) {
    String line = statement.strip().replaceAll("\\s+", " ");
    return line.length() > 100 ? line.substring(0, 100) + "…" : line;
  }
}
