package crisis.api.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * Passwords an embedded part makes for itself at its first start and keeps in a file readable by this user alone
 * (mode 600, written whole or not at all), so that later starts use the same ones.
 */
final class GeneratedCredentials {
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private GeneratedCredentials() {}

  /**
   * The file's passwords for {@code names}: read when the file holds them all, otherwise made (those it lacks) and
   * written. A null file: fresh passwords kept nowhere (a throw-away part).
   *
   * @param what what the passwords are for, written at the top of the file and in errors
   */
  static Properties readOrMake(Path file, String what, String... names) {
    return readOrMake(file, what, GeneratedCredentials::random, names);
  }

  /** The same, each missing value made by {@code maker} (a key rather than a password). */
  static Properties readOrMake(Path file, String what, java.util.function.Supplier<String> maker, String... names) {
    Properties p = new Properties();
    try {
      if (file != null && Files.exists(file)) {
        try (var in = Files.newBufferedReader(file)) {
          p.load(in);
        }
      }
      boolean made = false;
      for (String name : names) {
        if (p.getProperty(name) == null || p.getProperty(name).isBlank()) {
          p.setProperty(name, maker.get());
          made = true;
        }
      }
      if (made && file != null) {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "credentials", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newBufferedWriter(tmp)) {
          p.store(out, what + ": keep this file private");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + what + " in " + file, e);
    }
  }

  /** 24 random letters and digits (about 140 bits), without the look-alikes 0, O, 1, l and I. */
  static String random() {
    StringBuilder b = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
