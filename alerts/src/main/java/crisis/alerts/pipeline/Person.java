package crisis.alerts.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An alertable person as the join needs them: their point, sealed ({@code crisis.core.privacy.PositionSeal}; null when
 * they gave none: they can still be reached as a resident of a country zone) and their country of residence. Inside the
 * topology people travel packed as text lines ({@code id,position,s,language,country}, the {@code s} marking the sealed
 * form): the join copies them from its store into batches without parsing, and the alert step reads them without a JSON
 * parser — a crisis over 100,000 people moves 100,000 of them.
 */
public record Person(UUID id, String position, String language, String country) {

  /** One line, without the line break. */
  public String pack() {
    return id + "," + (position == null ? "" : position) + ",s," + (language == null ? "" : language) + ","
        + (country == null ? "" : country);
  }

  /**
   * A packed person. A line written by a release before issue 31 (4 or 5 fields, the point in clear) is read without
   * its point: until the re-publication of every registration that came with that change reaches the join, such a
   * person is reached as a resident of their country only.
   */
  public static Person unpack(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 4 && f.length != 5) {
      throw new IllegalArgumentException("a packed person has 5 fields, not " + f.length);
    }
    boolean sealed = f.length == 5 && f[2].equals("s");
    return new Person(UUID.fromString(f[0]), sealed && !f[1].isEmpty() ? f[1] : null, f[3].isEmpty() ? null : f[3],
        f.length < 5 || f[4].isEmpty() ? null : f[4]);
  }
  /** People packed one per line. */
  public static List<Person> unpackAll(String lines) {
    List<Person> out = new ArrayList<>();
    int start = 0;
    while (start < lines.length()) {
      int end = lines.indexOf('\n', start);
      if (end < 0) {
        end = lines.length();
      }
      if (end > start) {
        out.add(unpack(lines.substring(start, end)));
      }
      start = end + 1;
    }
    return out;
  }
}
