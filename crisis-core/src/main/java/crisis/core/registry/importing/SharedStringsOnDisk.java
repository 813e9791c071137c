package crisis.core.registry.importing;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
 * text is written once, in UTF-8, to a file, and its place (start and length, 8 bytes) to a second one; both are
 * mapped in segments and a cell's text is read back when the sheet names it, so the heap holds neither the texts nor
 * their places. A text's rich runs are joined, its phonetic guides ({@code rPh}, the readings of East Asian names)
 * left out, as Excel shows it; a text longer than Excel's own limit ({@value #MAX_CHARS} characters) is refused.
 * One reader at a time (the sheet's parser); both files deleted when closed.
 */
final class SharedStringsOnDisk implements SharedStrings, Closeable {
  /** The bytes of one mapped segment of the texts; a text never crosses one. */
  static final int SEGMENT = 1 << 30;
  /** Excel's limit of characters in a cell. */
  static final int MAX_CHARS = 32_767;
  private static final int PLACE_BYTES = Long.BYTES;
  /** Places per mapped segment of the index. */
  private static final int PLACES_PER_SEGMENT = SEGMENT / PLACE_BYTES;

  private final Path texts;
  private final Path places;
  private final int segment;
  private int count;
  private final List<MappedByteBuffer> textSegments = new ArrayList<>();
  private final List<MappedByteBuffer> placeSegments = new ArrayList<>();

  /**
   * Reads a shared string table's XML ({@code xl/sharedStrings.xml}); null for a workbook without one.
   *
   * @param dir where the files are kept until {@link #close}
   */
  SharedStringsOnDisk(InputStream xml, Path dir) throws IOException {
    this(xml, dir, SEGMENT);
  }

  /** The same, with segments of the texts of {@code segment} bytes (small ones in tests). */
  SharedStringsOnDisk(InputStream xml, Path dir, int segment) throws IOException {
    this.segment = segment;
    texts = Files.createTempFile(dir, "shared-strings-", ".bin");
    Path index = null;
    boolean done = false;
    try {
      index = Files.createTempFile(dir, "shared-strings-", ".idx");
      long end = 0;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(texts), 1 << 16);
           DataOutputStream at = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(index),
               1 << 16))) {
        if (xml != null) {
          end = read(xml, out, at);
        }
      }
      try (FileChannel channel = FileChannel.open(texts, StandardOpenOption.READ)) {
        for (long from = 0; from < end; from += segment) {
          textSegments.add(channel.map(FileChannel.MapMode.READ_ONLY, from, Math.min(segment, end - from)));
        }
      }
      long indexBytes = (long) count * PLACE_BYTES;
      try (FileChannel channel = FileChannel.open(index, StandardOpenOption.READ)) {
        for (long from = 0; from < indexBytes; from += (long) PLACES_PER_SEGMENT * PLACE_BYTES) {
          placeSegments.add(channel.map(FileChannel.MapMode.READ_ONLY, from,
              Math.min((long) PLACES_PER_SEGMENT * PLACE_BYTES, indexBytes - from)));
        }
      }
      done = true;
    } finally {
      places = index;
      if (!done) {
        close();
      }
    }
  }

  /** Writes each text of the table in turn, and its place; returns the bytes of texts written. */
  private long read(InputStream xml, OutputStream out, DataOutputStream index) throws IOException {
    long at = 0;
    StringBuilder text = new StringBuilder();
    byte[] padding = new byte[8192];
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
              if (text.length() > MAX_CHARS) {
                throw new IOException("a text of the workbook is longer than Excel's " + MAX_CHARS + " characters");
              }
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            switch (r.getLocalName()) {
              case "t" -> inText = false;
              case "rPh" -> phonetic--;
              case "si" -> {
                if (count == Integer.MAX_VALUE) {
                  throw new IOException("the workbook has more texts than a sheet can name");
                }
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                if (bytes.length > segment) {
                  throw new IOException("a shared string is longer than " + segment + " bytes");
                }
                // A text never crosses a segment: it starts the next one instead.
                long room = segment - at % segment;
                if (bytes.length > room) {
                  for (long left = room; left > 0; left -= padding.length) {
                    out.write(padding, 0, (int) Math.min(padding.length, left));
                  }
                  at += room;
                }
                index.writeLong(at << 20 | bytes.length);
                count++;
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
    long place = placeSegments.get(index / PLACES_PER_SEGMENT).getLong((index % PLACES_PER_SEGMENT) * PLACE_BYTES);
    long start = place >>> 20;
    byte[] bytes = new byte[(int) (place & 0xFFFFF)];
    if (bytes.length > 0) {
      ByteBuffer part = textSegments.get((int) (start / segment)).duplicate();
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

  /** Deletes both files (their mapped segments are let go; the space returns when they are collected). */
  @Override
  public void close() throws IOException {
    textSegments.clear();
    placeSegments.clear();
    try {
      Files.deleteIfExists(texts);
    } finally {
      if (places != null) {
        Files.deleteIfExists(places);
      }
    }
  }
}
