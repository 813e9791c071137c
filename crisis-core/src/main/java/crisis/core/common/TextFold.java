package crisis.core.common;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one way text typed by people is compared: names at a gate, keywords in an SMS. Thread-safe (no state).
 */
public final class TextFold {
  private TextFold() {}

  /**
   * Upper case without accents, Arabic without vowel marks or tatweel and with one form of alef (أ إ آ ٱ as ا), ta
   * marbuta as ha and alef maqsura as ya, Arabic-Indic digits as ASCII, punctuation as spaces, spaces collapsed; ""
   * for null.
   */
  public static String fold(String s) {
    if (s == null) {
      return "";
    }
    String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
    StringBuilder b = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK || c == '\u0640') {
        continue; // accents, Arabic harakat, tatweel
      }
      if (c >= '\u0660' && c <= '\u0669') {
        c = (char) ('0' + (c - '\u0660'));
      } else if (c >= '\u06F0' && c <= '\u06F9') {
        c = (char) ('0' + (c - '\u06F0'));
      } else if (c == '\u0623' || c == '\u0625' || c == '\u0622' || c == '\u0671') {
        c = '\u0627';
      } else if (c == '\u0629') {
        c = '\u0647';
      } else if (c == '\u0649') {
        c = '\u064A';
      }
      b.append(Character.isLetterOrDigit(c) ? c : ' ');
    }
    return b.toString().toUpperCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
  }
}
