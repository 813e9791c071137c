package crisis.core.registry;

import static crisis.core.testing.Samples.PARIS_OFFICER;
import static crisis.core.testing.Samples.TRIPOLI_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.common.Json;
import crisis.core.demo.DemoCsv;
import crisis.core.demo.DemoData;
import crisis.core.privacy.FieldCipher;
import crisis.core.registry.importing.RegistrationImporter;
import crisis.core.registry.importing.RowOutcome;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Identity numbers at rest (issue 31): a dump of the database holds none of them in clear, not in the registry, not in
 * its history; the officer still finds a person by number, duplicates are still refused, and a key rotation seals
 * everything again while every value stays readable.
 */
@Tag("db")
class SealedAtRestTest {
  private static final int DEMO = 300;
  private static TestDatabase db;
  private static Jdbi jdbi;
  private static RegistrationService service;
  private static RegistrationImporter importer;
  /** Every identity number written, in clear: none may be in a dump. */
  private static final Set<String> numbers = new HashSet<>();

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    jdbi.useExtension(crisis.core.consulate.ConsulateDao.class, dao -> DemoData.consulates().stream()
        .filter(c -> dao.find(c.id()).isEmpty()).forEach(dao::insert));
    AuditTrail audit = new AuditTrail(jdbi, Clock.systemUTC());
    service = new RegistrationService(jdbi, new RegistrationValidator(), audit, Clock.systemUTC());
    importer = new RegistrationImporter(jdbi, new RegistrationValidator(), audit, Clock.systemUTC());
    // Demo nationals through the import (its COPY), the shape of a consulate's register.
    Path csv = Files.createTempFile("sealed-", ".csv");
    try {
      List<RegistrationData> people = new ArrayList<>();
      Iterator<RegistrationData> it = new DemoData(31, LocalDate.of(2026, 12, 6)).registrations();
      for (int i = 0; i < DEMO; i++) {
        people.add(it.next());
      }
      people.forEach(p -> remember(p));
      DemoCsv.write(csv, people.iterator(), DEMO, p -> true);
      assertThat(importer.importFile(Actor.cli("test"), csv, o -> { }).created()).isEqualTo(DEMO);
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  private static void remember(RegistrationData d) {
    if (d.nationalId() != null) {
      numbers.add(d.nationalId());
    }
    if (d.passportNumber() != null) {
      numbers.add(d.passportNumber());
    }
  }

  private static RegistrationData withPassport(RegistrationData d, String passport) {
    return with(d, "passportNumber", passport);
  }

  private static RegistrationData with(RegistrationData d, String field, String value) {
    ObjectNode n = Json.MAPPER.valueToTree(d);
    n.put(field, value);
    return Json.MAPPER.convertValue(n, RegistrationData.class);
  }

  /** The previous value of {@code field} in a change row, as the history reads it. */
  private static String previous(RegistrationChange c, String field) {
    return c.previousJson() == null ? null : Json.read(c.previousJson(), com.fasterxml.jackson.databind.JsonNode.class)
        .path(field).asText(null);
  }

  @Test
  void aDumpHoldsNoIdentityNumberInClearYetTheyAreFoundReadAndKeptUnique() throws Exception {
    RegistrationData tripolitan = Samples.tripolitan(9101);
    remember(tripolitan);
    Registration r = service.create(TRIPOLI_OFFICER, tripolitan);
    assertThat(service.get(TRIPOLI_OFFICER, r.id()).data().passportNumber()).isEqualTo("P00009101");
    // A new passport: the old number stays in the history, sealed there too, and is read back in clear.
    RegistrationData renewed = withPassport(tripolitan, "Q00009101");
    remember(renewed);
    Registration updated = service.update(TRIPOLI_OFFICER, r.id(), r.version(), renewed);
    assertThat(updated.data().passportNumber()).isEqualTo("Q00009101");
    assertThat(service.history(TRIPOLI_OFFICER, r.id())).anySatisfy(c ->
        assertThat(previous(c, "passportNumber")).isEqualTo("P00009101"));

    // The officer's search by a whole number, any case.
    assertThat(service.list(TRIPOLI_OFFICER, new RegistrationFilter(null, null, null, null, "ACTIVE", "q00009101"),
        0, 10).items()).extracting(Registration::id).containsExactly(r.id());
    assertThat(service.list(TRIPOLI_OFFICER, new RegistrationFilter(null, null, null, null, "ACTIVE", "CD009101"),
        0, 10).items()).extracting(Registration::id).containsExactly(r.id());
    assertThat(service.list(TRIPOLI_OFFICER, new RegistrationFilter(null, null, null, null, "ACTIVE", "P00009101"),
        0, 10).items()).as("the old passport number finds nobody").isEmpty();

    // Duplicates by number, through the service and through the import.
    RegistrationData again = Samples.withPhone(withPassport(Samples.tripolitan(9102), "Q00009101"), "+218911239999");
    assertThatThrownBy(() -> service.create(TRIPOLI_OFFICER, again)).isInstanceOf(
        DuplicateRegistrationException.class).extracting("rule").isEqualTo("passportNumber");
    StringBuilder csv = new StringBuilder(crisis.core.registry.importing.CsvFormat.header()).append('\n');
    crisis.core.registry.importing.CsvFormat.write(again, csv);
    Path file = Files.createTempFile("dup-", ".csv");
    List<RowOutcome> outcomes = new ArrayList<>();
    try {
      Files.writeString(file, csv);
      importer.importFile(TRIPOLI_OFFICER, file, outcomes::add);
    } finally {
      Files.deleteIfExists(file);
    }
    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(RowOutcome.Status.DUPLICATE);
      assertThat(o.rule()).isEqualTo("passportNumber");
    });

