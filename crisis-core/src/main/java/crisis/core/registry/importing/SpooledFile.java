package crisis.core.registry.importing;

import crisis.core.common.TooLargeException;
import crisis.core.common.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An uploaded file copied to a temporary file while it is checked: at most {@code maxBytes}, strictly valid UTF-8,
 * not empty. Its SHA-256 identifies the import run. Delete it with {@link #close()}.
 */
public final class SpooledFile implements AutoCloseable {
  private final Path path;
  private final long size;
  private final String sha256;

  private SpooledFile(Path path, long size, String sha256) {
    this.path = path;
    this.size = size;
    this.sha256 = sha256;
  }

  /**
   * Copies and checks a stream.
   *
   * @throws ValidationException (field "file") when the data is empty, too large or not UTF-8; nothing is kept
   */
  public static SpooledFile spool(InputStream in, long maxBytes) {
    Path tmp;
    try {
      tmp = Files.createTempFile("registrations-", ".csv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (OutputStream out = Files.newOutputStream(tmp)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
      byte[] buf = new byte[1 << 16];
      ByteBuffer pending = ByteBuffer.allocate(buf.length + 8);
      CharBuffer chars = CharBuffer.allocate(buf.length + 8);
      long total = 0;
      long line = 1;
      long consumed = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new TooLargeException("file", "is larger than the limit of " + maxBytes + " bytes");
        }
        out.write(buf, 0, n);
        sha.update(buf, 0, n);
        pending.put(buf, 0, n).flip();
        CoderResult r = utf8.decode(pending, chars, false);
        if (r.isError()) {
          line += newlines(chars);
          throw new ValidationException("file", "is not valid UTF-8: bad byte at offset "
              + (consumed + pending.position()) + " (line " + line + "); save the file as UTF-8");
        }
        line += newlines(chars);
        consumed += pending.position();
        pending.compact();
      }
      pending.flip();
      CoderResult r = utf8.decode(pending, chars, true);
      if (r.isError() || utf8.flush(chars).isError() || pending.hasRemaining()) {
        throw new ValidationException("file", "is not valid UTF-8: it ends in the middle of a character");
      }
      if (total == 0) {
        throw new ValidationException("file", "is empty");
      }
      return new SpooledFile(tmp, total, HexFormat.of().formatHex(sha.digest()));
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

  private static long newlines(CharBuffer chars) {
    chars.flip();
    long count = 0;
    while (chars.hasRemaining()) {
      if (chars.get() == '\n') {
        count++;
      }
    }
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

  @Override
  public void close() {
    delete(path);
  }
}
