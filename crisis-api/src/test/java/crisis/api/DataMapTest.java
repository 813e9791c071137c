package crisis.api;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.kafka.Topics;
import crisis.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The data map of docs/data-protection.md is complete (issue 31): every table of a migrated database, read from its
 * catalogue, has one row saying what personal data it holds, why, who reads it, how long it is kept and how it is
 * protected; every sealed column the catalogue has is named as sealed in its row; and every topic of
 * {@code Topics} has its row in the topics' map. A new table, sealed column or topic must be classified there.
 */
@Tag("db")
class DataMapTest {
  private static final Path DOC = Path.of("../docs/data-protection.md");
  /** A row of a map: its first cell's names in backticks, and its other cells. */
  private static final Pattern ROW = Pattern.compile("^\\|([^|]+)\\|(.+)\\|\\s*$");
  private static final Pattern NAME = Pattern.compile("`([a-z_][a-z0-9_-]*)`");

  @Test
  void everyTableOfTheCatalogueHasOneRowSayingWhatItHoldsAndEverySealedColumnIsNamed() throws IOException {
    Map<String, String[]> map = rows(section("## Data map"));
    TestDatabase db = TestDatabase.create();
    Set<String> tables;
    Map<String, Set<String>> sealed = new TreeMap<>();
    try {
      List<String> listed = db.jdbi().withHandle(h -> h.createQuery("""
          SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'databasechangelog%'""")
          .mapTo(String.class).list());
      tables = new TreeSet<>(listed);
      db.jdbi().useHandle(h -> h.createQuery("""
          SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND column_name LIKE '%\\_sealed'""")
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list()
          .forEach(e -> sealed.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue())));
    } finally {
      db.drop();
    }
    assertThat(tables).as("the catalogue's tables").hasSizeGreaterThan(40).contains("registration", "sms_send");
    assertThat(sealed).as("the catalogue's sealed columns").containsKeys("registration", "reintegration_need");
    assertThat(map.keySet()).as("the data map's tables in %s against the catalogue", DOC)
        .containsExactlyInAnyOrderElementsOf(tables);
    map.forEach((table, cells) -> {
      assertThat(cells).as("row of %s: personal data, purpose, who reads it, kept, protection", table).hasSize(5);
      assertThat(cells).as("row of %s", table).allSatisfy(c -> assertThat(c.strip()).isNotEmpty());
    });
    sealed.forEach((table, columns) -> columns.forEach(c -> assertThat(map.get(table)[4])
        .as("the protection of %s names its sealed column", table).contains("`" + c + "`").contains("sealed")));
  }

  @Test
  void everyTopicHasItsRowInTheTopicsMap() throws IOException {
    Map<String, String[]> map = rows(section("## Topics"));
    assertThat(map.keySet()).as("the topics' map in %s", DOC).containsAll(Topics.all());
    Topics.all().forEach(t -> assertThat(map.get(t)).as("row of topic %s", t).hasSize(2));
  }

  /** The lines of the section whose heading is {@code heading}, up to the next heading of its level. */
  private static List<String> section(String heading) throws IOException {
    List<String> lines = Files.readAllLines(DOC);
    int start = lines.indexOf(heading);
    assertThat(start).as("%s in %s", heading, DOC).isNotNegative();
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    return lines.subList(start + 1, end);
  }

  /** Each name in a row's first cell, with the row's other cells; a name in two rows fails. */
  private static Map<String, String[]> rows(List<String> lines) {
    Map<String, String[]> out = new TreeMap<>();
    for (String line : lines) {
      Matcher row = ROW.matcher(line);
      if (!row.matches() || line.startsWith("|---")) {
        continue;
      }
      String[] cells = row.group(2).split("\\|", -1);
      Matcher name = NAME.matcher(row.group(1));
      while (name.find()) {
        assertThat(out.put(name.group(1), cells)).as("%s in two rows of %s", name.group(1), DOC).isNull();
      }
    }
    return out;
  }
}
