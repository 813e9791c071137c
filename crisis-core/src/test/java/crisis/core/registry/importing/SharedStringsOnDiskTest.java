package crisis.core.registry.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class SharedStringsOnDiskTest {
  @TempDir
  Path dir;

  /** A table as Excel writes one: plain texts, a rich text in runs, a Japanese name with its reading, an empty one. */
  private static final String TABLE = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="7" uniqueCount="7">
      <si><t>Nom</t></si>
      <si><t xml:space="preserve"> El Amrani </t></si>
      <si><r><rPr><b/></rPr><t>EL AMRANI</t></r><r><t xml:space="preserve"> Fatima</t></r></si>
      <si><t>山田</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh><phoneticPr fontId="1"/></si>
      <si><t/></si>
      <si><t>العمراني &amp; أولاده</t></si>
      <si><t>Zoé</t></si>
      </sst>""";

  @Test
  void eachTextIsReadBackAsExcelShowsItAndNothingOfItStaysInMemory() throws Exception {
    try (SharedStringsOnDisk strings = new SharedStringsOnDisk(stream(TABLE), dir)) {
      assertThat(strings.getUniqueCount()).isEqualTo(7);
      assertThat(strings.text(0)).isEqualTo("Nom");
      assertThat(strings.text(1)).isEqualTo(" El Amrani ");
      assertThat(strings.text(2)).as("rich runs joined").isEqualTo("EL AMRANI Fatima");
      assertThat(strings.text(3)).as("the reading left out").isEqualTo("山田");
      assertThat(strings.text(4)).isEmpty();
      assertThat(strings.text(5)).isEqualTo("العمراني & أولاده");
      assertThat(strings.getItemAt(6).getString()).isEqualTo("Zoé");
      assertThat(Files.list(dir)).as("the texts and their places").hasSize(2);
      assertThatThrownBy(() -> strings.text(7)).isInstanceOf(IllegalStateException.class);
    }
    assertThat(Files.list(dir)).as("deleted when closed").isEmpty();
  }

  @Test
  void aTextNeverCrossesASegmentOfTheMappedFile() throws Exception {
    // Segments of 32 bytes: "山田", the Arabic text (31 bytes) and "Zoé" each start the next segment.
    try (SharedStringsOnDisk strings = new SharedStringsOnDisk(stream(TABLE), dir, 32);
         SharedStringsOnDisk whole = new SharedStringsOnDisk(stream(TABLE), dir)) {
      for (int i : new int[] {6, 0, 5, 3, 2, 1, 4}) {
        assertThat(strings.text(i)).isEqualTo(whole.text(i));
      }
      assertThat(strings.text(5)).isEqualTo("العمراني & أولاده");
    }
    assertThatThrownBy(() -> new SharedStringsOnDisk(stream(TABLE), dir, 8))
        .hasMessageContaining("longer than 8 bytes");
  }

  @Test
  void aTextLongerThanExcelAllowsIsRefusedAndNothingIsLeftOnDisk() {
    String huge = "<sst><si><t>Nom</t></si><si><t>" + "x".repeat(SharedStringsOnDisk.MAX_CHARS + 1) + "</t></si></sst>";
    assertThatThrownBy(() -> new SharedStringsOnDisk(stream(huge), dir)).hasMessageContaining("32767 characters");
    assertThat(dir.toFile().list()).isEmpty();
    assertThatThrownBy(() -> new SharedStringsOnDisk(stream("<sst><si><t>Nom</t>"), dir))
        .hasMessageContaining("cannot be read");
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void aWorkbookWithoutSharedStringsHasAnEmptyTable() throws Exception {
    try (SharedStringsOnDisk strings = new SharedStringsOnDisk(null, dir)) {
      assertThat(strings.getCount()).isZero();
    }
  }

  private static ByteArrayInputStream stream(String xml) {
    return new ByteArrayInputStream(xml.strip().getBytes(StandardCharsets.UTF_8));
  }
}
