package crisis.core.crisis;

/**
 * How many SMS segments a text costs. Texts written only with the GSM 03.38 alphabet travel as GSM-7: 160 septets in
 * one segment, 153 per segment when concatenated, the extension characters ({@code ^ { } \ [ ] ~ | €} and form feed)
 * taking two septets each. Anything else (Arabic, Tamazight in Tifinagh, most emoji) travels as UCS-2: 70 UTF-16 units
 * in one segment, 67 per segment when concatenated; characters outside the BMP take two units. A concatenated
 * segment never splits an escape sequence or a surrogate pair. Thread-safe.
 */
public final class SmsSegments {
  private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

  private SmsSegments() {}

  /** The encoding a text needs and the segments it costs. */
  public record Count(Encoding encoding, int units, int segments) {}

  public enum Encoding { GSM7, UCS2 }

  public static Count of(String text) {
    if (text == null || text.isEmpty()) {
      return new Count(Encoding.GSM7, 0, 0);
    }
    return isGsm7(text) ? gsm7(text) : ucs2(text);
  }

  static boolean isGsm7(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (GSM7_BASIC.indexOf(c) < 0 && GSM7_EXTENSION.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static Count gsm7(String text) {
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      septets += GSM7_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
    }
    if (septets <= 160) {
      return new Count(Encoding.GSM7, septets, 1);
    }
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); i++) {
      int width = GSM7_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
      if (used + width > 153) {
        segments++;
        used = 0;
      }
      used += width;
    }
    return new Count(Encoding.GSM7, septets, segments);
  }

  private static Count ucs2(String text) {
    int units = text.length();
    if (units <= 70) {
      return new Count(Encoding.UCS2, units, 1);
    }
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); i++) {
      int width = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
      if (used + width > 67) {
        segments++;
        used = 0;
      }
      used += width;
      i += width - 1;
    }
    return new Count(Encoding.UCS2, units, segments);
  }
}
