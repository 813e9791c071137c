package crisis.core.common;

import java.text.Normalizer;

/**
 * The one way text typed by people is compared: town names in addresses, SMS keywords, names at a gate. Thread-safe
 * (no state).
 */
public final class TextFold {
  private TextFold() {}

  /**
   * Upper case without accents; Arabic without vowel marks, tatweel or standalone hamza, with one alef (أ إ آ ٱ as
   * ا), ta marbuta as ha, alef maqsura and Persian ya as ya, Persian kaf as kaf; Arabic-Indic digits as ASCII;
   * anything but letters and digits as one space between words; "" for null. "Saint-Étienne" is "SAINT ETIENNE",
   * "Lyon 03" (a district) stays apart from "Lyon"; ؤ is و and ئ is ي (their hamza is a mark). ASCII text (most
   * names) takes a path
   * without normalisation, for the gazetteer's hundreds of thousands of names at start.
   */
  public static String fold(String text) {
    if (text == null) {
      return "";
    }
    if (isAscii(text)) {
      return asciiFold(text);
    }
    String d = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder b = new StringBuilder(d.length());
    boolean space = false;
    for (int i = 0; i < d.length(); ) {
      int c = d.codePointAt(i);
      i += Character.charCount(c);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
          || type == Character.ENCLOSING_MARK || c == '\u0640' || c == '\u0621') {
        continue;  // accents, harakat, hamza above or below (NFKD splits أ into ا and a mark), tatweel, hamza
      }
      c = switch (c) {
        case '\u0671' -> '\u0627';
        case '\u0629' -> '\u0647';
        case '\u0649', '\u06CC' -> '\u064A';
        case '\u06A9' -> '\u0643';
        default -> c >= '\u0660' && c <= '\u0669' ? '0' + c - '\u0660'
            : c >= '\u06F0' && c <= '\u06F9' ? '0' + c - '\u06F0' : c;
      };
      if (Character.isLetterOrDigit(c)) {
        if (space && b.length() > 0) {
          b.append(' ');
        }
        b.appendCodePoint(Character.toUpperCase(c));
        space = false;
      } else {
        space = true;
      }
    }
    return b.toString();
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The same as the general case for ASCII text. */
  private static String asciiFold(String text) {
    StringBuilder b = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
        if (space && b.length() > 0) {
          b.append(' ');
        }
        b.append(c >= 'a' ? (char) (c - ('a' - 'A')) : c);
        space = false;
      } else {
        space = true;
      }
    }
    return b.toString();
  }
}
