package crisis.core.registry.importing;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;

/**
 * A workbook's shared string table kept on disk rather than in memory. Excel writes every text cell of a sheet as an
 * index into this table, so a register of 100,000 people holds millions of distinct texts (names, numbers,
 * addresses): POI's read-only table keeps them all as Java strings, and memory then grows with the file. Here each
 * text is written once, in UTF-8, to a file of its own, and only its place is kept (12 bytes a text); a cell's text is
 * read back from the file, mapped in segments of {@value #SEGMENT} bytes, when the sheet names it. A text's rich runs
 * are joined, its phonetic guides ({@code rPh}, the readings of East Asian names) left out, as Excel shows it.
 * One reader at a time (the sheet's parser); deleted when closed.
 */
final class SharedStringsOnDisk implements SharedStrings, Closeable {
  /** The bytes of one mapped segment; a text never crosses one. */
  static final int SEGMENT = 1 << 30;

  private final Path file;
  private final int segment;
  private long[] starts = new long[1024];
  private int[] lengths = new int[1024];
  private int count;
  private final List<MappedByteBuffer> segments = new ArrayList<>();

  /**
   * Reads a shared string table's XML ({@code xl/sharedStrings.xml}); null for a workbook without one.
   *
   * @param dir where the texts' file is kept until {@link #close}
   */
  SharedStringsOnDisk(InputStream xml, Path dir) throws IOException {
    this(xml, dir, SEGMENT);
  }

  /** The same, with segments of {@code segment} bytes (small ones in tests). */
  SharedStringsOnDisk(InputStream xml, Path dir, int segment) throws IOException {
    this.segment = segment;
    file = Files.createTempFile(dir, "shared-strings-", ".bin");
    long end = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      if (xml != null) {
        end = read(xml, out);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      for (long at = 0; at < end; at += segment) {
        segments.add(channel.map(FileChannel.MapMode.READ_ONLY, at, Math.min(segment, end - at)));
      }
    }
  }

  /** Writes each text of the table in turn; returns the bytes written. */
  private long read(InputStream xml, OutputStream out) throws IOException {
    long at = 0;
    StringBuilder text = new StringBuilder();
    boolean inText = false;
    int phonetic = 0;
    try {
      XMLStreamReader r = XMLHelper.newXMLInputFactory().createXMLStreamReader(xml);
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            switch (r.getLocalName()) {
              case "si" -> text.setLength(0);
              case "rPh" -> phonetic++;
              case "t" -> inText = phonetic == 0;
              default -> { }
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (inText) {
              text.append(r.getText());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            switch (r.getLocalName()) {
              case "t" -> inText = false;
              case "rPh" -> phonetic--;
              case "si" -> {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                // A text never crosses a segment: it starts the next one instead.
                long room = segment - at % segment;
                if (bytes.length > segment) {
                  throw new IOException("a shared string is longer than " + segment + " bytes");
                }
                if (bytes.length > room) {
                  out.write(new byte[(int) room]);
                  at += room;
                }
                if (count == starts.length) {
                  starts = Arrays.copyOf(starts, starts.length * 2);
                  lengths = Arrays.copyOf(lengths, lengths.length * 2);
                }
                starts[count] = at;
                lengths[count++] = bytes.length;
                out.write(bytes);
                at += bytes.length;
              }
              default -> { }
            }
          }
          default -> { }
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw new IOException("the workbook's shared strings cannot be read", e);
    }
    return at;
  }

  /** The text at an index. */
  String text(int index) {
    if (index < 0 || index >= count) {
      throw new IllegalStateException("a cell names shared string " + index + " of " + count);
    }
    long start = starts[index];
    byte[] bytes = new byte[lengths[index]];
    if (bytes.length > 0) {
      ByteBuffer part = segments.get((int) (start / segment)).duplicate();
      part.position((int) (start % segment));
      part.get(bytes);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public RichTextString getItemAt(int idx) {
    return new XSSFRichTextString(text(idx));
  }

  @Override
  public int getCount() {
    return count;
  }

  @Override
  public int getUniqueCount() {
    return count;
  }

  @Override
  public void close() {
    segments.clear();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
