package crisis.core.registry.importing;

import crisis.core.common.TooLargeException;
import crisis.core.common.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An uploaded file copied to a temporary file while it is checked: at most {@code maxBytes}, not empty, strictly
 * valid in its character set, and kept as UTF-8 whatever it came in. The character set is the one a byte order mark
 * gives (UTF-8, UTF-16 LE or BE), else the one the request declares (one of {@link #CHARSETS}: what spreadsheets and
 * Windows save, Windows-1256 for Arabic files), else UTF-8. Its SHA-256, of the bytes as sent, identifies the import
 * run. Delete it with {@link #close()}.
 */
public final class SpooledFile implements AutoCloseable {
  /** The character sets a file may declare, by their canonical names. */
  public static final List<String> CHARSETS = List.of("UTF-8", "UTF-16LE", "UTF-16BE", "UTF-16", "windows-1252",
      "ISO-8859-1", "windows-1256");

  private final Path path;
  private final long size;
  private final String sha256;
  private final String charset;
  private final String charsetFrom;
  private final String sheet;

  private SpooledFile(Path path, long size, String sha256, String charset, String charsetFrom, String sheet) {
    this.path = path;
    this.size = size;
    this.sha256 = sha256;
    this.charset = charset;
    this.charsetFrom = charsetFrom;
    this.sheet = sheet;
  }

  /**
   * Copies an Excel workbook (.xlsx), at most {@code maxBytes}, and keeps one of its sheets as the registration CSV
   * ({@link Workbooks}): the first, or the one named. Its SHA-256 is the workbook's.
   *
   * @throws ValidationException (field "file" or "sheet") when it is empty, too large, not a workbook this system
   *     reads, hostile, or has no such sheet; nothing is kept
   */
  public static SpooledFile spoolWorkbook(InputStream in, long maxBytes, String sheet) {
    Path raw;
    Path csv;
    try {
      raw = Files.createTempFile("registrations-", ".xlsx");
      csv = Files.createTempFile("registrations-", ".csv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long total = 0;
      try (java.io.OutputStream out = Files.newOutputStream(raw)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          total += n;
          if (total > maxBytes) {
            throw new TooLargeException("file", "is larger than the limit of " + maxBytes + " bytes");
          }
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      if (total == 0) {
        throw new ValidationException("file", "is empty");
      }
      String read = Workbooks.toCsv(raw, sheet == null || sheet.isBlank() ? null : sheet.strip(), csv);
      return new SpooledFile(csv, total, HexFormat.of().formatHex(sha.digest()), null, null, read);
    } catch (IOException e) {
      delete(csv);
      throw new UncheckedIOException("cannot read the upload: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      delete(csv);
      throw e;
    } catch (NoSuchAlgorithmException e) {
      delete(csv);
      throw new IllegalStateException(e);
    } finally {
      delete(raw);
    }
  }

  /** Copies and checks a UTF-8 stream (a byte order mark may say otherwise). */
  public static SpooledFile spool(InputStream in, long maxBytes) {
    return spool(in, maxBytes, null);
  }

  /**
   * Copies and checks a stream in the character set its byte order mark gives, else {@code declared} (null: none
   * declared, UTF-8).
   *
   * @throws ValidationException (field "charset") for a character set not in {@link #CHARSETS}; (field "file") when
   *     the data is empty, too large or not valid in its character set; nothing is kept
   */
  public static SpooledFile spool(InputStream in, long maxBytes, String declared) {
    Charset declaredCharset = declared == null || declared.isBlank() ? null : allowed(declared.strip());
    Path tmp;
    try {
      tmp = Files.createTempFile("registrations-", ".csv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (PushbackInputStream bytes = new PushbackInputStream(in, 3);
         Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] head = bytes.readNBytes(3);
      Charset charset;
      String from;
      int bom;
      if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
        charset = StandardCharsets.UTF_8;
        from = "byte order mark";
        bom = 3;
      } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
        charset = StandardCharsets.UTF_16LE;
        from = "byte order mark";
        bom = 2;
      } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
        charset = StandardCharsets.UTF_16BE;
        from = "byte order mark";
        bom = 2;
      } else {
        charset = declaredCharset == null ? StandardCharsets.UTF_8 : declaredCharset;
        from = declaredCharset == null ? "default" : "declared";
        bom = 0;
      }
      // The mark is hashed and counted here; the rest of the first bytes is read again below.
      sha.update(head, 0, bom);
      bytes.unread(head, bom, head.length - bom);
      CharsetDecoder decoder = charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
      String name = charset.name();
      byte[] buf = new byte[1 << 16];
      ByteBuffer pending = ByteBuffer.allocate(buf.length + 8);
      CharBuffer chars = CharBuffer.allocate(buf.length + 8);
      long total = bom;
      long line = 1;
      long consumed = bom;
      int n;
      while ((n = bytes.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new TooLargeException("file", "is larger than the limit of " + maxBytes + " bytes");
        }
        sha.update(buf, 0, n);
        pending.put(buf, 0, n).flip();
        CoderResult r = decoder.decode(pending, chars, false);
        if (r.isError()) {
          line += write(chars, out);
          throw new ValidationException("file", notValid(name, consumed + pending.position(), line));
        }
        line += write(chars, out);
        consumed += pending.position();
        pending.compact();
      }
      pending.flip();
      CoderResult r = decoder.decode(pending, chars, true);
      if (r.isError() || decoder.flush(chars).isError() || pending.hasRemaining()) {
        throw new ValidationException("file", "is not valid " + name + ": it ends in the middle of a character");
      }
      write(chars, out);
      if (total == bom) {
        throw new ValidationException("file", "is empty");
      }
      return new SpooledFile(tmp, total, HexFormat.of().formatHex(sha.digest()), name, from, null);
    } catch (IOException e) {
      delete(tmp);
      throw new UncheckedIOException("cannot read the upload: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      delete(tmp);
      throw e;
    } catch (NoSuchAlgorithmException e) {
      delete(tmp);
      throw new IllegalStateException(e);
    }
  }

  /** A declared character set, if it is one a file may come in. */
  private static Charset allowed(String declared) {
    try {
      Charset c = Charset.forName(declared);
      if (CHARSETS.contains(c.name())) {
        return c;
      }
    } catch (IllegalArgumentException e) {
      // not a character set this JVM knows: refused below like one it knows but does not take
    }
    throw new ValidationException("charset", "must be one of " + String.join(", ", CHARSETS));
  }

  private static String notValid(String charset, long offset, long line) {
    return "UTF-8".equals(charset)
        ? "is not valid UTF-8: bad byte at offset " + offset + " (line " + line + "); save the file as UTF-8 or say its encoding (charset)"
        : "is not valid " + charset + ": bad byte at offset " + offset + " (line " + line + ")";
  }

  /** Writes what was decoded and says how many lines it ended. */
  private static long write(CharBuffer chars, Writer out) throws IOException {
    chars.flip();
    long count = 0;
    for (int i = chars.position(); i < chars.limit(); i++) {
      if (chars.get(i) == '\n') {
        count++;
      }
    }
    out.append(chars);
    chars.clear();
    return count;
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a temporary file left behind is removed by the OS; nothing else to do
    }
  }

  public Path path() {
    return path;
  }

  public long size() {
    return size;
  }

  public String sha256() {
    return sha256;
  }

  /** The character set the file came in (canonical name), and what said so: byte order mark, declared, default. */
  public String charset() {
    return charset;
  }

  public String charsetFrom() {
    return charsetFrom;
  }

  /** For a workbook, the sheet that was read; null for a CSV file. */
  public String sheet() {
    return sheet;
  }

  @Override
  public void close() {
    delete(path);
  }
}
