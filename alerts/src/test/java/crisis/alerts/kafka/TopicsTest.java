package crisis.alerts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A topic is there because something reads it (issue 29: {@code reintegration-cases} was written and read by
 * nothing, while the architecture said that could not be): every topic of {@link Topics} is a source of the topology
 * or the topic of a consumer loop somewhere in the main sources, or one of {@link Topics#OUTPUTS}, written for others
 * on purpose. Reads the sources of the alerts and API modules.
 */
@Tag("fast")
class TopicsTest {
  private static final Pattern READ = Pattern.compile(
      "(?:addSource\\([^;]*?|ConsumerLoop\\.start\\([^;]*?|subscribe\\([^;]*?)Topics\\.([A-Z_]+)");

  @Test
  void everyTopicIsReadOrAnOutputForOthers() throws Exception {
    Map<String, String> constants = new HashMap<>();
    for (Field f : Topics.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        constants.put(f.getName(), (String) f.get(null));
      }
    }
    TreeSet<String> read = new TreeSet<>();
    for (Path root : new Path[] {Path.of("src/main/java"), Path.of("../crisis-api/src/main/java")}) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = READ.matcher(Files.readString(p));
          while (m.find()) {
            read.add(constants.get(m.group(1)));
          }
        }
      }
    }
    TreeSet<String> unread = new TreeSet<>(Topics.all());
    unread.removeAll(read);
    assertThat(unread).as("topics written and read by nothing (read: %s)", read)
        .containsExactlyInAnyOrderElementsOf(Topics.OUTPUTS);
    assertThat(read).as("an output for others is not read by the application").doesNotContainAnyElementsOf(
        Topics.OUTPUTS);
  }
}
