package crisis.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The server role's grants ({@code 035-server-role.sql}, run on every migration) come last in the change log: a
 * migration placed after them would make tables the server's role cannot use until the next migration.
 */
@Tag("fast")
class MigrationOrderTest {
  @Test
  void theServerRolesGrantsAreTheLastChange() throws Exception {
    String log;
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(Migrations.CHANGELOG)) {
      log = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)<!--.*?-->", "");
    }
    List<String> changes = new ArrayList<>();
    Matcher m = Pattern.compile("<include file=\"([^\"]+)\"|<changeSet id=\"([^\"]+)\"").matcher(log);
    while (m.find()) {
      changes.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    assertThat(changes).hasSizeGreaterThan(20).last().isEqualTo("db/035-server-role.sql");
  }
}
