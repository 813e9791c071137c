package crisis.core.common;

import com.lowagie.text.pdf.BaseFont;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * DejaVu Sans for the PDFs the system makes (manifests, a person's copy), embedded (the subset used): it draws Latin
 * and Arabic script with its joining forms, where the standard Helvetica leaves Arabic blank. Read once.
 */
public final class PdfFont {
  private static final String RESOURCE = "/crisis/core/repatriation/fonts/DejaVuSans.ttf";
  private static volatile BaseFont font;

  private PdfFont() {}

  public static BaseFont get() {
    BaseFont f = font;
    if (f == null) {
      try (var in = PdfFont.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the PDFs' font is not on the class path (built by fetch-fonts.sh)");
        }
        f = BaseFont.createFont("DejaVuSans.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(),
            null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      font = f;
    }
    return f;
  }

  /** Whether {@code s} has Arabic letters: such a cell is written right to left, its letters joined. */
  public static boolean arabic(String s) {
    return s != null && s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC);
  }
}
