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
        .hasMessage("file: is not valid UTF-8: bad byte at offset 7 (line 2); save the file as UTF-8 or say its "
            + "encoding (charset)");
  }

  @Test
  void readsUtf16WithItsByteOrderMarkAsUnicodeTextFromExcelIs() throws Exception {
    // Excel's "Unicode text": UTF-16 little-endian with its mark, tab-separated, CRLF.
    String text = "nom\tprénom\tالاسم العائلي\r\nEl Amrani\tZoé\tالعمراني\r\n";
    byte[] bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
    try (SpooledFile f = SpooledFile.spool(new ByteArrayInputStream(bytes), 1000)) {
      assertThat(Files.readString(f.path(), StandardCharsets.UTF_8)).isEqualTo(text);
      assertThat(f.charset()).isEqualTo("UTF-16LE");
      assertThat(f.charsetFrom()).isEqualTo("byte order mark");
      assertThat(f.size()).isEqualTo(bytes.length);
    }
    byte[] big = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
    try (SpooledFile f = SpooledFile.spool(new ByteArrayInputStream(big), 1000, "windows-1252")) {
      assertThat(Files.readString(f.path(), StandardCharsets.UTF_8)).as("the mark wins over the declaration")
          .isEqualTo(text);
    }
  }

  @Test
  void aUtf8ByteOrderMarkIsDroppedFromTheTextAndCountedInTheSize() throws Exception {
    byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "a,b\n".getBytes(StandardCharsets.UTF_8));
    try (SpooledFile f = SpooledFile.spool(new ByteArrayInputStream(bytes), 1000)) {
      assertThat(Files.readString(f.path(), StandardCharsets.UTF_8)).isEqualTo("a,b\n");
      assertThat(f.size()).isEqualTo(7);
      assertThat(f.charsetFrom()).isEqualTo("byte order mark");
    }
    assertThatThrownBy(() -> SpooledFile.spool(new ByteArrayInputStream(new byte[] {(byte) 0xEF, (byte) 0xBB,
        (byte) 0xBF}), 1000)).hasMessage("file: is empty");
  }

  @Test
  void readsTheCharacterSetTheRequestDeclares() throws Exception {
    // A French Excel's CSV: semicolons, CRLF, Windows-1252 (its curly apostrophe and its dash are not Latin-1).
    String text = "Nom;Prénom;Adresse\r\nEl Amrani;Zoé;12 rue de l’Église – 2e étage\r\n";
    try (SpooledFile f = SpooledFile.spool(new ByteArrayInputStream(text.getBytes(Charset.forName("windows-1252"))),
        1000, "cp1252")) {
      assertThat(Files.readString(f.path(), StandardCharsets.UTF_8)).isEqualTo(text);
      assertThat(f.charset()).isEqualTo("windows-1252");
      assertThat(f.charsetFrom()).isEqualTo("declared");
    }
    // An Arabic file saved by Windows in Arabic: Windows-1256.
    String arabic = "الاسم العائلي;الاسم الشخصي\r\nالعمراني;فاطمة\r\n";
    try (SpooledFile f = SpooledFile.spool(new ByteArrayInputStream(arabic.getBytes(Charset.forName("windows-1256"))),
        1000, "windows-1256")) {
      assertThat(Files.readString(f.path(), StandardCharsets.UTF_8)).isEqualTo(arabic);
    }
    // A byte Windows-1252 leaves undefined, with where it is.
    byte[] bad = {'a', ';', 'b', '\r', '\n', 'x', (byte) 0x81};
    assertThatThrownBy(() -> SpooledFile.spool(new ByteArrayInputStream(bad), 1000, "windows-1252"))
        .hasMessage("file: is not valid windows-1252: bad byte at offset 6 (line 2)");
    assertThatThrownBy(() -> SpooledFile.spool(new ByteArrayInputStream(bad), 1000, "EBCDIC-klingon"))
        .hasMessage("charset: must be one of UTF-8, UTF-16LE, UTF-16BE, UTF-16, windows-1252, ISO-8859-1, "
            + "windows-1256");
    assertThatThrownBy(() -> SpooledFile.spool(new ByteArrayInputStream(bad), 1000, "Shift_JIS"))
        .hasMessageStartingWith("charset: must be one of");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
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
