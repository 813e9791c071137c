package crisis.core.users;

import crisis.core.common.ValidationException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What a password must be: 12 to 72 bytes in UTF-8 (bcrypt reads 72 bytes and no more: a longer password would be cut
 * without a word), not only spaces, not one character repeated, and not a common password with digits or signs
 * around it ("password1234", "Azerty2026!"). A passphrase of ordinary words passes ("correct horse battery").
 */
public final class PasswordPolicy {
  public static final int MIN_BYTES = 12;
  public static final int MAX_BYTES = 72;

  /** Common passwords and their roots, in the languages the ministry's staff write; compared lower-cased. */
  private static final Set<String> COMMON = Set.of("password", "passw0rd", "motdepasse", "qwerty", "azerty",
      "qwertyuiop", "azertyuiop", "letmein", "welcome", "bienvenue", "admin", "administrator", "administrateur",
      "iloveyou", "monkey", "dragon", "football", "sunshine", "princess", "master", "secret", "changeme",
      "abc", "abcdef", "abcdefgh", "abcdefghijkl", "consulat", "consulate", "ministere", "crisis", "crise", "maroc",
      "morocco", "royaume", "123456789012", "1234567890", "123456789", "12345678", "1234567", "123456", "111111",
      "000000", "qazwsx", "trustno1", "superman", "batman", "starwars", "hello", "bonjour", "salam", "contrasena");

  private PasswordPolicy() {}

  /** @throws ValidationException naming {@code password} and what is wrong with it */
  public static void check(char[] password) {
    if (password == null) {
      throw new ValidationException("password", "is required");
    }
    int bytes = utf8Length(password);
    if (bytes < MIN_BYTES) {
      throw new ValidationException("password", "must be at least " + MIN_BYTES + " bytes in UTF-8, was " + bytes);
    }
    if (bytes > MAX_BYTES) {
      throw new ValidationException("password", "must be at most " + MAX_BYTES
          + " bytes in UTF-8 (bcrypt reads no more), was " + bytes);
    }
    String s = new String(password);
    if (s.isBlank()) {
      throw new ValidationException("password", "must not be only spaces");
    }
    if (s.codePoints().distinct().count() == 1) {
      throw new ValidationException("password", "must not be one character repeated");
    }
    String core = s.toLowerCase(Locale.ROOT).replaceAll("^[\\p{N}\\p{P}\\p{S}\\s]+|[\\p{N}\\p{P}\\p{S}\\s]+$", "");
    if (core.isEmpty() || COMMON.contains(core) || COMMON.contains(s.toLowerCase(Locale.ROOT))) {
      throw new ValidationException("password", "is a common password, or one with digits or signs around it: "
          + "choose a passphrase of several words");
    }
  }

  /** Whether a password can be a valid one at all: bcrypt cannot check more than {@value #MAX_BYTES} bytes. */
  public static boolean checkable(String password) {
    return password != null && utf8Length(password.toCharArray()) <= MAX_BYTES;
  }

  private static int utf8Length(char[] password) {
    return StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)).remaining();
  }
}
