package crisis.core.common;

/**
 * The one rule for a person's name written in one field, in any script (a household member, a companion at a desk):
 * letters, with spaces, dashes, apostrophes and dots between them, Arabic marks and tatweel; it starts with a
 * letter. So a name never starts with {@code = + - @} (a spreadsheet formula in a manifest) and holds no markup.
 * Thread-safe (no state).
 */
public final class PersonNames {
  private PersonNames() {}

  /** Why the name is refused, or null when it is a name. */
  public static String problem(String name) {
    if (name == null || name.isBlank()) {
      return "is required";
    }
    String s = name.strip();
    if (!Character.isLetter(s.codePointAt(0))) {
      return "must start with a letter";
    }
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (!(Character.isLetter(cp) || Character.isSpaceChar(cp) || cp == '-' || cp == '\'' || cp == '.'
          || cp == '\u2019' || cp == '\u0640' || Character.getType(cp) == Character.NON_SPACING_MARK)) {
        return "may contain only letters, spaces, dashes, apostrophes and dots";
      }
    }
    return null;
  }
}
