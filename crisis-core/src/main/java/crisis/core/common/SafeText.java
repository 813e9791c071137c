package crisis.core.common;

/**
 * Characters no field of the system accepts from a user, whatever the field: NUL (PostgreSQL cannot store it), an
 * unpaired surrogate (broken UTF-16, which would be stored as '?'), and the bidirectional embedding, override and
 * isolate controls (U+202A to U+202E, U+2066 to U+2069), which make a text display differently from what it is: a
 * name, an address or an SMS that reads one way and says another. Right-to-left and left-to-right marks (U+200F,
 * U+200E), which Arabic text uses, are accepted.
 */
public final class SafeText {
  private SafeText() {}

  /** Why {@code s} is refused, or null when it is acceptable. */
  public static String problem(String s) {
    if (s == null) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\0') {
        return "must not contain control characters (here NUL, U+0000)";
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return "contains broken Unicode (an unpaired surrogate) at position " + (i + 1);
      }
      if (isBidiControl(c)) {
        return "contains a bidirectional control character (U+" + String.format("%04X", (int) c) + ") at position "
            + (i + 1) + ", which makes text display differently from what it says";
      }
    }
    return null;
  }

  /** Whether {@code s} is acceptable and holds no control character at all (one-line fields: names, numbers). */
  public static boolean isPrintable(String s) {
    return problem(s) == null && s.chars().noneMatch(Character::isISOControl);
  }

  /** U+202A..U+202E and U+2066..U+2069. */
  public static boolean isBidiControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }
}
