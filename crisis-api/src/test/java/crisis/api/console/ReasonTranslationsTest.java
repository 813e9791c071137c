package crisis.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.common.Reasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every code of the API's reasons has its sentence in each of the console's languages. */
class ReasonTranslationsTest {
  private static final Path TEXTS = Path.of("src/main/resources/console/js/texts");

  @ParameterizedTest
  @ValueSource(strings = {"fr", "ar", "en"})
  void everyReasonCodeIsTranslated(String language) throws IOException {
    String file = Files.readString(TEXTS.resolve(language + ".js"));
    int start = file.indexOf("  reasons: {");
    assertThat(start).as("the reasons' block of " + language).isPositive();
    String block = file.substring(start, file.indexOf("\" },", start) + 1);
    Set<String> keys = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(\\w+): \"").matcher(block);
    while (m.find()) {
      keys.add(m.group(1));
    }
    assertThat(keys).as("the reasons said in " + language).containsAll(Reasons.codes());
  }
}