    // A deceased national's case carries a document number of its own.
    crisis.core.repatriation.remains.RemainsCase remains = new crisis.core.repatriation.remains.RemainsCases(jdbi,
        new AuditTrail(jdbi, Clock.systemUTC()), Clock.systemUTC()).open(TRIPOLI_OFFICER,
        new crisis.core.repatriation.remains.RemainsCases.CaseInput(null, null, "Omar Benali", LocalDate.of(1990, 7, 1),
            LocalDate.of(2026, 12, 1), "Tripoli", "LY", "X00009301", "Aicha Benali", "+212661234567", "SIBLING",
            "Casablanca"));
    numbers.add("X00009301");
    assertThat(remains.documentNumber()).isEqualTo("X00009301");

    String dump = dump();
    assertThat(dump).contains("COPY public.registration").contains("COPY public.registration_change");
    List<String> inClear = numbers.stream().filter(dump::contains).toList();
    assertThat(numbers).hasSizeGreaterThan(DEMO);
    assertThat(inClear).as("identity numbers in clear in a dump of the database").isEmpty();
  }

  @Test
  void aRotationSealsEveryValueAgainAndTheOldKeyCanThenGo() {
    FieldCipher cipher = FieldCipher.of(jdbi);
    IdentitySealing sealing = new IdentitySealing(jdbi);
    crisis.core.repatriation.remains.RemainsCases remainsCases = new crisis.core.repatriation.remains.RemainsCases(
        jdbi, new AuditTrail(jdbi, Clock.systemUTC()), Clock.systemUTC());
    crisis.core.repatriation.remains.RemainsCase remains = remainsCases.open(PARIS_OFFICER,
        new crisis.core.repatriation.remains.RemainsCases.CaseInput(null, null, "Fatima El Amrani",
            LocalDate.of(1985, 3, 14), LocalDate.of(2026, 12, 2), "Paris", "FR", "Y00009202", "Ahmed El Amrani",
            "+212661234568", "SIBLING", "Rabat"));
    List<crisis.core.privacy.SealedValues> owners = List.of(sealing,
        new crisis.core.repatriation.TravellerDocuments(jdbi),
        new crisis.core.repatriation.remains.RemainsDocuments(jdbi));
    Registration r = service.create(PARIS_OFFICER, Samples.parisian(9201));
    service.update(PARIS_OFFICER, r.id(), r.version(), with(withPassport(Samples.parisian(9201), "R00009201"),
        "nationalId", "AB909201"));
    int before = cipher.currentVersion();
    assertThat(sealing.versionsInUse()).containsExactly(before);
    int next = cipher.rotate();
    Registration later = service.create(PARIS_OFFICER, Samples.parisian(9202));
    assertThat(sealing.versionsInUse()).containsExactly(before, next);
    long rewritten = sealing.resealAll();
    assertThat(rewritten).isGreaterThan(DEMO);
    assertThat(sealing.versionsInUse()).containsExactly(next);
    assertThat(sealing.resealAll()).as("a second pass finds nothing left").isZero();
    assertThat(owners.get(2).versionsInUse()).as("the remains cases' documents, not yet").contains(before);
    owners.forEach(crisis.core.privacy.SealedValues::resealAll);
    for (crisis.core.privacy.SealedValues o : owners) {
      assertThat(o.versionsInUse()).as(o.name()).isSubsetOf(Set.of(next));
    }
    cipher.retire(before);
    assertThat(remainsCases.get(PARIS_OFFICER, remains.id()).documentNumber()).isEqualTo("Y00009202");
    assertThat(service.get(PARIS_OFFICER, r.id()).data().passportNumber()).isEqualTo("R00009201");
    assertThat(service.get(PARIS_OFFICER, later.id()).data().nationalId()).isEqualTo("AB009202");
    assertThat(service.history(PARIS_OFFICER, r.id())).anySatisfy(c ->
        assertThat(previous(c, "nationalId")).as("the old number in the history, sealed again").isEqualTo("AB009201"));
    for (int offset = 0; offset < DEMO; offset += 500) {
      assertThat(service.list(Samples.CRISIS_CELL, new RegistrationFilter(null, null, null, null, "ACTIVE", null),
          offset, 500).items()).as("every registration read with the new key").isNotEmpty().allSatisfy(x ->
          assertThat(x.data().nationalId() != null || x.data().passportNumber() != null).isTrue());
    }
  }

  /**
   * {@code pg_dump} of the test database, data only, as a backup would hold it, followed by every {@code bytea} value
   * of it decoded (a value kept in clear in a binary column is still in clear).
   */
  private static String dump() throws Exception {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^jdbc:postgresql://([^/:]+)(?::(\\d+))?/(.+)$")
        .matcher(db.urlWithoutParameters());
    assertThat(m.matches()).isTrue();
    Path out = Files.createTempFile("dump-", ".sql");
    try {
      Process p = new ProcessBuilder("pg_dump", "--data-only", "-h", m.group(1), "-p",
          m.group(2) == null ? "5432" : m.group(2), "-U", db.user(), "-f", out.toString(), m.group(3))
          .redirectErrorStream(true).start();
      String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as("pg_dump: " + said).isZero();
      String text = Files.readString(out);
      StringBuilder decoded = new StringBuilder(text);
      java.util.regex.Matcher hex = java.util.regex.Pattern.compile("\\\\x((?:[0-9a-f]{2})+)").matcher(text);
      while (hex.find()) {
        decoded.append('\n').append(new String(java.util.HexFormat.of().parseHex(hex.group(1)),
            StandardCharsets.ISO_8859_1));
      }
      return decoded.toString();
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
