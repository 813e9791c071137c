package crisis.core.registry.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.common.ValidationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SpooledFileTest {

  @Test
  void keepsUtf8IncludingArabicAndReportsItsHash() throws Exception {
    byte[] bytes = "given_name_arabic\nفاطمة\n".getBytes(StandardCharsets.UTF_8);
    try (SpooledFile f = SpooledFile.spool(new ByteArrayInputStream(bytes), 1000)) {
      assertThat(Files.readAllBytes(f.path())).isEqualTo(bytes);
      assertThat(f.size()).isEqualTo(bytes.length);
      assertThat(f.sha256()).hasSize(64);
    }
  }

  @Test
  void refusesLatin1WithTheOffsetAndLine() {
    byte[] bytes = "a,b\nJos\u00e9,x\n".getBytes(Charset.forName("ISO-8859-1"));
    assertThatThrownBy(() -> SpooledFile.spool(new ByteArrayInputStream(bytes), 1000))
        .isInstanceOf(ValidationException.class)
        .hasMessage("file: is not valid UTF-8: bad byte at offset 7 (line 2); save the file as UTF-8");
  }

  @Test
  void refusesUtf16() {
    byte[] bytes = "a,b\n".getBytes(StandardCharsets.UTF_16);
    assertThatThrownBy(() -> SpooledFile.spool(new ByteArrayInputStream(bytes), 1000))
        .isInstanceOf(ValidationException.class).hasMessageContaining("not valid UTF-8");
  }

  @Test
  void refusesEmptyTruncatedAndOversizedFiles() {
    assertThatThrownBy(() -> SpooledFile.spool(new ByteArrayInputStream(new byte[0]), 1000))
        .hasMessage("file: is empty");
    byte[] cut = {'a', (byte) 0xD9};
    assertThatThrownBy(() -> SpooledFile.spool(new ByteArrayInputStream(cut), 1000))
        .hasMessageContaining("ends in the middle of a character");
    assertThatThrownBy(() -> SpooledFile.spool(new ByteArrayInputStream(new byte[2000]), 1000))
        .hasMessageContaining("larger than the limit of 1000 bytes");
  }
}
